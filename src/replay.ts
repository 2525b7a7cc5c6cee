// Drawing the episodes of a bin output again and comparing them with the
// stored records, byte for byte.

import { datasetSha256 } from "./dataset-hash.js";
import { EpisodeSamplerError, ErrorCode } from "./errors.js";
import type { Manifest } from "./manifest.js";
import { GENERATOR_VERSION } from "./random.js";
import { readRecords } from "./read-bin.js";
import { packRecords, recordLayout } from "./record-layout.js";
import { createSampler } from "./sampler.js";
import type { EpisodeRange } from "./shard.js";
import type { Dataset, Engine } from "./types.js";

/** Episodes regenerated and compared per step. */
const REPLAY_BATCH = 256;

function checkSource(manifest: Manifest, dataset: Dataset): void {
  if (manifest.generatorVersion !== GENERATOR_VERSION) {
    throw new EpisodeSamplerError(
      ErrorCode.invalidManifest,
      `The manifest was written by generator version ${manifest.generatorVersion}, but this build has version ${GENERATOR_VERSION}; replay with the release that wrote it`,
    );
  }
  const sha256 = datasetSha256(dataset);
  if (sha256 !== manifest.dataset.sha256) {
    throw new EpisodeSamplerError(
      ErrorCode.datasetMismatch,
      `The dataset's SHA-256 is ${sha256}, but the manifest expects ${manifest.dataset.sha256}; pass the dataset the run used`,
    );
  }
}

function checkRange(manifest: Manifest, range: EpisodeRange): void {
  const { start, count } = manifest.range;
  if (range.start < start || range.start + range.count > start + count) {
    throw new EpisodeSamplerError(
      ErrorCode.invalidOption,
      `Expected a range within episodes ${start}..${start + count - 1} of the manifest but received ${range.start}..${range.start + range.count - 1}`,
    );
  }
}

function firstDifference(
  stored: Uint8Array,
  fresh: Uint8Array,
  manifest: Manifest,
): { episode: number; field: string } | undefined {
  for (let at = 0; at < stored.length; at++) {
    if (stored[at] === fresh[at]) continue;
    const episode = Math.floor(at / manifest.recordBytes);
    const within = at % manifest.recordBytes;
    const field = manifest.fields.find(
      (f) => within >= f.offsetBytes && within < f.offsetBytes + f.byteLength,
    );
    return { episode, field: field?.name ?? "padding" };
  }
  return undefined;
}

/**
 * Draws episodes `range` again from `dataset` with the manifest's options
 * and compares them with the records in the manifest's files.
 * @throws EpisodeSamplerError ERR_DATASET_MISMATCH when the dataset's hash
 *   differs, ERR_REPLAY_MISMATCH naming the first episode and field that
 *   differ.
 */
export async function replayEpisodes(
  manifestPath: string,
  manifest: Manifest,
  dataset: Dataset,
  range: EpisodeRange,
  engine: Engine = "wasm",
): Promise<void> {
  checkSource(manifest, dataset);
  checkRange(manifest, range);
  const { options } = manifest;
  const [minWays, maxWays] = options.ways;
  const sampler = await createSampler({
    dataset,
    ways: [minWays, maxWays],
    shots: options.shots,
    queries: options.queries,
    exclude: [...options.exclude],
    seed: options.seed,
    dtype: options.dtype,
    engine,
  });
  const layout = recordLayout(
    sampler.options,
    sampler.itemShape,
    sampler.labelCount,
  );
  if (JSON.stringify(layout.fields) !== JSON.stringify(manifest.fields)) {
    throw new EpisodeSamplerError(
      ErrorCode.invalidManifest,
      `The manifest's record fields differ from those its options give for this dataset; it was edited or written by another release`,
    );
  }

  for (let done = 0; done < range.count; done += REPLAY_BATCH) {
    const start = range.start + done;
    const count = Math.min(REPLAY_BATCH, range.count - done);
    const fresh = packRecords(
      sampler.sample(count, { start }),
      sampler.options,
      layout,
    );
    const stored = readRecords(manifestPath, manifest, start, count);
    const difference = firstDifference(stored, fresh, manifest);
    if (difference) {
      throw new EpisodeSamplerError(
        ErrorCode.replayMismatch,
        `Episode ${start + difference.episode} differs from the stored record in field ${difference.field}; the files changed or were written with other options`,
      );
    }
  }
}
