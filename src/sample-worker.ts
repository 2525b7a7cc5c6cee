// Entry point of one sampling worker thread (see src/workers.ts). It builds
// the same plan and engine as the calling thread, then draws each run of
// episodes it is sent straight into the shared output batch.

import { parentPort, workerData } from "node:worker_threads";
import { batchRange, type MutableBatch } from "./batch.js";
import { createPlan } from "./plan.js";
import { createEngine } from "./sampler.js";
import {
  SIGNAL_DONE,
  SIGNAL_FAILED,
  type WorkerJob,
  type WorkerSetup,
} from "./workers.js";

const setup = workerData as WorkerSetup;
const dataset = {
  images: setup.images,
  labels: setup.labels,
  itemShape: setup.itemShape,
  labelCount: setup.labelCount,
};
const plan = createPlan({ ...setup.options, dataset });
const engine = await createEngine(dataset, plan);
let output: MutableBatch | undefined;

function draw(job: WorkerJob): void {
  output = job.output ?? output;
  if (!output) throw new Error("Received a job before any output batch");
  const target = batchRange(output, plan.itemBytes, job.first, job.count);
  engine.sampleInto(target, job.start, job.count);
}

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
