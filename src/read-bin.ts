// Reading the records of a bin output back, for replay and merge.

import { createHash } from "node:crypto";
import { closeSync, openSync, readSync } from "node:fs";
import { dirname, join } from "node:path";
import { EpisodeSamplerError, ErrorCode } from "./errors.js";
import type { Manifest, ManifestFile } from "./manifest.js";

/** Bytes read per call when streaming a data file: 4 MiB. */
export const READ_CHUNK_BYTES = 4 << 20;

function readFully(
  fd: number,
  into: Uint8Array,
  position: number,
  path: string,
): void {
  for (let at = 0; at < into.length;) {
    const read = readSync(fd, into, at, into.length - at, position + at);
    if (read === 0) {
      throw new EpisodeSamplerError(
        ErrorCode.truncatedFile,
        `${path} ends ${into.length - at} bytes early; the manifest says it holds more records`,
      );
    }
    at += read;
  }
}

function openData(path: string): number {
  try {
    return openSync(path, "r");
  } catch (error) {
    throw new EpisodeSamplerError(
      ErrorCode.notFound,
      `Cannot open data file ${path}: ${(error as Error).message}`,
    );
  }
}

/**
 * Reads the records of episodes `start .. start + count - 1` from the files
 * of the manifest at `manifestPath`.
 */
export function readRecords(
  manifestPath: string,
  manifest: Manifest,
  start: number,
  count: number,
): Uint8Array {
  const { recordBytes } = manifest;
  const out = new Uint8Array(count * recordBytes);
  const end = start + count;
  for (const file of manifest.files) {
    const from = Math.max(start, file.start);
    const to = Math.min(end, file.start + file.count);
    if (from >= to) continue;
    const path = join(dirname(manifestPath), file.path);
    const fd = openData(path);
    try {
      const slice = out.subarray(
        (from - start) * recordBytes,
        (to - start) * recordBytes,
      );
      readFully(fd, slice, (from - file.start) * recordBytes, path);
    } finally {
      closeSync(fd);
    }
  }
  return out;
}

/**
 * Reads one data file in chunks of whole records, passing each to
 * `onChunk`, and checks its SHA-256 against the manifest.
 * @throws EpisodeSamplerError ERR_INVALID_MANIFEST when the hash differs.
 */
export function streamDataFile(
  manifestPath: string,
  file: ManifestFile,
  recordBytes: number,
  onChunk: (bytes: Uint8Array) => void,
): void {
  const path = join(dirname(manifestPath), file.path);
  const fd = openData(path);
  const hash = createHash("sha256");
  const records = Math.max(1, Math.floor(READ_CHUNK_BYTES / recordBytes));
  const buffer = new Uint8Array(records * recordBytes);
  try {
    for (let at = 0; at < file.byteLength;) {
      const chunk = buffer.subarray(
        0,
        Math.min(buffer.length, file.byteLength - at),
      );
      readFully(fd, chunk, at, path);
      hash.update(chunk);
      onChunk(chunk);
      at += chunk.length;
    }
  } finally {
    closeSync(fd);
  }
  if (hash.digest("hex") !== file.sha256) {
    throw new EpisodeSamplerError(
      ErrorCode.invalidManifest,
      `${path} does not match the SHA-256 in ${manifestPath}; the file changed after it was written`,
    );
  }
}
