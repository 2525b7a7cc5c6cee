// Fixed-size record of one episode in the bin format. Fields are ordered
// int32 first, then images, then uint8, so every field starts at a multiple
// of its element size. The record is padded to a multiple of 4 bytes, which
// keeps the next record aligned too. Bytes are little-endian.

import { DTYPE_BYTES, NPY_DESCR, type NumericDtype } from "./npy.js";
import type { EpisodeBatch, ResolvedOptions } from "./types.js";

/** One field of a record: a C-order array of one episode. */
export interface RecordField {
  readonly name: string;
  /** numpy type string, e.g. "<i4", "|u1", "<f4". */
  readonly dtype: string;
  /** Shape within one episode. */
  readonly shape: readonly number[];
  /** Offset from the start of the record, in bytes. */
  readonly offsetBytes: number;
  readonly byteLength: number;
}

/** Fields of a record and its size. */
export interface RecordLayout {
  readonly fields: readonly RecordField[];
  /** Size of one record in bytes, padding included. */
  readonly recordBytes: number;
}

type BatchKey = keyof EpisodeBatch;

// Field name, batch array, element type and per-episode shape.
function fieldList(
  options: ResolvedOptions,
  itemShape: readonly number[],
  labelCount: number,
): [string, BatchKey, NumericDtype, number[]][] {
  const q = options.queries;
  const s = options.maxWays * options.shots;
  const image = options.dtype;
  const groups: [string, BatchKey, NumericDtype, number[]][] =
    options.candidates === "dataset"
      ? []
      : [["query_groups", "queryGroups", "int32", [q]]];
  return [
    ["query_labels", "queryLabels", "int32", [q]],
    ["query_indices", "queryIndices", "int32", [q]],
    ["query_classes", "queryClasses", "int32", [q]],
    ["support_labels", "supportLabels", "int32", [s]],
    ["support_indices", "supportIndices", "int32", [s]],
    ["support_classes", "supportClasses", "int32", [s]],
    ["ways", "ways", "int32", []],
    ["query_images", "queryImages", image, [q, ...itemShape]],
    ["support_images", "supportImages", image, [s, ...itemShape]],
    ["support_mask", "supportMask", "uint8", [s]],
    ["candidates", "candidates", "uint8", [labelCount]],
    ...groups,
  ];
}

const RECORD_ALIGNMENT = 4;

/** Returns the record layout of a sampler's episodes. */
export function recordLayout(
  options: ResolvedOptions,
  itemShape: readonly number[],
  labelCount: number,
): RecordLayout {
  let offset = 0;
  const fields = fieldList(options, itemShape, labelCount).map(
    ([name, , dtype, shape]) => {
      const elements = shape.reduce((product, size) => product * size, 1);
      const field = {
        name,
        dtype: NPY_DESCR[dtype],
        shape,
        offsetBytes: offset,
        byteLength: elements * DTYPE_BYTES[dtype],
      };
      offset += field.byteLength;
      return field;
    },
  );
  const recordBytes = Math.ceil(offset / RECORD_ALIGNMENT) * RECORD_ALIGNMENT;
  return { fields, recordBytes };
}

/** Packs every episode of `batch` into consecutive records. */
export function packRecords(
  batch: EpisodeBatch,
  options: ResolvedOptions,
  layout: RecordLayout,
): Uint8Array {
  const out = new Uint8Array(batch.count * layout.recordBytes);
  const keys = fieldList(options, batch.itemShape, batch.labelCount);
  layout.fields.forEach((field, i) => {
    const array = batch[keys[i]![1]] as ArrayBufferView;
    const bytes = new Uint8Array(
      array.buffer,
      array.byteOffset,
      array.byteLength,
    );
    const size = field.byteLength;
    for (let e = 0; e < batch.count; e++) {
      const from = e * size;
      out.set(
        bytes.subarray(from, from + size),
        e * layout.recordBytes + field.offsetBytes,
      );
    }
  });
  return out;
}
