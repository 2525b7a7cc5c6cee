// The sampling hot path. Only numbers cross the boundary: the host allocates
// every buffer with `alloc`, writes the plan and batch records described in
// layout.ts, and reads the results back from memory. Nothing here checks
// bounds, because the host validates every count and pointer first.

import {
  PLAN_SEED,
  PLAN_MIN_WAYS,
  PLAN_MAX_WAYS,
  PLAN_SHOTS,
  PLAN_QUERIES,
  PLAN_LABEL_COUNT,
  PLAN_BUCKET_OFFSETS,
  PLAN_BUCKET_ROWS,
  PLAN_QUERY_LABELS,
  PLAN_QUERY_CUMULATIVE,
  PLAN_QUERY_LABEL_COUNT,
  PLAN_WAY_LABELS,
  PLAN_WAY_POSITIONS,
  PLAN_WAY_LABEL_COUNT,
  PLAN_SCRATCH,
  PLAN_EPISODE_LABELS,
  PLAN_EPISODE_CLASSES,
  BATCH_QUERY_LABELS,
  BATCH_QUERY_ROWS,
  BATCH_QUERY_CLASSES,
  BATCH_SUPPORT_LABELS,
  BATCH_SUPPORT_ROWS,
  BATCH_SUPPORT_CLASSES,
  BATCH_SUPPORT_MASK,
  BATCH_WAYS,
  BATCH_CANDIDATES,
} from "./layout";
import {
  readI32,
  writeI32,
  swapScratch,
  drawPositions,
  restoreScratch,
  drawClasses,
  findPosition,
} from "./draw";
import { seedEpisode, nextBelow } from "./random";

export { PLAN_BYTES, BATCH_BYTES } from "./layout";
export {
  gatherU8,
  gatherF32,
  gatherF32Staged,
  GATHER_STAGING_BYTES,
  simdBuild,
} from "./gather";

/** Does nothing: the bench times it as the cost of one host-to-WASM call. */
export function emptyCall(): void {}

/** Allocates `byteLength` bytes aligned to 16; the stub runtime never frees. */
export function alloc(byteLength: usize): usize {
  return heap.alloc(byteLength);
}

/**
 * Groups row indices by label with a counting sort: rows of label l end up in
 * ascending order at `rows[offsets[l] .. offsets[l + 1])`.
 */
export function buildBuckets(
  labels: usize,
  count: i32,
  labelCount: i32,
  offsets: usize,
  rows: usize,
): void {
  memory.fill(offsets, 0, <usize>(labelCount + 1) << 2);

  // Count each label into the slot after it, then turn counts into starts.
  for (let row = 0; row < count; row++) {
    let slot = readI32(labels, row) + 1;
    writeI32(offsets, slot, readI32(offsets, slot) + 1);
  }
  for (let l = 0; l < labelCount; l++) {
    writeI32(offsets, l + 1, readI32(offsets, l + 1) + readI32(offsets, l));
  }

  // Place rows, using each start as a cursor; afterwards offsets[l] is the
  // start of label l + 1, so shift everything one slot back.
  for (let row = 0; row < count; row++) {
    let label = readI32(labels, row);
    let cursor = readI32(offsets, label);
    writeI32(rows, cursor, row);
    writeI32(offsets, label, cursor + 1);
  }
  for (let l = labelCount; l > 0; l--) {
    writeI32(offsets, l, readI32(offsets, l - 1));
  }
  writeI32(offsets, 0, 0);
}

// Output pointers of the batch being sampled, read from the batch record once
// per sampleEpisodes call so the per-slot loops read a global, not the record.
let supportRows: usize = 0;
let supportLabels: usize = 0;
let supportClasses: usize = 0;
let supportMask: usize = 0;
let waysOut: usize = 0;
let candidatesOut: usize = 0;

/**
 * Samples episodes `start .. start + count` into the batch record. The order
 * of draws is part of the output contract (docs/determinism.md), so
 * src/engine-js.ts follows it step by step.
 */
export function sampleEpisodes(plan: usize, batch: usize, start: u32, count: i32): void {
  let seed = load<u32>(plan + PLAN_SEED);
  let minWays = load<i32>(plan + PLAN_MIN_WAYS);
  let maxWays = load<i32>(plan + PLAN_MAX_WAYS);
  let shots = load<i32>(plan + PLAN_SHOTS);
  let queries = load<i32>(plan + PLAN_QUERIES);
  let labelCount = load<i32>(plan + PLAN_LABEL_COUNT);
  let offsets = load<usize>(plan + PLAN_BUCKET_OFFSETS);
  let bucketRows = load<usize>(plan + PLAN_BUCKET_ROWS);
  let queryLabels = load<usize>(plan + PLAN_QUERY_LABELS);
  let cumulative = load<usize>(plan + PLAN_QUERY_CUMULATIVE);
  let queryLabelCount = load<i32>(plan + PLAN_QUERY_LABEL_COUNT);
  let wayLabels = load<usize>(plan + PLAN_WAY_LABELS);
  let wayPositions = load<usize>(plan + PLAN_WAY_POSITIONS);
  let wayLabelCount = load<i32>(plan + PLAN_WAY_LABEL_COUNT);
  let scratch = load<usize>(plan + PLAN_SCRATCH);
  let episodeLabels = load<usize>(plan + PLAN_EPISODE_LABELS);
  let classes = load<usize>(plan + PLAN_EPISODE_CLASSES);
  let poolSize = readI32(cumulative, queryLabelCount - 1);
  let slots = maxWays * shots;

  // The batch record's pointers stay put for the whole call: read them once.
  let queryRows = load<usize>(batch + BATCH_QUERY_ROWS);
  let queryLabelsOut = load<usize>(batch + BATCH_QUERY_LABELS);
  let queryClasses = load<usize>(batch + BATCH_QUERY_CLASSES);
  supportRows = load<usize>(batch + BATCH_SUPPORT_ROWS);
  supportLabels = load<usize>(batch + BATCH_SUPPORT_LABELS);
  supportClasses = load<usize>(batch + BATCH_SUPPORT_CLASSES);
  supportMask = load<usize>(batch + BATCH_SUPPORT_MASK);
  waysOut = load<usize>(batch + BATCH_WAYS);
  candidatesOut = load<usize>(batch + BATCH_CANDIDATES);

  for (let e = 0; e < count; e++) {
    seedEpisode(seed, start + <u32>e);

    // 1. Ways, 2. the first query image (so labels follow class frequency),
    // 3. the local class of each way.
    let ways = minWays + <i32>nextBelow(<u32>(maxWays - minWays + 1));
    let r = <i32>nextBelow(<u32>poolSize);
    let position = findPosition(cumulative, queryLabelCount, r);
    let queryLabel = readI32(queryLabels, position);
    let first = position > 0 ? r - readI32(cumulative, position - 1) : r;
    drawClasses(classes, ways);
    writeI32(episodeLabels, 0, queryLabel);

    // 4. The other queries and the query label's shots, distinct from the first.
    let bucketStart = readI32(offsets, queryLabel);
    let bucketSize = readI32(offsets, queryLabel + 1) - bucketStart;
    let take = queries + shots;
    swapScratch(scratch, 0, first);
    drawPositions(scratch, 1, take, bucketSize);
    let queryBase = e * queries;
    let queryClass = readI32(classes, 0);
    for (let q = 0; q < queries; q++) {
      let row = readI32(bucketRows, bucketStart + readI32(scratch, q));
      writeI32(queryRows, queryBase + q, row);
      writeI32(queryLabelsOut, queryBase + q, queryLabel);
      writeI32(queryClasses, queryBase + q, queryClass);
    }
    let slotBase = e * slots;
    writeSupport(slotBase, queryLabel, queryClass, shots, scratch, queries, bucketStart, bucketRows);
    restoreScratch(scratch, take);

    // 5. The other labels, from the way labels without the query label.
    let skip = readI32(wayPositions, queryLabel);
    drawPositions(scratch, 0, ways - 1, wayLabelCount - 1);
    for (let w = 1; w < ways; w++) {
      let p = readI32(scratch, w - 1);
      writeI32(episodeLabels, w, readI32(wayLabels, p < skip ? p : p + 1));
    }
    restoreScratch(scratch, ways - 1);

    // 6. Each other label's shots, in the order the labels were drawn.
    for (let w = 1; w < ways; w++) {
      let label = readI32(episodeLabels, w);
      let start = readI32(offsets, label);
      drawPositions(scratch, 0, shots, readI32(offsets, label + 1) - start);
      writeSupport(slotBase, label, readI32(classes, w), shots, scratch, 0, start, bucketRows);
      restoreScratch(scratch, shots);
    }

    writeEpisodeTail(e, ways, slotBase, slots, shots, labelCount, episodeLabels);
  }
}

/** Writes one way's K support slots from scratch[first .. first + shots). */
// @ts-ignore: decorator
@inline
function writeSupport(
  slotBase: i32,
  label: i32,
  localClass: i32,
  shots: i32,
  scratch: usize,
  first: i32,
  bucketStart: i32,
  bucketRows: usize,
): void {
  let slot = slotBase + localClass * shots;
  for (let s = 0; s < shots; s++) {
    let row = readI32(bucketRows, bucketStart + readI32(scratch, first + s));
    writeI32(supportRows, slot + s, row);
    writeI32(supportLabels, slot + s, label);
    writeI32(supportClasses, slot + s, localClass);
    store<u8>(supportMask + <usize>(slot + s), 1);
  }
}

/** Writes the padding slots, the way count and the candidate mask. */
// @ts-ignore: decorator
@inline
function writeEpisodeTail(
  e: i32,
  ways: i32,
  slotBase: i32,
  slots: i32,
  shots: i32,
  labelCount: i32,
  episodeLabels: usize,
): void {
  for (let slot = slotBase + ways * shots; slot < slotBase + slots; slot++) {
    writeI32(supportRows, slot, -1);
    writeI32(supportLabels, slot, -1);
    writeI32(supportClasses, slot, -1);
    store<u8>(supportMask + <usize>slot, 0);
  }
  writeI32(waysOut, e, ways);

  let candidates = candidatesOut + <usize>(e * labelCount);
  memory.fill(candidates, 0, <usize>labelCount);
  for (let w = 0; w < ways; w++) {
    store<u8>(candidates + <usize>readI32(episodeLabels, w), 1);
  }
}

// The group candidate modes live in their own file; export their entry point.
export { sampleGroupEpisodes, GROUP_PLAN_BYTES } from "./groups";
