// Allocation and size limits of episode batches, shared by both engines.

import { EpisodeSamplerError, ErrorCode } from "./errors.js";
import { checkInteger } from "./plan.js";
import type { SamplingPlan } from "./plan.js";
import type { EpisodeBatch } from "./types.js";

/**
 * Largest batch one `sample` call returns, in bytes over all arrays. The
 * WebAssembly engine keeps the batch and the dataset in one 32-bit memory
 * (4 GiB at most), so a larger run goes through several calls with `start`.
 */
export const MAX_BATCH_BYTES = 1 << 30;

/** Largest episode index + 1: episode indices are 32-bit. */
export const MAX_EPISODES = 2 ** 32;

/** An EpisodeBatch whose arrays the engines may fill. */
export type MutableBatch = {
  -readonly [K in keyof EpisodeBatch]: EpisodeBatch[K];
};

/** Returns the bytes a batch of `count` episodes takes. */
export function batchBytes(plan: SamplingPlan, count: number): number {
  const imageBytes = plan.dtype === "float32" ? 4 : 1;
  const slots = plan.queries + plan.supportSlots;
  const perEpisode =
    slots * plan.itemBytes * imageBytes + // query and support images
    plan.queries * 3 * 4 + // query labels, indices and classes
    plan.supportSlots * (3 * 4 + 1) + // support labels, indices, classes, mask
    4 + // ways
    plan.labelCount + // candidates
    (plan.groups ? plan.queries * 4 : 0); // query groups
  return perEpisode * count;
}

/** Checks the count and start of a `sample` call. */
export function checkRange(
  plan: SamplingPlan,
  count: unknown,
  start: unknown,
): void {
  checkInteger("count", count, 0);
  checkInteger("start", start, 0, MAX_EPISODES - 1);
  if ((start as number) + (count as number) > MAX_EPISODES) {
    throw new EpisodeSamplerError(
      ErrorCode.invalidOption,
      `Expected start + count <= 2^32 (episode indices are 32-bit) but received ${start} + ${count}`,
    );
  }
  const bytes = batchBytes(plan, count as number);
  if (bytes > MAX_BATCH_BYTES) {
    const fits = Math.floor(MAX_BATCH_BYTES / batchBytes(plan, 1));
    throw new EpisodeSamplerError(
      ErrorCode.invalidOption,
      `Expected a batch of at most ${MAX_BATCH_BYTES} bytes but count ${count} needs ${bytes}; sample at most ${fits} episodes per call and pass start`,
    );
  }
}

/** Allocates the arrays of a batch of `count` episodes. */
export function allocateBatch(
  plan: SamplingPlan,
  itemShape: readonly number[],
  count: number,
  start: number,
): MutableBatch {
  const queryCount = count * plan.queries;
  const slotCount = count * plan.supportSlots;
  const Images = plan.dtype === "float32" ? Float32Array : Uint8Array;
  return {
    count,
    start,
    queries: plan.queries,
    supportSlots: plan.supportSlots,
    labelCount: plan.labelCount,
    itemShape,
    dtype: plan.dtype,
    queryImages: new Images(queryCount * plan.itemBytes),
    queryLabels: new Int32Array(queryCount),
    queryIndices: new Int32Array(queryCount),
    queryClasses: new Int32Array(queryCount),
    supportImages: new Images(slotCount * plan.itemBytes),
    supportLabels: new Int32Array(slotCount),
    supportIndices: new Int32Array(slotCount),
    supportClasses: new Int32Array(slotCount),
    supportMask: new Uint8Array(slotCount),
    ways: new Int32Array(count),
    candidates: new Uint8Array(count * plan.labelCount),
    ...(plan.groups && { queryGroups: new Int32Array(queryCount) }),
  };
}
