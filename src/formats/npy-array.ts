// Reader for one .npy array (format versions 1.0, 2.0 and 3.0, see
// https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html):
// magic "\x93NUMPY", version, a little-endian header length (u16 in 1.0,
// u32 after), a Python dict literal with descr, fortran_order and shape,
// then the elements in C order.

import { ErrorCode } from "../errors.js";
import { dataError, quote } from "./data-error.js";

/** A parsed array whose elements are still raw bytes. */
export interface NpyArray {
  /** Name for messages, such as `mnist.npz: x_train.npy`. */
  readonly file: string;
  /** Kind letter of the dtype: u, i, f, b (bool) or U (unicode). */
  readonly kind: "u" | "i" | "f" | "b" | "U";
  readonly itemBytes: number;
  readonly littleEndian: boolean;
  readonly shape: readonly number[];
  /** Element bytes, `itemBytes * product(shape)` of them. */
  readonly data: Uint8Array;
  /** Offset of `data` in the file, for error positions. */
  readonly dataOffset: number;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];
const DESCR = /^([<>|=])([uifbU])(\d+)$/;
const NUMERIC_BYTES: Record<string, readonly number[]> = {
  u: [1, 2, 4, 8],
  i: [1, 2, 4, 8],
  f: [4, 8],
  b: [1],
};

/** True when `bytes` start with the .npy magic. */
export function isNpy(bytes: Uint8Array): boolean {
  return MAGIC.every((byte, i) => bytes[i] === byte);
}

function readHeaderText(bytes: Uint8Array, file: string) {
  if (bytes.length < 10 || !isNpy(bytes)) {
    throw dataError(
      ErrorCode.badHeader,
      { file, position: "byte 0" },
      'the .npy magic "\\x93NUMPY"',
      bytes.length < 10 ? `${bytes.length} bytes` : "other bytes",
    );
  }
  const major = bytes[6]!;
  if (major < 1 || major > 3) {
    throw dataError(
      ErrorCode.badHeader,
      { file, position: "byte 6" },
      ".npy format version 1, 2 or 3",
      `${major}`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const lengthBytes = major === 1 ? 2 : 4;
  const start = 8 + lengthBytes;
  const length =
    major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  if (bytes.length < start + length) {
    throw dataError(
      ErrorCode.truncatedFile,
      { file, position: `byte ${bytes.length}` },
      `a header of ${length} bytes from byte ${start}`,
      "the end of the file",
    );
  }
  const decoder = new TextDecoder(major === 3 ? "utf-8" : "latin1");
  const text = decoder.decode(bytes.subarray(start, start + length));
  return { text, dataOffset: start + length };
}

function headerField(text: string, pattern: RegExp, file: string): string {
  const match = pattern.exec(text);
  if (!match) {
    throw dataError(
      ErrorCode.badHeader,
      { file, position: "byte 10" },
      `a header dict with ${pattern.source.split("'")[1]}`,
      quote(text.trim()),
    );
  }
  return match[1]!;
}

function parseShape(text: string, file: string): number[] {
  const parts = text
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "");
  return parts.map((part) => {
    if (!/^\d+L?$/.test(part)) {
      throw dataError(
        ErrorCode.badHeader,
        { file, position: "byte 10" },
        "a shape of non-negative integers",
        quote(text),
      );
    }
    return Number.parseInt(part, 10);
  });
}

function parseDescr(descr: string, file: string) {
  const match = DESCR.exec(descr);
  const kind = match?.[2] as NpyArray["kind"] | undefined;
  const size = Number(match?.[3]);
  const valid =
    kind !== undefined &&
    (kind === "U" ? size > 0 : NUMERIC_BYTES[kind]!.includes(size));
  if (!valid) {
    throw dataError(
      ErrorCode.unsupportedDtype,
      { file, position: "byte 10" },
      "an array of unsigned or signed integers, float32, float64, bool or unicode",
      `dtype ${quote(descr)}`,
      "convert the array with numpy's astype first",
    );
  }
  return {
    kind: kind!,
    itemBytes: kind === "U" ? 4 * size : size,
    littleEndian: match![1] !== ">",
  };
}

/**
 * Parses a .npy file. `file` names it in messages.
 * @throws EpisodeSamplerError ERR_BAD_HEADER, ERR_TRUNCATED_FILE or
 *   ERR_UNSUPPORTED_DTYPE (structured dtypes, Fortran order).
 */
export function parseNpy(bytes: Uint8Array, file: string): NpyArray {
  const { text, dataOffset } = readHeaderText(bytes, file);
  const descr = headerField(text, /'descr':\s*'([^']*)'/, file);
  const order = headerField(text, /'fortran_order':\s*(True|False)/, file);
  const shape = parseShape(
    headerField(text, /'shape':\s*\(([^)]*)\)/, file),
    file,
  );
  const { kind, itemBytes, littleEndian } = parseDescr(descr, file);
  if (order === "True" && shape.length > 1) {
    throw dataError(
      ErrorCode.unsupportedDtype,
      { file, position: "byte 10" },
      "an array in C order",
      "fortran_order True",
      "save it with numpy.ascontiguousarray first",
    );
  }
  const needed = shape.reduce((product, size) => product * size, itemBytes);
  const available = bytes.length - dataOffset;
  if (available !== needed) {
    throw dataError(
      available < needed ? ErrorCode.truncatedFile : ErrorCode.badHeader,
      { file, position: `byte ${dataOffset}` },
      `${needed} data bytes for shape (${shape.join(", ")}) of ${descr}`,
      `${available}`,
    );
  }
  return {
    file,
    kind,
    itemBytes,
    littleEndian,
    shape,
    data: bytes.subarray(dataOffset),
    dataOffset,
  };
}
