// Reader for the IDX format of MNIST (http://yann.lecun.com/exdb/mnist/):
// two zero bytes, a type byte (0x08 for unsigned bytes), a dimension count,
// then each dimension as a big-endian u32, then the data in C order.
// Runs in browsers too: it takes bytes, never paths.

import { gunzipSync } from "fflate";
import { EpisodeSamplerError, ErrorCode } from "./errors.js";
import type { Dataset } from "./types.js";

const UNSIGNED_BYTE = 0x08;
const HEADER_BYTES = 4;

/** A decoded IDX array of unsigned bytes. */
export interface IdxArray {
  readonly dims: readonly number[];
  readonly data: Uint8Array;
}

/** Returns the bytes, gunzipped when they start with the gzip magic. */
export function maybeGunzip(bytes: Uint8Array, name: string): Uint8Array {
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  try {
    return gunzipSync(bytes);
  } catch (error) {
    throw new EpisodeSamplerError(
      ErrorCode.truncatedFile,
      `${name}: gzip data is corrupt or truncated (${(error as Error).message}); download the file again`,
    );
  }
}

/** Parses an IDX file of unsigned bytes, plain or gzipped. */
export function parseIdx(raw: Uint8Array, name: string): IdxArray {
  const bytes = maybeGunzip(raw, name);
  const badHeader = (found: string): never => {
    throw new EpisodeSamplerError(
      ErrorCode.badHeader,
      `${name}: expected an IDX header of unsigned bytes (00 00 08 nn) but found ${found}`,
    );
  };
  if (bytes.length < HEADER_BYTES) badHeader(`only ${bytes.length} bytes`);
  if (bytes[0] !== 0 || bytes[1] !== 0 || bytes[2] !== UNSIGNED_BYTE) {
    badHeader(hex(bytes.subarray(0, HEADER_BYTES)));
  }
  const dimCount = bytes[3]!;
  if (dimCount === 0) badHeader("0 dimensions");
  const dataStart = HEADER_BYTES + 4 * dimCount;
  if (bytes.length < dataStart) {
    throw new EpisodeSamplerError(
      ErrorCode.truncatedFile,
      `${name}: header declares ${dimCount} dimensions but the file ends at byte ${bytes.length}`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims: number[] = [];
  for (let d = 0; d < dimCount; d++) {
    dims.push(view.getUint32(HEADER_BYTES + 4 * d, false)); // big-endian
  }
  const size = dims.reduce((product, dim) => product * dim, 1);
  const available = bytes.length - dataStart;
  if (available !== size) {
    throw new EpisodeSamplerError(
      available < size ? ErrorCode.truncatedFile : ErrorCode.badHeader,
      `${name}: header dims [${dims.join(", ")}] need ${size} data bytes but the file has ${available}`,
    );
  }
  return { dims, data: bytes.subarray(dataStart) };
}

function hex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join(" ");
}

/**
 * Builds a dataset from an IDX image file (N x H x W ...) and an IDX label
 * file (N). Labels run from 0 to the largest label found.
 */
export function datasetFromIdx(
  images: Uint8Array,
  labels: Uint8Array,
  names: { images: string; labels: string } = {
    images: "images",
    labels: "labels",
  },
): Dataset {
  const imageArray = parseIdx(images, names.images);
  const labelArray = parseIdx(labels, names.labels);
  if (imageArray.dims.length < 2) {
    throw new EpisodeSamplerError(
      ErrorCode.badHeader,
      `${names.images}: expected an image file with 2 or more dimensions but found ${imageArray.dims.length}`,
    );
  }
  if (labelArray.dims.length !== 1) {
    throw new EpisodeSamplerError(
      ErrorCode.badHeader,
      `${names.labels}: expected a label file with 1 dimension but found ${labelArray.dims.length}`,
    );
  }
  const count = imageArray.dims[0]!;
  if (labelArray.dims[0] !== count) {
    throw new EpisodeSamplerError(
      ErrorCode.countMismatch,
      `${names.images} has ${count} images but ${names.labels} has ${labelArray.dims[0]} labels; pair files of the same split`,
    );
  }
  const labelValues = Int32Array.from(labelArray.data);
  const labelCount = labelValues.reduce((max, l) => Math.max(max, l), 0) + 1;
  return {
    images: imageArray.data,
    labels: labelValues,
    itemShape: imageArray.dims.slice(1),
    labelCount,
  };
}

/** Joins datasets of one item shape, rows of the first before the second. */
export function concatDatasets(parts: readonly Dataset[]): Dataset {
  const first = parts[0]!;
  const images = new Uint8Array(parts.reduce((n, p) => n + p.images.length, 0));
  const labels = new Int32Array(parts.reduce((n, p) => n + p.labels.length, 0));
  let imageOffset = 0;
  let labelOffset = 0;
  for (const part of parts) {
    if (part.itemShape.join("x") !== first.itemShape.join("x")) {
      throw new EpisodeSamplerError(
        ErrorCode.invalidDataset,
        `Cannot join items of shape ${part.itemShape.join("x")} to items of shape ${first.itemShape.join("x")}`,
      );
    }
    images.set(part.images, imageOffset);
    labels.set(part.labels, labelOffset);
    imageOffset += part.images.length;
    labelOffset += part.labels.length;
  }
  const labelCount = Math.max(...parts.map((p) => p.labelCount));
  return { images, labels, itemShape: first.itemShape, labelCount };
}
