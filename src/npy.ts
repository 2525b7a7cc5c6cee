// The .npy header (format 1.0, https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html):
// magic, version, a little-endian u16 header length, then a Python dict
// literal padded with spaces and a newline so the data starts on a 64-byte
// boundary.

/** Array element types written to .npy files. */
export type NpyDtype = "uint8" | "int32" | "float32";

/** numpy type string of each dtype, as written in .npy headers. */
export const NPY_DESCR: Record<NpyDtype, string> = {
  uint8: "|u1",
  int32: "<i4",
  float32: "<f4",
};

/** Bytes per element of each dtype. */
export const DTYPE_BYTES: Record<NpyDtype, number> = {
  uint8: 1,
  int32: 4,
  float32: 4,
};

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // "\x93NUMPY"
const ALIGNMENT = 64;

/** Returns the .npy header of a C-order array. */
export function npyHeader(
  dtype: NpyDtype,
  shape: readonly number[],
): Uint8Array {
  const shapeText =
    shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
  const dict = `{'descr': '${NPY_DESCR[dtype]}', 'fortran_order': False, 'shape': ${shapeText}, }`;
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
  return shape.reduce((product, size) => product * size, DTYPE_BYTES[dtype]);
}
