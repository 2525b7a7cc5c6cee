// The work every row of the benchmark does: one batch of episodes drawn from
// MNIST train under a fixed seed, for each sampler configuration.

import type { Dtype, EpisodeBatch } from "../dist/index.js";

/** Episodes per batch in every row. */
export const BATCH_SIZE = 1000;

/** Seed of every sampler. */
export const SEED = 20240601;

/** One sampler configuration: ways (fixed or a range) and shots K. */
export interface Workload {
  readonly name: string;
  readonly ways: number | [number, number];
  readonly shots: number;
}

/** The configurations the table compares. */
export const WORKLOADS: readonly Workload[] = [
  { name: "ways 1..10, K=1", ways: [1, 10], shots: 1 },
  { name: "ways 1..10, K=5", ways: [1, 10], shots: 5 },
  { name: "10-way, K=1", ways: 10, shots: 1 },
  { name: "10-way, K=5", ways: 10, shots: 5 },
];

export const DTYPES: readonly Dtype[] = ["uint8", "float32"];

/** Bytes of every array of a batch: what an engine writes per batch. */
export function batchByteLength(batch: EpisodeBatch): number {
  return [
    batch.queryImages,
    batch.queryLabels,
    batch.queryIndices,
    batch.queryClasses,
    batch.supportImages,
    batch.supportLabels,
    batch.supportIndices,
    batch.supportClasses,
    batch.supportMask,
    batch.ways,
    batch.candidates,
  ].reduce((total, array) => total + array.byteLength, 0);
}

/** Dataset rows of a batch in output order: queries, then support slots. */
export function batchRows(batch: EpisodeBatch): Int32Array {
  const rows = new Int32Array(
    batch.queryIndices.length + batch.supportIndices.length,
  );
  rows.set(batch.queryIndices);
  rows.set(batch.supportIndices, batch.queryIndices.length);
  return rows;
}

/**
 * Folds a few elements of a batch into a number. Each benchmark iteration
 * adds it to a sink that is printed at the end, so no engine's work can be
 * optimised away.
 */
export function consume(batch: EpisodeBatch): number {
  const last = batch.supportImages.length - 1;
  return (
    batch.queryImages[0]! +
    batch.supportImages[last]! +
    batch.supportIndices[batch.supportIndices.length - 1]! +
    batch.ways[batch.count - 1]!
  );
}
