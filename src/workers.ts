// Parallel sampling on worker threads. Each worker runs its own engine over
// one shared copy of the dataset (SharedArrayBuffer), and a batch is split
// into contiguous runs of episodes, one per worker. Episode i depends only on
// the seed and i, so the bytes are the same for any number of workers.
//
// Sampler methods are synchronous, so the calling thread posts the runs and
// then blocks in Atomics.wait until every worker has counted itself done in
// a shared signal word. Node allows Atomics.wait on its main thread; browsers
// do not, which is one reason this module is Node-only.

import {
  MessageChannel,
  Worker,
  receiveMessageOnPort,
  type MessagePort,
} from "node:worker_threads";
import {
  allocateBatch,
  batchRange,
  copyBatch,
  sharedArray,
  type MutableBatch,
} from "./batch.js";
import type { EngineBackend } from "./engine-js.js";
import { EpisodeSamplerError, ErrorCode } from "./errors.js";
import type { SamplingPlan } from "./plan.js";
import type { Dataset, SamplerOptions } from "./types.js";
import type { BatchBuffers } from "./wasm.js";
import { createSharedHotPath, type SharedWorkerState } from "./wasm-shared.js";

/** Inputs from which a worker running the JS engine builds its engine. */
export interface EngineSetup {
  readonly images: Uint8Array;
  readonly labels: Int32Array;
  readonly itemShape: readonly number[];
  readonly labelCount: number;
  readonly options: Omit<SamplerOptions, "dataset" | "workers">;
}

/** Data each worker starts with; see src/sample-worker.ts. */
export interface WorkerSetup {
  /** Set for the JS engine: the dataset in SharedArrayBuffers. */
  readonly engine?: EngineSetup;
  /** Set for the wasm engine: this worker's part of the shared memory. */
  readonly wasm?: SharedWorkerState;
  /** Int32 words: [runs finished, runs failed]. */
  readonly signal: Int32Array;
  /** Port for the message of each error the worker catches. */
  readonly errors: MessagePort;
}

/** One run of episodes for one worker. */
export interface WorkerJob {
  readonly start: number;
  readonly first: number;
  readonly count: number;
  /**
   * Set when the output changed since the last job: shared arrays for the
   * JS engine, buffer pointers in the shared memory for the wasm engine.
   */
  readonly output?: MutableBatch | BatchBuffers;
}

/** Output the workers write, and the calling thread's views of it. */
interface PoolOutput {
  /** Returns the output for `count` episodes; a new object means resend. */
  prepare(count: number): MutableBatch | BatchBuffers;
  /** Returns views of the first `count` episodes, after the workers ran. */
  view(count: number, start: number): MutableBatch;
}

/** Index of the finished-runs word and of the failed-runs word in signal. */
export const SIGNAL_DONE = 0;
export const SIGNAL_FAILED = 1;

const WORKER_URL = new URL("./sample-worker.js", import.meta.url);

/** Copies `array` into a SharedArrayBuffer unless it is in one already. */
function shareArray<T extends Uint8Array | Int32Array>(array: T): T {
  if (array.buffer instanceof SharedArrayBuffer) return array;
  const Type = array.constructor as { new (buffer: SharedArrayBuffer): T };
  const shared = new Type(new SharedArrayBuffer(array.byteLength));
  shared.set(array);
  return shared;
}

function startWorker(setup: WorkerSetup, port: MessagePort): Promise<Worker> {
  const worker = new Worker(WORKER_URL, {
    workerData: { ...setup, errors: port },
    transferList: [port],
  });
  // A sampler that is never closed must not keep the process alive.
  worker.unref();
  return new Promise((resolve, reject) => {
    worker.once("message", () => resolve(worker));
    worker.once("error", (error) =>
      reject(
        new EpisodeSamplerError(
          ErrorCode.workerFailed,
          `A sampling worker failed to start: ${error.message}`,
        ),
      ),
    );
  });
}

/** Splits `count` episodes into at most `parts` contiguous runs. */
export function splitRuns(count: number, parts: number): [number, number][] {
  const runs: [number, number][] = [];
  const base = Math.floor(count / parts);
  const extra = count % parts;
  let first = 0;
  for (let part = 0; part < parts; part++) {
    const size = base + (part < extra ? 1 : 0);
    if (size > 0) runs.push([first, size]);
    first += size;
  }
  return runs;
}

/**
 * Starts `plan.workers` threads that sample for one sampler, and returns
 * them as an engine. close() stops them.
 */
export async function createWorkerPool(
  dataset: Dataset,
  plan: SamplingPlan,
): Promise<EngineBackend & { close(): Promise<void> }> {
  const signal = new Int32Array(new SharedArrayBuffer(8));
  const channels = Array.from({ length: plan.workers }, () => {
    return new MessageChannel();
  });
  const { setups, output } =
    plan.engine === "wasm"
      ? await prepareWasm(dataset, plan)
      : prepareEngine(dataset, plan);
  const workers = await Promise.all(
    channels.map(({ port2 }, i) =>
      startWorker({ ...setups[i]!, signal, errors: port2 }, port2),
    ),
  );

  let sentOutput: unknown;
  const sent = new Set<Worker>();

  // Draws episodes start .. start + count - 1 into the shared output.
  function run(start: number, count: number): MutableBatch {
    const target = output.prepare(count);
    if (target !== sentOutput) {
      sentOutput = target;
      sent.clear();
    }
    const runs = splitRuns(count, workers.length);
    Atomics.store(signal, SIGNAL_DONE, 0);
    Atomics.store(signal, SIGNAL_FAILED, 0);
    runs.forEach(([first, size], index) => {
      const worker = workers[index]!;
      const job: WorkerJob = { start: start + first, first, count: size };
      worker.postMessage(sent.has(worker) ? job : { ...job, output: target });
      sent.add(worker);
    });
    waitFor(runs.length);
    return output.view(count, start);
  }

  // NOTE: a worker that dies without running its handler (killed, or out
  // of memory) never counts itself done, and this wait does not return.
  // Errors thrown while drawing are caught in the worker and reported.
  function waitFor(runs: number): void {
    for (;;) {
      const done = Atomics.load(signal, SIGNAL_DONE);
      if (done >= runs) break;
      Atomics.wait(signal, SIGNAL_DONE, done);
    }
    if (Atomics.load(signal, SIGNAL_FAILED) > 0) {
      const messages = channels.flatMap(({ port1 }) => {
        const received = receiveMessageOnPort(port1);
        return received ? [String(received.message)] : [];
      });
      throw new EpisodeSamplerError(
        ErrorCode.workerFailed,
        `A sampling worker failed: ${messages.join("; ")}`,
      );
    }
  }

  return {
    sampleInto(batch, start, count) {
      if (count > 0) copyBatch(run(start, count), batch);
    },
    sampleView: run,
    async close() {
      for (const { port1 } of channels) port1.close();
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}

type WorkerParts = Omit<WorkerSetup, "signal" | "errors">;

/** Shares the dataset for JS engines writing into shared arrays. */
function prepareEngine(
  dataset: Dataset,
  plan: SamplingPlan,
): { setups: WorkerParts[]; output: PoolOutput } {
  const engine: EngineSetup = {
    // createSampler lets only uint8 datasets reach the worker pool.
    images: shareArray(dataset.images as Uint8Array),
    labels: shareArray(dataset.labels),
    itemShape: [...dataset.itemShape],
    labelCount: dataset.labelCount,
    options: {
      ways: [plan.minWays, plan.maxWays],
      shots: plan.shots,
      queries: plan.queries,
      exclude: plan.exclude,
      seed: plan.seed,
      engine: plan.engine,
      dtype: plan.dtype,
    },
  };
  let batch: MutableBatch | undefined;
  let view: MutableBatch | undefined;
  const output: PoolOutput = {
    prepare(count) {
      if (!batch || batch.count < count) {
        batch = allocateBatch(plan, dataset.itemShape, count, 0, sharedArray);
      }
      return batch;
    },
    view(count, start) {
      if (view?.count !== count || view.ways.buffer !== batch!.ways.buffer) {
        view = batchRange(batch!, plan.itemBytes, 0, count);
      }
      view.start = start;
      return view;
    },
  };
  return {
    setups: Array.from({ length: plan.workers }, () => ({ engine })),
    output,
  };
}

/** Sets up one shared WebAssembly memory for wasm engines. */
async function prepareWasm(
  dataset: Dataset,
  plan: SamplingPlan,
): Promise<{ setups: WorkerParts[]; output: PoolOutput }> {
  const shared = await createSharedHotPath(dataset, plan, plan.workers);
  return {
    setups: shared.states.map((wasm) => ({ wasm })),
    output: {
      prepare: (count) => shared.ensureOutput(count),
      view: (count, start) => shared.view(count, start),
    },
  };
}
