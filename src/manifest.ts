// manifest.json of the bin format: the record layout, the files and their
// episode ranges, and everything needed to draw the same episodes again.
// docs/long-runs.md describes each field.

import { readFileSync } from "node:fs";
import { EpisodeSamplerError, ErrorCode } from "./errors.js";
import { GENERATOR_VERSION } from "./random.js";
import type { RecordField } from "./record-layout.js";
import type { Dtype } from "./types.js";

/** Name in the `format` field of every bin manifest. */
export const MANIFEST_FORMAT = "episode-sampler-bin";

/** Version of the manifest and record layout; bump it on any change. */
export const MANIFEST_VERSION = 1;

/** Sampler options that decide the bytes of every episode. */
export interface ManifestOptions {
  readonly seed: number;
  readonly ways: readonly [number, number];
  readonly shots: number;
  readonly queries: number;
  readonly exclude: readonly number[];
  readonly dtype: Dtype;
}

/** The dataset a run drew from. */
export interface ManifestDataset {
  /** SHA-256 of images then labels as int32 LE, see datasetSha256. */
  readonly sha256: string;
  readonly items: number;
  readonly itemShape: readonly number[];
  readonly labelCount: number;
  /** Original label of each label id, when the dataset has names. */
  readonly labelNames?: readonly string[];
  /** Split the CLI loaded, if any; replay uses it by default. */
  readonly split?: string;
}

/** One data file: consecutive records of episodes start .. start+count-1. */
export interface ManifestFile {
  /** Path relative to the manifest's folder. */
  readonly path: string;
  readonly start: number;
  readonly count: number;
  readonly byteLength: number;
  readonly sha256: string;
}

/** Contents of manifest.json. */
export interface Manifest {
  readonly format: typeof MANIFEST_FORMAT;
  readonly formatVersion: number;
  readonly generatorVersion: number;
  readonly byteOrder: "little";
  readonly dataset: ManifestDataset;
  readonly options: ManifestOptions;
  /** Episodes of the whole run, over all shards. */
  readonly run: { readonly start: number; readonly count: number };
  /** This shard, k of n counted from 0; absent for a whole run. */
  readonly shard?: { readonly index: number; readonly count: number };
  /** Episodes in this manifest's files. */
  readonly range: { readonly start: number; readonly count: number };
  readonly episodesPerFile: number;
  readonly recordBytes: number;
  readonly fields: readonly RecordField[];
  readonly files: readonly ManifestFile[];
}

/** Everything of a manifest except the format fields. */
export type ManifestContent = Omit<
  Manifest,
  "format" | "formatVersion" | "generatorVersion" | "byteOrder"
>;

/**
 * Builds a manifest with its keys in a fixed order, so that equal content
 * gives equal bytes whether it comes from one run or from a merge.
 */
export function createManifest(content: ManifestContent): Manifest {
  const manifest: Manifest = {
    format: MANIFEST_FORMAT,
    formatVersion: MANIFEST_VERSION,
    generatorVersion: GENERATOR_VERSION,
    byteOrder: "little",
    dataset: content.dataset,
    options: content.options,
    run: content.run,
    ...(content.shard === undefined ? {} : { shard: content.shard }),
    range: content.range,
    episodesPerFile: content.episodesPerFile,
    recordBytes: content.recordBytes,
    fields: content.fields,
    files: content.files,
  };
  return manifest;
}

/** Returns the manifest as the text stored in manifest.json. */
export function formatManifest(manifest: Manifest): string {
  return JSON.stringify(manifest, null, 2) + "\n";
}

function invalid(path: string, detail: string): never {
  throw new EpisodeSamplerError(
    ErrorCode.invalidManifest,
    `Invalid manifest ${path}: ${detail}`,
  );
}

function isCount(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

/**
 * Reads and checks a manifest.json.
 * @throws EpisodeSamplerError ERR_NOT_FOUND when the file is missing,
 *   ERR_INVALID_MANIFEST when it is not a bin manifest of this version or
 *   its ranges do not add up.
 */
export function readManifest(path: string): Manifest {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new EpisodeSamplerError(
      ErrorCode.notFound,
      `Cannot read manifest ${path}: ${(error as Error).message}`,
    );
  }
  let value: Manifest;
  try {
    value = JSON.parse(text) as Manifest;
  } catch (error) {
    invalid(path, `not JSON (${(error as Error).message})`);
  }
  checkManifest(path, value);
  return value;
}

function checkManifest(path: string, manifest: Manifest): void {
  if (manifest?.format !== MANIFEST_FORMAT) {
    invalid(path, `expected format "${MANIFEST_FORMAT}"`);
  }
  if (manifest.formatVersion !== MANIFEST_VERSION) {
    invalid(
      path,
      `expected formatVersion ${MANIFEST_VERSION} but found ${manifest.formatVersion}`,
    );
  }
  const { range, files, recordBytes } = manifest;
  if (!isCount(range?.start) || !isCount(range.count)) {
    invalid(path, "range must have whole-number start and count");
  }
  if (!isCount(recordBytes) || recordBytes === 0 || !Array.isArray(files)) {
    invalid(path, "recordBytes and files are required");
  }
  let next = range.start;
  for (const file of files) {
    if (file.start !== next || !isCount(file.count)) {
      invalid(path, `file ${file.path} should start at episode ${next}`);
    }
    if (file.byteLength !== file.count * recordBytes) {
      invalid(path, `file ${file.path} has the wrong byteLength`);
    }
    next += file.count;
  }
  if (next !== range.start + range.count) {
    invalid(
      path,
      `files hold ${next - range.start} of ${range.count} episodes`,
    );
  }
}
