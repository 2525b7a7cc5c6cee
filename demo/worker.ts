// The demo's Web Worker. It loads the MNIST test split once, then draws,
// measures and encodes off the main thread, so the page stays responsive.

import {
  EpisodeSamplerError,
  createSampler,
  encodeEpisodesNpz,
  fetchIdxDataset,
  type Dataset,
  type Sampler,
} from "../src/browser.js";
import type { DemoOptions, DemoReply, DemoRequest } from "./protocol.js";

/** The parts of the worker's global scope this file uses. */
interface WorkerScope {
  onmessage: ((event: MessageEvent<DemoRequest>) => void) | null;
  postMessage(message: DemoReply, transfer?: Transferable[]): void;
}

const scope = self as unknown as WorkerScope;

// The server gzips these on the fly, and the library inflates them here.
// That exercises the gzip path and moves 1.6 MB of images instead of 7.8 MB.
const MNIST_TEST = {
  images: "/data/t10k-images-idx3-ubyte.gz",
  labels: "/data/t10k-labels-idx1-ubyte.gz",
};

/** How long the rate is measured after each draw, in milliseconds. */
const RATE_WINDOW_MS = 500;

/** Image bytes per batch while measuring: large enough to amortise calls. */
const RATE_BATCH_BYTES = 4_000_000;

let dataset: Promise<Dataset> | undefined;

/** Creates a sampler for each request, from the options of that request. */
async function freshSampler(options: DemoOptions): Promise<Sampler> {
  const { count: _count, ...samplerOptions } = options;
  return createSampler({ dataset: await loadDataset(), ...samplerOptions });
}

/** Fetches MNIST once; a failed fetch is not kept, so the next try refetches. */
function loadDataset(): Promise<Dataset> {
  if (dataset === undefined) {
    const pending = fetchIdxDataset(MNIST_TEST);
    dataset = pending;
    pending.catch(() => {
      if (dataset === pending) dataset = undefined;
    });
  }
  return dataset;
}

function measureRate(sampler: Sampler, firstEpisode: number): number {
  const { queries, maxWays, shots } = sampler.options;
  const itemBytes = sampler.itemShape.reduce((a, b) => a * b, 1);
  const episodeBytes = (queries + maxWays * shots) * itemBytes;
  const batchSize = Math.max(1, Math.floor(RATE_BATCH_BYTES / episodeBytes));
  // One untimed batch first, so compilation and first allocations of the
  // batch arrays do not count against the rate. The timed batches are views
  // of the sampler's memory, the path a training loop takes.
  sampler.sampleView(batchSize, { start: firstEpisode });
  const timedStart = firstEpisode + batchSize;
  let start = timedStart;
  const began = performance.now();
  let elapsed = 0;
  while (elapsed < RATE_WINDOW_MS) {
    sampler.sampleView(batchSize, { start });
    start += batchSize;
    elapsed = performance.now() - began;
  }
  return ((start - timedStart) * 1000) / elapsed;
}

async function draw(request: DemoRequest): Promise<void> {
  const { id, options } = request;
  const sampler = await freshSampler(options);
  const batch = sampler.sample(options.count);
  const reply: DemoReply = {
    type: "batch",
    id,
    batch: {
      count: batch.count,
      itemShape: batch.itemShape,
      supportSlots: batch.supportSlots,
      queryImages: batch.queryImages as Uint8Array,
      queryLabels: batch.queryLabels,
      supportImages: batch.supportImages as Uint8Array,
      supportLabels: batch.supportLabels,
      supportMask: batch.supportMask,
    },
  };
  scope.postMessage(reply, [
    batch.queryImages.buffer,
    batch.supportImages.buffer,
  ]);
  const episodesPerSecond = measureRate(sampler, options.count);
  scope.postMessage({ type: "rate", id, episodesPerSecond });
}

async function download(request: DemoRequest): Promise<void> {
  const { id, options } = request;
  const sampler = await freshSampler(options);
  const bytes = encodeEpisodesNpz(sampler, { count: options.count });
  scope.postMessage({ type: "npz", id, bytes }, [bytes.buffer]);
}

async function handle(request: DemoRequest): Promise<void> {
  try {
    await (request.type === "draw" ? draw(request) : download(request));
  } catch (error) {
    const code =
      error instanceof EpisodeSamplerError ? error.code : "ERR_INTERNAL";
    const message = error instanceof Error ? error.message : String(error);
    scope.postMessage({ type: "error", id: request.id, code, message });
  }
}

// Requests run one at a time, in the order they arrive.
let queue = Promise.resolve();
scope.onmessage = (event) => {
  queue = queue.then(() => handle(event.data));
};
