// Decompression with a ceiling on the output size. A few kilobytes of
// deflate data can expand to gigabytes (a "zip bomb"), so every inflate
// stops as soon as its output passes the limit instead of after the damage.
// Node's zlib enforces the ceiling while inflating (maxOutputLength).

import { readFile } from "node:fs/promises";
import { gunzipSync, inflateRawSync } from "node:zlib";
import { ErrorCode } from "../errors.js";
import type { ErrorLocation } from "../errors.js";
import { dataError } from "./data-error.js";

/** Default ceiling on the decompressed bytes of one input: 2 GiB. */
export const DEFAULT_MAX_BYTES = 2 ** 31;

/**
 * Reads a file as a plain Uint8Array view (not a Buffer), so datasets hold
 * one array type whatever the reader.
 */
export async function readBytes(path: string): Promise<Uint8Array> {
  const buffer = await readFile(path);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length);
}

/** True when `bytes` start with the gzip magic 1f 8b. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

function isTooLarge(error: unknown): boolean {
  return (
    error instanceof RangeError ||
    (error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE"
  );
}

/**
 * Gunzips `bytes` when they start with the gzip magic, else returns them.
 * @throws EpisodeSamplerError ERR_SIZE_LIMIT past `maxBytes`, or
 *   ERR_CORRUPT_DATA when the stream is corrupt or truncated.
 */
export function gunzipIfNeeded(
  bytes: Uint8Array,
  file: string,
  maxBytes: number,
): Uint8Array {
  if (!isGzip(bytes)) return bytes;
  try {
    const out = gunzipSync(bytes, { maxOutputLength: maxBytes });
    return new Uint8Array(out.buffer, out.byteOffset, out.length);
  } catch (error) {
    if (isTooLarge(error)) {
      throw dataError(
        ErrorCode.sizeLimit,
        { file },
        `gzip data of at most ${maxBytes} bytes`,
        "more",
        "raise the size limit if the file is genuine",
      );
    }
    throw dataError(
      ErrorCode.corruptData,
      { file },
      "a complete gzip stream",
      `a corrupt one (${(error as Error).message})`,
      "download the file again",
    );
  }
}

/**
 * Inflates a raw deflate stream that must give exactly `expectedBytes`.
 * @throws EpisodeSamplerError ERR_SIZE_LIMIT when it gives more, or
 *   ERR_CORRUPT_DATA when it is corrupt or gives fewer.
 */
export function inflateExactly(
  bytes: Uint8Array,
  expectedBytes: number,
  location: ErrorLocation,
): Uint8Array {
  let out: Uint8Array;
  try {
    out = inflateRawSync(bytes, {
      maxOutputLength: Math.max(1, expectedBytes),
    });
  } catch (error) {
    if (isTooLarge(error)) {
      throw dataError(
        ErrorCode.sizeLimit,
        location,
        `deflate data of ${expectedBytes} bytes as the archive declares`,
        "more",
        "the archive is corrupt or a zip bomb",
      );
    }
    throw dataError(
      ErrorCode.corruptData,
      location,
      "a complete deflate stream",
      `a corrupt one (${(error as Error).message})`,
    );
  }
  if (out.length !== expectedBytes) {
    throw dataError(
      ErrorCode.corruptData,
      location,
      `${expectedBytes} bytes after inflating`,
      `${out.length}`,
    );
  }
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}
