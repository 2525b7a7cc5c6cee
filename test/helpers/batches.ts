// Small datasets built in code, and a byte-level batch comparison, shared by
// the tests that prove two ways of sampling give the same bytes.

import type { Dataset, EpisodeBatch } from "../../src/types.js";

/** Arrays of a batch, in NPZ order. */
export const BATCH_ARRAYS = [
  "queryImages",
  "queryLabels",
  "queryIndices",
  "queryClasses",
  "supportImages",
  "supportLabels",
  "supportIndices",
  "supportClasses",
  "supportMask",
  "ways",
  "candidates",
] as const;

/**
 * Builds a dataset of `labelCount` labels with uneven bucket sizes, whose
 * pixels run through every byte value 0..255.
 */
export function makeDataset(
  labelCount: number,
  itemShape: number[],
  itemsPerLabel: (label: number) => number = (label) => 6 + (label % 4),
): Dataset {
  const labelList: number[] = [];
  for (let label = 0; label < labelCount; label++) {
    for (let i = 0; i < itemsPerLabel(label); i++) labelList.push(label);
  }
  // Interleave labels so bucket rows are not contiguous.
  labelList.sort((a, b) => ((a * 7919) % 13) - ((b * 7919) % 13) || a - b);
  const itemBytes = itemShape.reduce((product, size) => product * size, 1);
  const images = new Uint8Array(labelList.length * itemBytes);
  for (let i = 0; i < images.length; i++) images[i] = (i * 37 + 11) & 0xff;
  return {
    images,
    labels: Int32Array.from(labelList),
    itemShape,
    labelCount,
  };
}

/** Returns the bytes of an array of a batch, first `count` episodes only. */
export function arrayBytes(
  batch: EpisodeBatch,
  name: (typeof BATCH_ARRAYS)[number],
  count = batch.count,
): Buffer {
  const array = batch[name];
  const length = (array.length / Math.max(batch.count, 1)) * count;
  return Buffer.from(
    array.buffer,
    array.byteOffset,
    length * array.BYTES_PER_ELEMENT,
  );
}

/**
 * Returns the first byte offset where two batches' arrays differ, or -1 when
 * they are equal. It is cheaper than a deep equality on megabyte buffers,
 * and the offset shows where to look.
 */
export function firstDifference(
  actual: EpisodeBatch,
  expected: EpisodeBatch,
  name: (typeof BATCH_ARRAYS)[number],
  count = expected.count,
): number {
  const a = arrayBytes(actual, name, count);
  const b = arrayBytes(expected, name, count);
  if (a.equals(b)) return -1;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return i;
  }
  return Math.min(a.length, b.length);
}
