// Splitting one run into n shards. Episode i depends only on (seed, i), so
// shard k draws its own contiguous range and n shards together give the
// same episodes as one run.

import { EpisodeSamplerError, ErrorCode } from "./errors.js";

/** Shard `index` of `count` shards, counted from 0. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** A contiguous range of episode indices. */
export interface EpisodeRange {
  readonly start: number;
  readonly count: number;
}

/**
 * Returns the episodes of shard `shard` of a run of `total` episodes from
 * `start`. Shard k gets episodes floor(k * total / n) .. floor((k + 1) *
 * total / n) - 1 after `start`, so sizes differ by at most one.
 * @throws EpisodeSamplerError ERR_INVALID_OPTION when the shard index is not
 *   below the shard count.
 */
export function shardRange(
  total: number,
  shard: Shard,
  start = 0,
): EpisodeRange {
  const { index, count } = shard;
  if (!Number.isInteger(count) || count < 1 || index < 0 || index >= count) {
    throw new EpisodeSamplerError(
      ErrorCode.invalidOption,
      `Expected a shard index from 0 to ${count - 1} but received ${index}; shards are counted from 0`,
    );
  }
  // BigInt keeps index * total exact past 2^53.
  const bound = (k: number): number =>
    Number((BigInt(k) * BigInt(total)) / BigInt(count));
  const from = bound(index);
  return { start: start + from, count: bound(index + 1) - from };
}
