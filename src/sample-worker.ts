// Entry point of one sampling worker thread (see src/workers.ts). For the
// JS engine it builds the same plan and engine as the calling thread over the
// shared dataset. For the wasm engine it runs the kernels on the shared
// WebAssembly memory. Either way it draws each run of episodes it is sent
// straight into the shared output.

import { parentPort, workerData } from "node:worker_threads";
import { batchRange, type MutableBatch } from "./batch.js";
import { createJsEngine } from "./engine-js.js";
import { createPlan } from "./plan.js";
import type { BatchBuffers } from "./wasm.js";
import { createSharedRunner } from "./wasm-shared.js";
import {
  SIGNAL_DONE,
  SIGNAL_FAILED,
  type EngineSetup,
  type WorkerJob,
  type WorkerSetup,
} from "./workers.js";

type Draw = (job: WorkerJob) => void;

async function wasmDraw(
  state: NonNullable<WorkerSetup["wasm"]>,
): Promise<Draw> {
  const runner = await createSharedRunner(state);
  let output: BatchBuffers | undefined;
  return (job) => {
    output = (job.output as BatchBuffers | undefined) ?? output;
    if (!output) throw new Error("Received a job before any output");
    runner(output, job.start, job.first, job.count);
  };
}

function engineDraw(setup: EngineSetup): Draw {
  const dataset = {
    images: setup.images,
    labels: setup.labels,
    itemShape: setup.itemShape,
    labelCount: setup.labelCount,
  };
  const plan = createPlan({ ...setup.options, dataset });
  const engine = createJsEngine(dataset, plan);
  let output: MutableBatch | undefined;
  return (job) => {
    output = (job.output as MutableBatch | undefined) ?? output;
    if (!output) throw new Error("Received a job before any output");
    const target = batchRange(output, plan.itemBytes, job.first, job.count);
    engine.sampleInto(target, job.start, job.count);
  };
}

const setup = workerData as WorkerSetup;
const draw = setup.wasm
  ? await wasmDraw(setup.wasm)
  : engineDraw(setup.engine!);

parentPort!.on("message", (job: WorkerJob) => {
  try {
    draw(job);
  } catch (error) {
    setup.errors.postMessage((error as Error).message);
    Atomics.add(setup.signal, SIGNAL_FAILED, 1);
  }
  // Count the run as finished either way, so the waiting thread wakes up.
  Atomics.add(setup.signal, SIGNAL_DONE, 1);
  Atomics.notify(setup.signal, SIGNAL_DONE);
});
parentPort!.postMessage("ready");
