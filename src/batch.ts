// Allocation and size limits of episode batches, shared by both engines.

import { EpisodeSamplerError, ErrorCode, describe } from "./errors.js";
import { checkInteger } from "./plan.js";
import type { SamplingPlan } from "./plan.js";
import type { EpisodeBatch, ImageArray } from "./types.js";

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

type ArrayType =
  Uint8ArrayConstructor | Int32ArrayConstructor | Float32ArrayConstructor;

/** Creates one array of a batch; the default makes ordinary arrays. */
export type ArrayFactory = <T extends ArrayType>(
  Type: T,
  length: number,
) => InstanceType<T>;

const ordinaryArray: ArrayFactory = (Type, length) =>
  new Type(length) as InstanceType<typeof Type>;

/** Creates arrays over SharedArrayBuffers, which worker threads can fill. */
export const sharedArray: ArrayFactory = (Type, length) => {
  const buffer = new SharedArrayBuffer(length * Type.BYTES_PER_ELEMENT);
  // Every typed array constructor takes a SharedArrayBuffer; the cast only
  // works around TypeScript's overloads for a union of constructors.
  return new Type(buffer as unknown as ArrayBuffer) as InstanceType<
    typeof Type
  >;
};

/** Allocates the arrays of a batch of `count` episodes. */
export function allocateBatch(
  plan: SamplingPlan,
  itemShape: readonly number[],
  count: number,
  start: number,
  create: ArrayFactory = ordinaryArray,
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
    queryImages: create(Images, queryCount * plan.itemBytes),
    queryLabels: create(Int32Array, queryCount),
    queryIndices: create(Int32Array, queryCount),
    queryClasses: create(Int32Array, queryCount),
    supportImages: create(Images, slotCount * plan.itemBytes),
    supportLabels: create(Int32Array, slotCount),
    supportIndices: create(Int32Array, slotCount),
    supportClasses: create(Int32Array, slotCount),
    supportMask: create(Uint8Array, slotCount),
    ways: create(Int32Array, count),
    candidates: create(Uint8Array, count * plan.labelCount),
    ...(plan.groups && { queryGroups: create(Int32Array, queryCount) }),
  };
}

/** Copies every array of `source` into the same array of `target`. */
export function copyBatch(source: EpisodeBatch, target: MutableBatch): void {
  // Both image arrays have the sampler's dtype; the casts only pick one
  // overload of set().
  (target.queryImages as Uint8Array).set(source.queryImages);
  (target.supportImages as Uint8Array).set(source.supportImages);
  target.queryLabels.set(source.queryLabels);
  target.queryIndices.set(source.queryIndices);
  target.queryClasses.set(source.queryClasses);
  target.supportLabels.set(source.supportLabels);
  target.supportIndices.set(source.supportIndices);
  target.supportClasses.set(source.supportClasses);
  target.supportMask.set(source.supportMask);
  target.ways.set(source.ways);
  target.candidates.set(source.candidates);
  if (source.queryGroups) target.queryGroups?.set(source.queryGroups);
}

/**
 * Returns views of episodes `first .. first + count - 1` of `batch`, whose
 * items have `itemBytes` elements; writing to the views fills `batch`.
 */
export function batchRange(
  batch: EpisodeBatch,
  itemBytes: number,
  first: number,
  count: number,
): MutableBatch {
  const q = batch.queries;
  const s = batch.supportSlots;
  const l = batch.labelCount;
  const part = <T extends { subarray(a: number, b: number): T }>(
    array: T,
    perEpisode: number,
  ): T => array.subarray(first * perEpisode, (first + count) * perEpisode);
  return {
    ...batch,
    count,
    start: batch.start + first,
    queryImages: part<ImageArray>(batch.queryImages, q * itemBytes),
    queryLabels: part(batch.queryLabels, q),
    queryIndices: part(batch.queryIndices, q),
    queryClasses: part(batch.queryClasses, q),
    supportImages: part<ImageArray>(batch.supportImages, s * itemBytes),
    supportLabels: part(batch.supportLabels, s),
    supportIndices: part(batch.supportIndices, s),
    supportClasses: part(batch.supportClasses, s),
    supportMask: part(batch.supportMask, s),
    ways: part(batch.ways, 1),
    candidates: part(batch.candidates, l),
    ...(batch.queryGroups && { queryGroups: part(batch.queryGroups, q) }),
  };
}

/**
 * Checks that `out` can take `count` episodes of this plan, and returns
 * whether every array has exactly the length `count` episodes need.
 */
export function checkOut(
  plan: SamplingPlan,
  out: EpisodeBatch,
  count: number,
): boolean {
  if (typeof out !== "object" || out === null) {
    throw new EpisodeSamplerError(
      ErrorCode.invalidOption,
      `Expected a batch from createBatch() for out but received ${describe(out)}`,
    );
  }
  const Images = plan.dtype === "float32" ? Float32Array : Uint8Array;
  const q = count * plan.queries;
  const s = count * plan.supportSlots;
  const fields: [keyof EpisodeBatch, ArrayType, number][] = [
    ["queryImages", Images, q * plan.itemBytes],
    ["queryLabels", Int32Array, q],
    ["queryIndices", Int32Array, q],
    ["queryClasses", Int32Array, q],
    ["supportImages", Images, s * plan.itemBytes],
    ["supportLabels", Int32Array, s],
    ["supportIndices", Int32Array, s],
    ["supportClasses", Int32Array, s],
    ["supportMask", Uint8Array, s],
    ["ways", Int32Array, count],
    ["candidates", Uint8Array, count * plan.labelCount],
  ];
  let exact = true;
  for (const [name, Type, length] of fields) {
    const array = out[name];
    if (!(array instanceof Type) || array.length < length) {
      throw new EpisodeSamplerError(
        ErrorCode.invalidOption,
        `Expected out.${name} to be a ${Type.name} of at least ${length} elements for ${count} episodes but received ${describeArray(array)}; allocate out with createBatch(${count})`,
      );
    }
    exact &&= array.length === length;
  }
  const sameShape =
    out.queries === plan.queries &&
    out.supportSlots === plan.supportSlots &&
    out.labelCount === plan.labelCount;
  if (!sameShape) {
    throw new EpisodeSamplerError(
      ErrorCode.invalidOption,
      `Expected out with ${plan.queries} queries, ${plan.supportSlots} support slots and ${plan.labelCount} labels but received ${out.queries}, ${out.supportSlots} and ${out.labelCount}; allocate out with this sampler's createBatch()`,
    );
  }
  return exact;
}

function describeArray(value: unknown): string {
  if (ArrayBuffer.isView(value)) {
    const length = (value as unknown as { length: number }).length;
    return `a ${value.constructor.name} of ${length} elements`;
  }
  return describe(value);
}
