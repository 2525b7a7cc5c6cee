// The contents of an NPZ file of episodes: the arrays, in file order, with
// their element types and shapes. The Node file writer and the in-memory
// encoder for browsers share them, so both lay out the same bytes.

import { encodeUnicode, unicodeWidth, type NpyDtype } from "./npy.js";
import type { EpisodeBatch, Sampler } from "./types.js";

/** Episodes per batch when writing files: about 8 MB of float32 MNIST. */
export const DEFAULT_BATCH_SIZE = 256;

/** Name, element type and shape of one array of the archive. */
export interface NpzArraySpec {
  readonly name: string;
  readonly dtype: NpyDtype;
  readonly shape: readonly number[];
}

/**
 * Arrays of the NPZ output, in file order, with their shapes. When the
 * dataset has label names they come last, as `label_names`, so the entries
 * before them are laid out as without names.
 */
export function npzSpecs(sampler: Sampler, count: number): NpzArraySpec[] {
  const { queries, maxWays, shots, dtype } = sampler.options;
  const { itemShape, labelCount, labelNames } = sampler;
  const slots = maxWays * shots;
  const names: NpzArraySpec[] = labelNames
    ? [
        {
          name: "label_names",
          dtype: `U${unicodeWidth(labelNames)}`,
          shape: [labelNames.length],
        },
      ]
    : [];
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
    // Group modes only, after the entries every mode shares.
    ...(sampler.options.candidates === "dataset"
      ? []
      : [
          {
            name: "query_groups",
            dtype: "int32" as const,
            shape: [count, queries],
          },
        ]),
    ...names,
    // Scalars that record which episodes the file contains, so a file (a
    // shard, or a run with a random seed) can be replayed on its own.
    { name: "seed", dtype: "uint32", shape: [] },
    { name: "first_episode", dtype: "uint32", shape: [] },
  ];
}

/**
 * Returns the arrays that do not depend on the episodes: the label names,
 * the seed and the index of the first episode, to append once.
 */
export function npzRunArrays(
  sampler: Sampler,
  start: number,
): Record<string, ArrayBufferView> {
  const names = sampler.labelNames;
  return {
    ...(names && { label_names: encodeUnicode(names, unicodeWidth(names)) }),
    seed: Uint32Array.of(sampler.options.seed),
    first_episode: Uint32Array.of(start),
  };
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
    ...(batch.queryGroups && { query_groups: batch.queryGroups }),
  };
}

/** Anything that takes NPZ arrays in file order: the file or memory writer. */
export interface NpzArraySink {
  append(name: string, data: ArrayBufferView): void;
}

/** Appends every array of `arrays` to `sink`. */
export function appendArrays(
  sink: NpzArraySink,
  arrays: Record<string, ArrayBufferView>,
): void {
  for (const [name, data] of Object.entries(arrays)) sink.append(name, data);
}

/**
 * Draws episodes `start .. start + count - 1` in batches of `batchSize` and
 * appends them, and the run arrays, to `sink`. Each batch is a view that the
 * sink has consumed before the next call, so nothing is copied.
 */
export function appendEpisodes(
  sink: NpzArraySink,
  sampler: Sampler,
  options: {
    count: number;
    start: number;
    batchSize: number;
    onBatch?: (done: number) => void;
  },
): void {
  const { count, start, batchSize } = options;
  appendArrays(sink, npzRunArrays(sampler, start));
  for (let done = 0; done < count;) {
    const size = Math.min(batchSize, count - done);
    appendArrays(
      sink,
      npzArrays(sampler.sampleView(size, { start: start + done })),
    );
    done += size;
    options.onBatch?.(done);
  }
}
