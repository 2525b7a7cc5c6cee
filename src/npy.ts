// The .npy header (format 1.0, https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html):
// magic, version, a little-endian u16 header length, then a Python dict
// literal padded with spaces and a newline so the data starts on a 64-byte
// boundary.

/**
 * Array element types written to .npy files. `U${n}` is numpy's fixed-width
 * unicode string of n code points, stored as little-endian UCS-4, which
 * numpy loads without allow_pickle.
 */
export type NpyDtype = NumericDtype | `U${number}`;

/** Element types of numeric arrays. */
export type NumericDtype = "uint8" | "int32" | "uint32" | "float32";

/** numpy type string of each numeric dtype, as written in .npy headers. */
export const NPY_DESCR: Record<NumericDtype, string> = {
  uint8: "|u1",
  int32: "<i4",
  uint32: "<u4",
  float32: "<f4",
};

/** Bytes per element of each numeric dtype. */
export const DTYPE_BYTES: Record<NumericDtype, number> = {
  uint8: 1,
  int32: 4,
  uint32: 4,
  float32: 4,
};

function isUnicode(dtype: NpyDtype): dtype is `U${number}` {
  return dtype.startsWith("U");
}

/** Returns the bytes per element of `dtype`. */
export function dtypeBytes(dtype: NpyDtype): number {
  return isUnicode(dtype) ? 4 * Number(dtype.slice(1)) : DTYPE_BYTES[dtype];
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // "\x93NUMPY"
const ALIGNMENT = 64;

/** Returns the .npy header of a C-order array. */
export function npyHeader(
  dtype: NpyDtype,
  shape: readonly number[],
): Uint8Array {
  const shapeText =
    shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
  const descr = isUnicode(dtype) ? `<${dtype}` : NPY_DESCR[dtype];
  const dict = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  const prefixBytes = MAGIC.length + 2 + 2;
  const unpadded = prefixBytes + dict.length + 1;
  const total = Math.ceil(unpadded / ALIGNMENT) * ALIGNMENT;
  const text = dict.padEnd(total - prefixBytes - 1, " ") + "\n";

  const header = new Uint8Array(total);
  header.set(MAGIC, 0);
  header[6] = 1; // major version
  header[7] = 0; // minor version
  new DataView(header.buffer).setUint16(8, text.length, true); // little-endian
  header.set(new TextEncoder().encode(text), prefixBytes);
  return header;
}

/** Returns the byte length of an array of `dtype` and `shape`. */
export function arrayBytes(dtype: NpyDtype, shape: readonly number[]): number {
  return shape.reduce((product, size) => product * size, dtypeBytes(dtype));
}

/** Returns the code points of the longest string, at least 1. */
export function unicodeWidth(strings: readonly string[]): number {
  return Math.max(1, ...strings.map((text) => [...text].length));
}

/**
 * Encodes strings as a `U${width}` array: each string as little-endian
 * UCS-4 code points, padded with zeros to `width`.
 */
export function encodeUnicode(
  strings: readonly string[],
  width: number,
): Uint8Array {
  const out = new Uint8Array(strings.length * width * 4);
  const view = new DataView(out.buffer);
  strings.forEach((text, row) => {
    [...text].forEach((char, column) => {
      const at = (row * width + column) * 4;
      view.setUint32(at, char.codePointAt(0)!, true); // little-endian
    });
  });
  return out;
}
