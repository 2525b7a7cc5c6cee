// Joining the bin outputs of n shards into one output. The records are
// copied into files of the same size and the manifest is rebuilt without the
// shard field, so the result is byte for byte what a single run writes.

import { EpisodeSamplerError, ErrorCode } from "./errors.js";
import { readManifest, type Manifest } from "./manifest.js";
import { streamDataFile } from "./read-bin.js";
import { shardRange } from "./shard.js";
import {
  createRecordFileWriter,
  createStagingFolder,
  writeManifestFile,
} from "./write-bin.js";

// Fields every shard of one run must share.
const SHARED_KEYS = [
  "generatorVersion",
  "dataset",
  "options",
  "run",
  "episodesPerFile",
  "recordBytes",
  "fields",
] as const;

function mismatch(message: string): never {
  throw new EpisodeSamplerError(ErrorCode.manifestMismatch, message);
}

/**
 * Checks that the manifests are shards 0 .. n-1 of one run, and returns
 * them in shard order.
 * @throws EpisodeSamplerError ERR_MANIFEST_MISMATCH naming the manifest and
 *   field that disagree, or the shard that is missing or repeated.
 */
export function checkShards(
  paths: readonly string[],
  manifests: readonly Manifest[],
): Manifest[] {
  const first = manifests[0]!;
  manifests.forEach((manifest, i) => {
    if (manifest.shard === undefined) {
      mismatch(`${paths[i]} is a whole run, not a shard; merge only shards`);
    }
    for (const key of SHARED_KEYS) {
      if (JSON.stringify(manifest[key]) !== JSON.stringify(first[key])) {
        mismatch(
          `${paths[i]} and ${paths[0]} differ in ${key}; shards of one run must share it`,
        );
      }
    }
  });
  const count = first.shard!.count;
  const byIndex = new Map<number, Manifest>();
  manifests.forEach((manifest, i) => {
    const { index, count: other } = manifest.shard!;
    if (other !== count) {
      mismatch(`${paths[i]} is shard ${index}/${other}, expected n = ${count}`);
    }
    if (byIndex.has(index)) mismatch(`shard ${index} is given twice`);
    byIndex.set(index, manifest);
  });
  const ordered: Manifest[] = [];
  for (let index = 0; index < count; index++) {
    const manifest = byIndex.get(index);
    if (!manifest) mismatch(`shard ${index}/${count} is missing`);
    const expected = shardRange(
      first.run.count,
      { index, count },
      first.run.start,
    );
    if (JSON.stringify(manifest.range) !== JSON.stringify(expected)) {
      mismatch(
        `shard ${index} holds episodes that differ from its share of the run`,
      );
    }
    ordered.push(manifest);
  }
  return ordered;
}

/**
 * Merges the shard manifests at `paths` (in any order) into a new bin output
 * folder `out`, checking every data file's SHA-256 on the way.
 * @returns The number of episodes merged.
 */
export function mergeShards(paths: readonly string[], out: string): number {
  if (paths.length === 0) mismatch("No shard manifests to merge");
  const manifests = paths.map((path) => readManifest(path));
  const ordered = checkShards(paths, manifests);
  const pathOf = new Map(manifests.map((m, i) => [m, paths[i]!]));
  const first = ordered[0]!;

  const staging = createStagingFolder(out);
  const writer = createRecordFileWriter(
    staging.path,
    first.run.start,
    first.episodesPerFile,
    first.recordBytes,
  );
  try {
    for (const manifest of ordered) {
      for (const file of manifest.files) {
        streamDataFile(
          pathOf.get(manifest)!,
          file,
          first.recordBytes,
          (bytes) => writer.append(bytes),
        );
      }
    }
    writeManifestFile(staging.path, {
      dataset: first.dataset,
      options: first.options,
      run: first.run,
      range: first.run,
      episodesPerFile: first.episodesPerFile,
      recordBytes: first.recordBytes,
      fields: first.fields,
      files: writer.finish(),
    });
    staging.commit();
  } catch (error) {
    writer.abort();
    staging.discard();
    throw error;
  }
  return first.run.count;
}
