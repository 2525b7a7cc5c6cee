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

/** Data each worker starts with; see src/sample-worker.ts. */
export interface WorkerSetup {
  readonly images: Uint8Array;
  readonly labels: Int32Array;
  readonly itemShape: readonly number[];
  readonly labelCount: number;
  readonly options: Omit<SamplerOptions, "dataset" | "workers">;
  /** Int32 words: [runs finished, runs failed]. */
  readonly signal: Int32Array;
  /** Where the worker posts the message of an error it caught. */
  readonly errors: MessagePort;
}

/** One run of episodes for one worker. */
export interface WorkerJob {
  readonly start: number;
  readonly first: number;
  readonly count: number;
  /** Set when the shared output batch changed since the last job. */
  readonly output?: MutableBatch;
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
  const setup: Omit<WorkerSetup, "errors"> = {
    images: shareArray(dataset.images),
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
    signal,
  };
  const workers = await Promise.all(
    channels.map(({ port2 }) =>
      startWorker({ ...setup, errors: port2 }, port2),
    ),
  );

  let output: MutableBatch | undefined;
  const sent = new Set<Worker>();
  let view: MutableBatch | undefined;

  // Draws episodes start .. start + count - 1 into the shared output batch.
  function run(start: number, count: number): MutableBatch {
    if (!output || output.count < count) {
      output = allocateBatch(plan, dataset.itemShape, count, 0, sharedArray);
      sent.clear();
    }
    const runs = splitRuns(count, workers.length);
    Atomics.store(signal, SIGNAL_DONE, 0);
    Atomics.store(signal, SIGNAL_FAILED, 0);
    runs.forEach(([first, size], index) => {
      const worker = workers[index]!;
      const job: WorkerJob = { start: start + first, first, count: size };
      worker.postMessage(sent.has(worker) ? job : { ...job, output });
      sent.add(worker);
    });
    waitFor(runs.length);
    return output;
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
      if (count === 0) return;
      const filled = run(start, count);
      copyBatch(batchRange(filled, plan.itemBytes, 0, count), batch);
    },
    sampleView(start, count) {
      const filled = run(start, count);
      if (
        view?.count !== count ||
        view.queryImages.buffer !== filled.queryImages.buffer
      ) {
        view = batchRange(filled, plan.itemBytes, 0, count);
      }
      view.start = start;
      return view;
    },
    async close() {
      for (const { port1 } of channels) port1.close();
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
