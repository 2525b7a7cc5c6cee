// Streaming NPZ writer for Node. Entries are stored uncompressed, so every
// entry's size is known before its data exists: the writer lays out the
// whole archive up front and each batch is written at its place with
// positioned writes. Memory stays at one batch whatever the array sizes.
// The archive is written under a temporary name and renamed on close, so a
// failed or interrupted run never leaves a partial file at the final path.

import { closeSync, fsyncSync, renameSync, rmSync, writeSync } from "node:fs";
import * as zlib from "node:zlib";
import { crc32 } from "./crc32.js";
import { EpisodeSamplerError, ErrorCode } from "./errors.js";
import { arrayBytes, npyHeader } from "./npy.js";
import type { NpzArraySpec } from "./npz-layout.js";
import { openTemporaryFile } from "./temporary-file.js";
import {
  LOCAL_CRC_OFFSET,
  centralDirectory,
  localHeader,
  localHeaderBytes,
  type ZipEntry,
} from "./zip.js";

export type { NpzArraySpec } from "./npz-layout.js";

type Crc32 = (bytes: Uint8Array, previous: number) => number;

// zlib.crc32 is native and exists from Node 20.15 and 22.2 on.
const nodeCrc32 = (zlib as { crc32?: Crc32 }).crc32;
const updateCrc: Crc32 = nodeCrc32 ?? crc32;

interface EntryState {
  readonly spec: NpzArraySpec;
  readonly headerOffset: number;
  readonly dataEnd: number;
  readonly size: number;
  position: number;
  crc: number;
}

// Writes each entry's local header and .npy header at its place, records
// where its data goes, and returns the offset after the last entry.
function writeLocalHeaders(
  fd: number,
  specs: readonly NpzArraySpec[],
  entries: Map<string, EntryState>,
): number {
  let offset = 0;
  for (const spec of specs) {
    const header = npyHeader(spec.dtype, spec.shape);
    const name = `${spec.name}.npy`;
    const size = header.length + arrayBytes(spec.dtype, spec.shape);
    const headerOffset = offset;
    const dataStart = offset + localHeaderBytes(name, size);
    writeSync(fd, localHeader(name, size, 0), 0, undefined, headerOffset);
    writeSync(fd, header, 0, undefined, dataStart);
    entries.set(spec.name, {
      spec,
      headerOffset,
      dataEnd: dataStart + size,
      size,
      position: dataStart + header.length,
      crc: updateCrc(header, 0),
    });
    offset = dataStart + size;
  }
  return offset;
}

/** Writes an NPZ file array by array, batch by batch. */
export interface NpzFileWriter {
  /** Appends the next elements of array `name`, in C order. */
  append(name: string, data: ArrayBufferView): void;
  /** Writes the central directory and renames the file into place. */
  close(): void;
  /** Deletes the temporary file; the final path is left untouched. */
  abort(): void;
}

/**
 * Opens `path` for writing the arrays in `specs`. Bytes go to a temporary
 * file beside it until close().
 * @throws EpisodeSamplerError ERR_OUTPUT_PATH when the folder cannot be
 *   written, ERR_WRITE_FAILED when writing the headers fails.
 */
export function createNpzFileWriter(
  path: string,
  specs: readonly NpzArraySpec[],
): NpzFileWriter {
  const { temporary, fd } = openTemporaryFile(path);

  const entries = new Map<string, EntryState>();
  let directoryOffset = 0;
  try {
    directoryOffset = writeLocalHeaders(fd, specs, entries);
  } catch (error) {
    // A full disk can fail even the headers; leave no temporary file.
    closeSync(fd);
    rmSync(temporary, { force: true });
    throw new EpisodeSamplerError(
      ErrorCode.writeFailed,
      `Cannot write ${path}: ${(error as Error).message}`,
    );
  }
  let open = true;

  return {
    append(name, data) {
      const entry = entries.get(name);
      if (!entry) throw new Error(`No array named ${name} in this NPZ file`);
      const bytes = new Uint8Array(
        data.buffer,
        data.byteOffset,
        data.byteLength,
      );
      if (entry.position + bytes.length > entry.dataEnd) {
        throw new Error(`Array ${name} received more bytes than its shape has`);
      }
      let written = 0;
      while (written < bytes.length) {
        written += writeSync(
          fd,
          bytes,
          written,
          bytes.length - written,
          entry.position + written,
        );
      }
      entry.position += bytes.length;
      entry.crc = updateCrc(bytes, entry.crc);
    },

    close() {
      const zipEntries: ZipEntry[] = [];
      for (const entry of entries.values()) {
        if (entry.position !== entry.dataEnd) {
          throw new Error(
            `Array ${entry.spec.name} is missing ${entry.dataEnd - entry.position} bytes`,
          );
        }
        const crc = new Uint8Array(4);
        new DataView(crc.buffer).setUint32(0, entry.crc, true); // little-endian
        writeSync(fd, crc, 0, 4, entry.headerOffset + LOCAL_CRC_OFFSET);
        zipEntries.push({
          name: `${entry.spec.name}.npy`,
          size: entry.size,
          crc: entry.crc,
          offset: entry.headerOffset,
        });
      }
      writeSync(
        fd,
        centralDirectory(zipEntries, directoryOffset),
        0,
        undefined,
        directoryOffset,
      );
      fsyncSync(fd);
      closeSync(fd);
      open = false;
      renameSync(temporary, path);
    },

    abort() {
      if (open) closeSync(fd);
      open = false;
      rmSync(temporary, { force: true });
    },
  };
}
