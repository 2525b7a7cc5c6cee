// The bin format: fixed-size episode records in files of a chosen number of
// episodes, plus manifest.json. Everything is written into a temporary
// folder beside the output folder and renamed into place when complete, so
// an interrupted run never leaves a partial folder under the final name.

import { createHash, type Hash } from "node:crypto";
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { join, resolve } from "node:path";
import { EpisodeSamplerError, ErrorCode } from "./errors.js";
import {
  createManifest,
  formatManifest,
  type ManifestContent,
  type ManifestFile,
  type ManifestOptions,
} from "./manifest.js";
import { packRecords, recordLayout } from "./record-layout.js";
import type { EpisodeSink } from "./run-episodes.js";
import { temporaryPath } from "./temporary-file.js";
import type { ResolvedOptions, Sampler } from "./types.js";

/** Episodes per data file by default: about 90 MB of uint8 MNIST. */
export const DEFAULT_EPISODES_PER_FILE = 10_000;

/** Returns the name of data file `index` in an output folder. */
export function binFileName(index: number): string {
  return `episodes-${String(index).padStart(5, "0")}.bin`;
}

/** Returns the options of a manifest from a sampler's resolved options. */
export function manifestOptions(options: ResolvedOptions): ManifestOptions {
  return {
    seed: options.seed,
    ways: [options.minWays, options.maxWays],
    shots: options.shots,
    queries: options.queries,
    exclude: options.exclude,
    dtype: options.dtype,
  };
}

/** Writes records into numbered files of a fixed number of episodes. */
export interface RecordFileWriter {
  /** Appends whole records; `bytes.length` is a multiple of recordBytes. */
  append(bytes: Uint8Array): void;
  /** Closes the last file and returns the list of files written. */
  finish(): ManifestFile[];
  /** Closes any open file; the caller deletes the folder. */
  abort(): void;
}

/**
 * Creates a writer of files `episodes-00000.bin`, ... in `folder`, each
 * with `episodesPerFile` records except the last, starting at episode
 * `start`.
 */
export function createRecordFileWriter(
  folder: string,
  start: number,
  episodesPerFile: number,
  recordBytes: number,
): RecordFileWriter {
  const files: ManifestFile[] = [];
  let fd: number | undefined;
  let hash: Hash = createHash("sha256");
  let inFile = 0; // episodes written to the open file
  let next = start;

  const closeFile = (): void => {
    if (fd === undefined) return;
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    files.push({
      path: binFileName(files.length),
      start: next - inFile,
      count: inFile,
      byteLength: inFile * recordBytes,
      sha256: hash.digest("hex"),
    });
  };

  return {
    append(bytes) {
      let at = 0;
      while (at < bytes.length) {
        if (fd === undefined) {
          fd = openSync(join(folder, binFileName(files.length)), "wx");
          hash = createHash("sha256");
          inFile = 0;
        }
        const take = Math.min(
          episodesPerFile - inFile,
          (bytes.length - at) / recordBytes,
        );
        const chunk = bytes.subarray(at, at + take * recordBytes);
        for (let off = 0; off < chunk.length;) {
          off += writeSync(fd, chunk, off);
        }
        hash.update(chunk);
        at += chunk.length;
        inFile += take;
        next += take;
        if (inFile === episodesPerFile) closeFile();
      }
    },
    finish() {
      closeFile();
      return files;
    },
    abort() {
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
    },
  };
}

/** A temporary folder beside `out` that becomes `out` when committed. */
export interface StagingFolder {
  readonly path: string;
  commit(): void;
  discard(): void;
}

/**
 * Creates the temporary folder for output folder `out`.
 * @throws EpisodeSamplerError ERR_OUTPUT_PATH when `out` exists or its
 *   parent folder cannot be written.
 */
export function createStagingFolder(out: string): StagingFolder {
  const final = resolve(out);
  if (existsSync(final)) {
    throw new EpisodeSamplerError(
      ErrorCode.outputPath,
      `Output folder ${final} already exists; remove it or pass another --out`,
    );
  }
  const path = temporaryPath(final);
  try {
    mkdirSync(path);
  } catch (error) {
    throw new EpisodeSamplerError(
      ErrorCode.outputPath,
      `Cannot write ${final}: ${(error as Error).message}`,
    );
  }
  return {
    path,
    commit: () => renameSync(path, final),
    discard: () => rmSync(path, { recursive: true, force: true }),
  };
}

/** Writes a manifest into `folder` as manifest.json. */
export function writeManifestFile(
  folder: string,
  content: ManifestContent,
): void {
  const text = formatManifest(createManifest(content));
  writeFileSync(join(folder, "manifest.json"), text);
}

/** Run details a bin sink stores in the manifest besides the records. */
export type BinRunInfo = Pick<
  ManifestContent,
  "dataset" | "run" | "shard" | "range"
>;

/**
 * Creates a sink that writes the episodes of `info.range` to folder `out`
 * in the bin format.
 */
export function createBinSink(
  sampler: Sampler,
  out: string,
  info: BinRunInfo,
  episodesPerFile = DEFAULT_EPISODES_PER_FILE,
): EpisodeSink {
  const layout = recordLayout(
    sampler.options,
    sampler.itemShape,
    sampler.labelCount,
  );
  const staging = createStagingFolder(out);
  const writer = createRecordFileWriter(
    staging.path,
    info.range.start,
    episodesPerFile,
    layout.recordBytes,
  );
  return {
    target: resolve(out),
    write(batch) {
      writer.append(packRecords(batch, sampler.options, layout));
    },
    close() {
      const files = writer.finish();
      writeManifestFile(staging.path, {
        ...info,
        options: manifestOptions(sampler.options),
        episodesPerFile,
        recordBytes: layout.recordBytes,
        fields: layout.fields,
        files,
      });
      staging.commit();
    },
    abort() {
      writer.abort();
      staging.discard();
    },
  };
}
