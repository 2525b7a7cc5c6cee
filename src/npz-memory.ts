// NPZ archives built in memory, for browsers, where there is no file to
// write in place. The layout is the one the Node file writer uses (stored
// entries, headers first, CRCs patched at the end, then the central
// directory), so the same arrays give the same bytes as the CLI's file.

import { crc32 } from "./crc32.js";
import { EpisodeSamplerError, ErrorCode } from "./errors.js";
import { arrayBytes, npyHeader } from "./npy.js";
import { checkInteger } from "./plan.js";
import {
  DEFAULT_BATCH_SIZE,
  appendEpisodes,
  npzSpecs,
  type NpzArraySpec,
} from "./npz-layout.js";
import {
  LOCAL_CRC_OFFSET,
  centralDirectory,
  localHeader,
  localHeaderBytes,
  type ZipEntry,
} from "./zip.js";
import type { Sampler } from "./types.js";

/**
 * Largest archive the encoder builds, in bytes: 2 GiB - 1, the largest
 * signed 32-bit length. It is a conservative bound, because the largest
 * typed array a browser allocates varies by engine and version. Larger runs
 * belong to the CLI, which streams to disk.
 */
export const MAX_MEMORY_NPZ_BYTES = 2 ** 31 - 1;

interface EntryState {
  readonly entry: ZipEntry;
  readonly dataEnd: number;
  position: number;
  crc: number;
}

/** Builds an NPZ archive in memory array by array, batch by batch. */
export interface NpzMemoryWriter {
  /** Appends the next elements of array `name`, in C order. */
  append(name: string, data: ArrayBufferView): void;
  /** Writes the CRCs and the central directory and returns the archive. */
  finish(): Uint8Array;
}

function fail(message: string): never {
  throw new EpisodeSamplerError(ErrorCode.invalidOption, message);
}

/** Returns the archive size for `specs`, and where each entry starts. */
function layOut(specs: readonly NpzArraySpec[]) {
  const entries: ZipEntry[] = [];
  let offset = 0;
  for (const spec of specs) {
    const name = `${spec.name}.npy`;
    const size =
      npyHeader(spec.dtype, spec.shape).length +
      arrayBytes(spec.dtype, spec.shape);
    entries.push({ name, size, crc: 0, offset });
    offset += localHeaderBytes(name, size) + size;
  }
  const directoryBytes = centralDirectory(entries, offset).length;
  return { entries, directoryOffset: offset, total: offset + directoryBytes };
}

/**
 * Creates a writer for the arrays in `specs`. The whole archive is
 * allocated up front, so memory is the archive size plus one batch.
 * @throws EpisodeSamplerError ERR_INVALID_OPTION when the archive would
 *   pass MAX_MEMORY_NPZ_BYTES.
 */
export function createNpzMemoryWriter(
  specs: readonly NpzArraySpec[],
): NpzMemoryWriter {
  const { entries, directoryOffset, total } = layOut(specs);
  if (total > MAX_MEMORY_NPZ_BYTES) {
    fail(
      `Expected an NPZ archive of at most ${MAX_MEMORY_NPZ_BYTES} bytes in memory but these arrays need ${total}; draw fewer episodes or use the episodes CLI, which writes to disk`,
    );
  }
  const out = new Uint8Array(total);
  const states = new Map<string, EntryState>();
  specs.forEach((spec, i) => {
    const entry = entries[i]!;
    const header = npyHeader(spec.dtype, spec.shape);
    const dataStart = entry.offset + localHeaderBytes(entry.name, entry.size);
    out.set(localHeader(entry.name, entry.size, 0), entry.offset);
    out.set(header, dataStart);
    states.set(spec.name, {
      entry,
      dataEnd: dataStart + entry.size,
      position: dataStart + header.length,
      crc: crc32(header, 0),
    });
  });
  let finished = false;

  return {
    append(name, data) {
      const state = states.get(name);
      if (!state)
        fail(
          `Expected one of ${[...states.keys()].join(", ")} but received array ${name}`,
        );
      if (finished) fail(`append(${name}) called after finish()`);
      const bytes = new Uint8Array(
        data.buffer,
        data.byteOffset,
        data.byteLength,
      );
      if (state.position + bytes.length > state.dataEnd) {
        fail(`Array ${name} got more bytes than its shape holds`);
      }
      out.set(bytes, state.position);
      state.position += bytes.length;
      state.crc = crc32(bytes, state.crc);
    },

    finish() {
      const zipEntries: ZipEntry[] = [];
      for (const [name, state] of states) {
        if (state.position !== state.dataEnd) {
          fail(
            `Array ${name} is missing ${state.dataEnd - state.position} bytes`,
          );
        }
        const at = state.entry.offset + LOCAL_CRC_OFFSET;
        new DataView(out.buffer).setUint32(at, state.crc, true); // little-endian
        zipEntries.push({ ...state.entry, crc: state.crc });
      }
      out.set(centralDirectory(zipEntries, directoryOffset), directoryOffset);
      finished = true;
      return out;
    },
  };
}

/** Options of {@link encodeEpisodesNpz}. */
export interface EncodeNpzOptions {
  /** Number of episodes to encode. */
  count: number;
  /** Index of the first episode. @default 0 */
  start?: number;
  /** Episodes drawn per batch; memory grows with it. @default 256 */
  batchSize?: number;
}

/**
 * Draws `count` episodes and returns them as the bytes of an NPZ file: the
 * same bytes `writeEpisodesNpz` and the CLI write for the same sampler
 * options, count and start.
 * @throws EpisodeSamplerError ERR_INVALID_OPTION when count, start or
 *   batchSize is invalid or the archive is too large for memory.
 */
export function encodeEpisodesNpz(
  sampler: Sampler,
  options: EncodeNpzOptions,
): Uint8Array {
  const { count, start = 0, batchSize = DEFAULT_BATCH_SIZE } = options;
  checkInteger("count", count, 0);
  checkInteger("start", start, 0);
  checkInteger("batchSize", batchSize, 1);
  const writer = createNpzMemoryWriter(npzSpecs(sampler, count));
  appendEpisodes(writer, sampler, { count, start, batchSize });
  return writer.finish();
}
