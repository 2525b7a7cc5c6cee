// Turning parsed .npy arrays into the sampler's image bytes and label
// values. Images may be any integer type holding 0..255, or floats in
// 0..1 (scaled by 255) or 0..255; labels may be integers, integral floats
// or unicode names.

import { ErrorCode } from "../errors.js";
import { dataError } from "./data-error.js";
import type { NpyArray } from "./npy-array.js";

/** Largest numeric label: ids and values must fit an Int32Array. */
const MAX_LABEL = 2 ** 31 - 1;

type ElementReader = (index: number) => number;

/** Returns a reader of element `index` of a numeric array as a number. */
function elementReader(array: NpyArray): ElementReader {
  const { data, itemBytes, littleEndian: little } = array;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const at = (index: number) => index * itemBytes;
  switch (`${array.kind}${itemBytes}`) {
    case "u1":
    case "b1":
      return (index) => data[index]!;
    case "i1":
      return (index) => view.getInt8(index);
    case "u2":
      return (index) => view.getUint16(at(index), little);
    case "i2":
      return (index) => view.getInt16(at(index), little);
    case "u4":
      return (index) => view.getUint32(at(index), little);
    case "i4":
      return (index) => view.getInt32(at(index), little);
    case "u8":
      return (index) => Number(view.getBigUint64(at(index), little));
    case "i8":
      return (index) => Number(view.getBigInt64(at(index), little));
    case "f4":
      return (index) => view.getFloat32(at(index), little);
    default:
      return (index) => view.getFloat64(at(index), little);
  }
}

function badElement(
  array: NpyArray,
  index: number,
  expected: string,
  value: number | string,
) {
  return dataError(
    ErrorCode.badValue,
    {
      file: array.file,
      position: `element ${index} (byte ${array.dataOffset + index * array.itemBytes})`,
    },
    expected,
    `${value}`,
  );
}

function elementCount(array: NpyArray): number {
  return array.shape.reduce((product, size) => product * size, 1);
}

/**
 * Converts an image array of shape (N, ...item) to bytes.
 * @throws EpisodeSamplerError ERR_BAD_HEADER for fewer than 2 dimensions,
 *   ERR_UNSUPPORTED_DTYPE for bool or unicode, ERR_BAD_VALUE for a pixel
 *   outside 0..255 or not finite.
 */
export function npyImages(array: NpyArray): Uint8Array {
  if (array.shape.length < 2) {
    throw dataError(
      ErrorCode.badHeader,
      { file: array.file, position: "byte 10" },
      "an image array of shape (count, height, width) or (count, pixels)",
      `shape (${array.shape.join(", ")})`,
    );
  }
  if (array.kind === "b" || array.kind === "U") {
    throw dataError(
      ErrorCode.unsupportedDtype,
      { file: array.file, position: "byte 10" },
      "integer or float pixels",
      array.kind === "b" ? "bool" : "unicode",
    );
  }
  if (array.kind === "u" && array.itemBytes === 1) return array.data;
  return array.kind === "f" ? floatPixels(array) : integerPixels(array);
}

function integerPixels(array: NpyArray): Uint8Array {
  const read = elementReader(array);
  const out = new Uint8Array(elementCount(array));
  for (let i = 0; i < out.length; i++) {
    const value = read(i);
    if (value < 0 || value > 255) {
      throw badElement(array, i, "a pixel in 0..255", value);
    }
    out[i] = value;
  }
  return out;
}

function floatPixels(array: NpyArray): Uint8Array {
  const read = elementReader(array);
  const out = new Uint8Array(elementCount(array));
  let max = 0;
  for (let i = 0; i < out.length; i++) {
    const value = read(i);
    if (!(value >= 0 && value <= 255)) {
      throw badElement(array, i, "a pixel in 0..1 or 0..255", value);
    }
    max = Math.max(max, value);
  }
  // Floats that all fit in 0..1 are taken as normalised intensities.
  const scale = max <= 1 ? 255 : 1;
  for (let i = 0; i < out.length; i++) out[i] = Math.round(read(i) * scale);
  return out;
}

/** Label values of an array: numbers, or names for a unicode array. */
export type LabelValues =
  { readonly numbers: Float64Array } | { readonly names: string[] };

/**
 * Reads a label array of shape (N,) or (N, 1).
 * @throws EpisodeSamplerError ERR_BAD_HEADER for another shape, or
 *   ERR_BAD_VALUE for a label that is negative or not a whole number.
 */
export function npyLabels(array: NpyArray): LabelValues {
  const { shape } = array;
  if (shape.length === 0 || shape.length > 2 || (shape[1] ?? 1) !== 1) {
    throw dataError(
      ErrorCode.badHeader,
      { file: array.file, position: "byte 10" },
      "a label array of shape (count,) or (count, 1)",
      `shape (${shape.join(", ")})`,
    );
  }
  if (array.kind === "U") return { names: unicodeNames(array) };
  const read = elementReader(array);
  const numbers = new Float64Array(shape[0]!);
  for (let i = 0; i < numbers.length; i++) {
    const value = read(i);
    if (!Number.isInteger(value) || value < 0 || value > MAX_LABEL) {
      throw badElement(
        array,
        i,
        `a whole-number label in 0..${MAX_LABEL}`,
        value,
      );
    }
    numbers[i] = value;
  }
  return { numbers };
}

function unicodeNames(array: NpyArray): string[] {
  const read = elementReader({ ...array, kind: "u", itemBytes: 4 });
  const chars = array.itemBytes / 4;
  const names: string[] = [];
  for (let row = 0; row < array.shape[0]!; row++) {
    const codePoints: number[] = [];
    for (let c = 0; c < chars; c++) {
      const point = read(row * chars + c);
      if (point === 0) break; // numpy pads short strings with NUL
      if (point > 0x10ffff) {
        throw badElement(array, row, "a Unicode code point", point);
      }
      codePoints.push(point);
    }
    names.push(String.fromCodePoint(...codePoints));
  }
  return names;
}
