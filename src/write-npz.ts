// Writing a run of episodes to one NPZ file, batch by batch.

import { resolve } from "node:path";
import { createNpzFileWriter } from "./npz-file.js";
import {
  DEFAULT_BATCH_SIZE,
  appendArrays,
  appendEpisodes,
  npzArrays,
  npzRunArrays,
  npzSpecs,
} from "./npz-layout.js";
import type { EpisodeSink } from "./run-episodes.js";
import type { Sampler } from "./types.js";

export {
  DEFAULT_BATCH_SIZE,
  npzArrays,
  npzRunArrays,
  npzSpecs,
} from "./npz-layout.js";

/** Progress of a long run, reported after every batch. */
export interface Progress {
  readonly done: number;
  readonly total: number;
}

/** Options of {@link writeEpisodesNpz}. */
export interface WriteNpzOptions {
  /** Number of episodes to write. */
  count: number;
  /** Index of the first episode. @default 0 */
  start?: number;
  /** Episodes per batch; memory use grows with it. @default 256 */
  batchSize?: number;
  /** Called after each batch is written. */
  onProgress?: (progress: Progress) => void;
}

/**
 * Draws `count` episodes and writes them to an NPZ file at `path`. The file
 * appears only when complete: on any error the partial file is deleted.
 */
export function writeEpisodesNpz(
  sampler: Sampler,
  path: string,
  options: WriteNpzOptions,
): void {
  const { count, start = 0, batchSize = DEFAULT_BATCH_SIZE } = options;
  const writer = createNpzFileWriter(path, npzSpecs(sampler, count));
  try {
    appendEpisodes(writer, sampler, {
      count,
      start,
      batchSize,
      onBatch: (done) => options.onProgress?.({ done, total: count }),
    });
    writer.close();
  } catch (error) {
    writer.abort();
    throw error;
  }
}

/**
 * Creates a sink that writes `count` episodes to an NPZ file at `path`, for
 * runEpisodes. The file appears only when the sink is closed.
 * @param start - index of the first episode, stored as `first_episode`.
 */
export function createNpzSink(
  sampler: Sampler,
  path: string,
  count: number,
  start = 0,
): EpisodeSink {
  const writer = createNpzFileWriter(path, npzSpecs(sampler, count));
  try {
    appendArrays(writer, npzRunArrays(sampler, start));
  } catch (error) {
    writer.abort();
    throw error;
  }
  return {
    target: resolve(path),
    write(batch) {
      appendArrays(writer, npzArrays(batch));
    },
    close: () => writer.close(),
    abort: () => writer.abort(),
  };
}
