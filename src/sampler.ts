// The public entry point: validate once, pick an engine, draw batches.

import {
  allocateBatch,
  batchRange,
  checkOut,
  checkRange,
  type MutableBatch,
} from "./batch.js";
import { createJsEngine, type EngineBackend } from "./engine-js.js";
import { EpisodeSamplerError, ErrorCode } from "./errors.js";
import { createPlan, type SamplingPlan } from "./plan.js";
import { createWasmEngine } from "./wasm.js";
import type {
  Dataset,
  EpisodeBatch,
  Sampler,
  SamplerOptions,
} from "./types.js";

/** An engine, or a pool of workers that each run one, behind one interface. */
interface Backend extends EngineBackend {
  close?(): Promise<void>;
}

/** Creates the engine the plan names, on the calling thread. */
export async function createEngine(
  dataset: Dataset,
  plan: SamplingPlan,
): Promise<EngineBackend> {
  return plan.engine === "wasm"
    ? createWasmEngine(dataset, plan)
    : createJsEngine(dataset, plan);
}

async function createBackend(
  dataset: Dataset,
  plan: SamplingPlan,
): Promise<Backend> {
  if (plan.workers === 0) return createEngine(dataset, plan);
  // Loaded only here, so hosts without worker_threads never import it.
  const { createWorkerPool } = await import("./workers.js");
  return createWorkerPool(dataset, plan);
}

/**
 * Creates a sampler: validates the options against the dataset, builds the
 * label buckets and, for the wasm engine, instantiates the hot path.
 * @throws EpisodeSamplerError when an option or the dataset is invalid, with
 *   one of the codes in ErrorCode.
 */
export async function createSampler(options: SamplerOptions): Promise<Sampler> {
  const plan = createPlan(options);
  const { dataset } = options;
  const { itemShape } = dataset;
  const backend = await createBackend(dataset, plan);
  let closed = false;
  let reused: MutableBatch | undefined;

  function check(count: number, start: number): void {
    if (closed) {
      throw new EpisodeSamplerError(
        ErrorCode.samplerClosed,
        "Cannot sample after close(); create a new sampler",
      );
    }
    checkRange(plan, count, start);
  }

  // The view path for engines that own no output memory: one batch per size,
  // reused until a batch of another size arrives.
  function sampleReused(start: number, count: number): MutableBatch {
    if (reused?.count !== count) {
      reused = allocateBatch(plan, itemShape, count, start);
    }
    reused.start = start;
    backend.sampleInto(reused, start, count);
    return reused;
  }

  return {
    options: {
      minWays: plan.minWays,
      maxWays: plan.maxWays,
      shots: plan.shots,
      queries: plan.queries,
      exclude: plan.exclude,
      seed: plan.seed,
      engine: plan.engine,
      dtype: plan.dtype,
      workers: plan.workers,
    },
    itemShape,
    labelCount: plan.labelCount,
    sample(count, { start = 0 } = {}): EpisodeBatch {
      check(count, start);
      const batch = allocateBatch(plan, itemShape, count, start);
      backend.sampleInto(batch, start, count);
      return batch;
    },
    createBatch(count) {
      check(count, 0);
      return allocateBatch(plan, itemShape, count, 0);
    },
    sampleInto(out, count, { start = 0 } = {}) {
      check(count, start);
      const exact = checkOut(plan, out, count);
      const target = exact ? out : batchRange(out, plan.itemBytes, 0, count);
      backend.sampleInto(target as MutableBatch, start, count);
    },
    sampleView(count, { start = 0 } = {}): EpisodeBatch {
      check(count, start);
      return backend.sampleView
        ? backend.sampleView(start, count)
        : sampleReused(start, count);
    },
    async close() {
      closed = true;
      await backend.close?.();
    },
  };
}
