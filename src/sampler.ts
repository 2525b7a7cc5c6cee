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
import { createGroupJsEngine } from "./engine-groups.js";
import { createGroupPlan } from "./group-plan.js";
import { createPlan, type SamplingPlan } from "./plan.js";
import { createWasmEngine } from "./wasm.js";
import type {
  Dataset,
  EpisodeBatch,
  Sampler,
  SamplerOptions,
} from "./types.js";

const WORKERS_MODULE = "./workers.js";

/** An engine, or a pool of workers that each run one, behind one interface. */
interface Backend extends EngineBackend {
  close?(): Promise<void>;
}

/** Creates the engine the plan names, on the calling thread. */
export async function createEngine(
  dataset: Dataset,
  plan: SamplingPlan,
): Promise<EngineBackend> {
  if (plan.engine === "wasm") return createWasmEngine(dataset, plan);
  return plan.groups
    ? createGroupJsEngine(dataset, { ...plan, groups: plan.groups })
    : createJsEngine(dataset, plan);
}

async function createBackend(
  dataset: Dataset,
  plan: SamplingPlan,
): Promise<Backend> {
  if (plan.workers === 0) return createEngine(dataset, plan);
  if (plan.groups || !(dataset.images instanceof Uint8Array)) {
    throw new EpisodeSamplerError(
      ErrorCode.invalidOption,
      "Worker threads draw only plain candidate sets of uint8 items so far; set workers to 0 for group candidates or float32 records",
    );
  }
  // Loaded only here, so hosts without worker_threads never import it. The
  // path is a variable so that browser bundlers leave the module out.
  const { createWorkerPool } = (await import(
    WORKERS_MODULE
  )) as typeof import("./workers.js");
  return createWorkerPool(dataset, plan);
}

/**
 * Creates a sampler: validates the options against the dataset, builds the
 * label buckets and, for the wasm engine, instantiates the hot path.
 * @throws EpisodeSamplerError when an option or the dataset is invalid, with
 *   one of the codes in ErrorCode.
 */
export async function createSampler(options: SamplerOptions): Promise<Sampler> {
  const grouped =
    options?.candidates === "group" || options?.candidates === "group-all";
  const plan = grouped ? createGroupPlan(options) : createPlan(options);
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
      candidates: plan.candidates,
      workers: plan.workers,
    },
    itemShape,
    labelCount: plan.labelCount,
    ...(dataset.labelNames && { labelNames: dataset.labelNames }),
    groupNames: plan.groups?.groupNames,
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
