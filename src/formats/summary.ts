// Summary that `episodes info` prints about a dataset beyond its shape:
// images per label, labels with no images, and rows that repeat an earlier
// row.

import type { Dataset } from "../types.js";

/** Counts and suspicious findings of one dataset. */
export interface DatasetSummary {
  /** Images per label id. */
  readonly labelSizes: readonly number[];
  /** Label ids with no images. */
  readonly emptyLabels: readonly number[];
  /** Rows whose image and label equal those of an earlier row. */
  readonly duplicateRows: number;
  /** Rows whose image equals an earlier row's but whose label differs. */
  readonly conflictingRows: number;
  /** The first duplicate found: [earlier row, later row]. */
  readonly firstDuplicate?: readonly [number, number];
}

/** FNV-1a, 32-bit: cheap enough to hash every image of MNIST in ~0.1 s. */
function hashBytes(bytes: Uint8Array): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) {
    hash = Math.imul(hash ^ bytes[i]!, 0x01000193);
  }
  return hash >>> 0;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Counts images per label and finds duplicate and conflicting rows. */
export function summarizeDataset(dataset: Dataset): DatasetSummary {
  const labelSizes = new Array<number>(dataset.labelCount).fill(0);
  for (const label of dataset.labels) labelSizes[label]!++;
  // Float32 records are compared by their bytes too.
  const { images } = dataset;
  const bytes = new Uint8Array(
    images.buffer,
    images.byteOffset,
    images.byteLength,
  );
  const itemBytes =
    dataset.itemShape.reduce((a, b) => a * b, 1) * images.BYTES_PER_ELEMENT;
  const image = (row: number) =>
    bytes.subarray(row * itemBytes, (row + 1) * itemBytes);

  // Rows by image hash; a hash match is confirmed byte by byte.
  const rowsByHash = new Map<number, number[]>();
  let duplicateRows = 0;
  let conflictingRows = 0;
  let firstDuplicate: [number, number] | undefined;
  for (let row = 0; row < dataset.labels.length; row++) {
    const hash = hashBytes(image(row));
    const earlier = rowsByHash.get(hash) ?? [];
    const match = earlier.find((other) => sameBytes(image(other), image(row)));
    if (match === undefined) {
      earlier.push(row);
      rowsByHash.set(hash, earlier);
    } else if (dataset.labels[match] === dataset.labels[row]) {
      duplicateRows++;
      firstDuplicate ??= [match, row];
    } else {
      conflictingRows++;
    }
  }
  const emptyLabels = [...labelSizes.keys()].filter((l) => !labelSizes[l]);
  return {
    labelSizes,
    emptyLabels,
    duplicateRows,
    conflictingRows,
    ...(firstDuplicate && { firstDuplicate }),
  };
}
