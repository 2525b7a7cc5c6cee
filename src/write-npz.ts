// Writing a run of episodes to one NPZ file, batch by batch.

import { createNpzFileWriter, type NpzArraySpec } from "./npz-file.js";
import type { EpisodeBatch, Sampler } from "./types.js";

/** Episodes per batch when writing files: about 8 MB of float32 MNIST. */
export const DEFAULT_BATCH_SIZE = 256;

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

/** Arrays of the NPZ output, in file order, with their shapes. */
export function npzSpecs(sampler: Sampler, count: number): NpzArraySpec[] {
  const { queries, maxWays, shots, dtype } = sampler.options;
  const { itemShape, labelCount } = sampler;
  const slots = maxWays * shots;
  return [
    { name: "query_images", dtype, shape: [count, queries, ...itemShape] },
    { name: "query_labels", dtype: "int32", shape: [count, queries] },
    { name: "query_indices", dtype: "int32", shape: [count, queries] },
    { name: "query_classes", dtype: "int32", shape: [count, queries] },
    { name: "support_images", dtype, shape: [count, slots, ...itemShape] },
    { name: "support_labels", dtype: "int32", shape: [count, slots] },
    { name: "support_indices", dtype: "int32", shape: [count, slots] },
    { name: "support_classes", dtype: "int32", shape: [count, slots] },
    { name: "support_mask", dtype: "uint8", shape: [count, slots] },
    { name: "ways", dtype: "int32", shape: [count] },
    { name: "candidates", dtype: "uint8", shape: [count, labelCount] },
  ];
}

/** Returns the array of a batch that goes to each NPZ entry. */
export function npzArrays(
  batch: EpisodeBatch,
): Record<string, ArrayBufferView> {
  return {
    query_images: batch.queryImages,
    query_labels: batch.queryLabels,
    query_indices: batch.queryIndices,
    query_classes: batch.queryClasses,
    support_images: batch.supportImages,
    support_labels: batch.supportLabels,
    support_indices: batch.supportIndices,
    support_classes: batch.supportClasses,
    support_mask: batch.supportMask,
    ways: batch.ways,
    candidates: batch.candidates,
  };
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
    for (let done = 0; done < count;) {
      const size = Math.min(batchSize, count - done);
      // A view, not a copy: the writer is done with it before the next call.
      const batch = sampler.sampleView(size, { start: start + done });
      for (const [name, data] of Object.entries(npzArrays(batch))) {
        writer.append(name, data);
      }
      done += size;
      options.onProgress?.({ done, total: count });
    }
    writer.close();
  } catch (error) {
    writer.abort();
    throw error;
  }
}
