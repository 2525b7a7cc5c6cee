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
import { seedEpisode, nextBelow } from "./random";

export { PLAN_BYTES, BATCH_BYTES } from "./layout";

/** Allocates `byteLength` bytes aligned to 16; the stub runtime never frees. */
export function alloc(byteLength: usize): usize {
  return heap.alloc(byteLength);
}

// @ts-ignore: decorator
@inline
function readI32(base: usize, index: i32): i32 {
  return load<i32>(base + (<usize>index << 2));
}

// @ts-ignore: decorator
@inline
function writeI32(base: usize, index: i32, value: i32): void {
  store<i32>(base + (<usize>index << 2), value);
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

  // Place rows, using each start as a cursor; afterwards offsets[l] holds the
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

// @ts-ignore: decorator
@inline
function swapScratch(scratch: usize, a: i32, b: i32): void {
  let value = readI32(scratch, a);
  writeI32(scratch, a, readI32(scratch, b));
  writeI32(scratch, b, value);
}

/**
 * Draws `take` distinct positions out of `n` into scratch[0 .. take) with a
 * partial Fisher-Yates shuffle; no draw is ever rejected for being a repeat.
 * The scratch holds the identity before the call and `restoreScratch` puts it
 * back, so each draw costs O(take) whatever the bucket size.
 */
function drawPositions(scratch: usize, from: i32, take: i32, n: i32): void {
  for (let t = from; t < take; t++) {
    swapScratch(scratch, t, t + <i32>nextBelow(<u32>(n - t)));
  }
}

function restoreScratch(scratch: usize, take: i32): void {
  // Positions below `take` moved, and so did every position at or past
  // `take` whose own value was drawn. Those are reset first, while the drawn
  // values are still in place.
  for (let t = 0; t < take; t++) {
    let value = readI32(scratch, t);
    if (value >= take) writeI32(scratch, value, value);
  }
  for (let t = 0; t < take; t++) writeI32(scratch, t, t);
}

/** Writes a random permutation of 0 .. ways - 1 into `classes`. */
function drawClasses(classes: usize, ways: i32): void {
  for (let w = 0; w < ways; w++) writeI32(classes, w, w);
  for (let i = ways - 1; i > 0; i--) {
    let j = <i32>nextBelow(<u32>(i + 1));
    let value = readI32(classes, i);
    writeI32(classes, i, readI32(classes, j));
    writeI32(classes, j, value);
  }
}

/** Finds the query label of pool image `r`; returns its list position. */
function findQueryLabel(cumulative: usize, labelCount: i32, r: i32): i32 {
  let position = 0;
  while (position < labelCount - 1 && readI32(cumulative, position) <= r) {
    position++;
  }
  return position;
}

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

  for (let e = 0; e < count; e++) {
    seedEpisode(seed, start + <u32>e);

    // 1. Ways, 2. the first query image (so labels follow class frequency),
    // 3. the local class of each way.
    let ways = minWays + <i32>nextBelow(<u32>(maxWays - minWays + 1));
    let r = <i32>nextBelow(<u32>poolSize);
    let position = findQueryLabel(cumulative, queryLabelCount, r);
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
      writeI32(load<usize>(batch + BATCH_QUERY_ROWS), queryBase + q, row);
      writeI32(load<usize>(batch + BATCH_QUERY_LABELS), queryBase + q, queryLabel);
      writeI32(load<usize>(batch + BATCH_QUERY_CLASSES), queryBase + q, queryClass);
    }
    let slotBase = e * slots;
    writeSupport(batch, slotBase, queryLabel, queryClass, shots, scratch, queries, bucketStart, bucketRows);
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
      writeSupport(batch, slotBase, label, readI32(classes, w), shots, scratch, 0, start, bucketRows);
      restoreScratch(scratch, shots);
    }

    writeEpisodeTail(batch, e, ways, slotBase, slots, shots, labelCount, episodeLabels);
  }
}

/** Writes one way's K support slots from scratch[first .. first + shots). */
function writeSupport(
  batch: usize,
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
    writeI32(load<usize>(batch + BATCH_SUPPORT_ROWS), slot + s, row);
    writeI32(load<usize>(batch + BATCH_SUPPORT_LABELS), slot + s, label);
    writeI32(load<usize>(batch + BATCH_SUPPORT_CLASSES), slot + s, localClass);
    store<u8>(load<usize>(batch + BATCH_SUPPORT_MASK) + <usize>(slot + s), 1);
  }
}

/** Writes the padding slots, the way count and the candidate mask. */
function writeEpisodeTail(
  batch: usize,
  e: i32,
  ways: i32,
  slotBase: i32,
  slots: i32,
  shots: i32,
  labelCount: i32,
  episodeLabels: usize,
): void {
  for (let slot = slotBase + ways * shots; slot < slotBase + slots; slot++) {
    writeI32(load<usize>(batch + BATCH_SUPPORT_ROWS), slot, -1);
    writeI32(load<usize>(batch + BATCH_SUPPORT_LABELS), slot, -1);
    writeI32(load<usize>(batch + BATCH_SUPPORT_CLASSES), slot, -1);
    store<u8>(load<usize>(batch + BATCH_SUPPORT_MASK) + <usize>slot, 0);
  }
  writeI32(load<usize>(batch + BATCH_WAYS), e, ways);

  let candidates = load<usize>(batch + BATCH_CANDIDATES) + <usize>(e * labelCount);
  memory.fill(candidates, 0, <usize>labelCount);
  for (let w = 0; w < ways; w++) {
    store<u8>(candidates + <usize>readI32(episodeLabels, w), 1);
  }
}

/**
 * Copies `count` rows of `rowBytes` bytes, chosen by the i32 row indices at
 * `rows`, into one contiguous buffer; a row index of -1 writes zeros.
 */
export function gatherU8(images: usize, rowBytes: i32, rows: usize, count: i32, out: usize): void {
  let size = <usize>rowBytes;
  for (let i = 0; i < count; i++) {
    let row = readI32(rows, i);
    let target = out + <usize>i * size;
    if (row < 0) memory.fill(target, 0, size);
    else memory.copy(target, images + <usize>row * size, size);
  }
}

/** Like gatherU8, but writes each byte as f32(byte) / 255. */
export function gatherF32(images: usize, rowBytes: i32, rows: usize, count: i32, out: usize): void {
  let size = <usize>rowBytes;
  for (let i = 0; i < count; i++) {
    let row = readI32(rows, i);
    let target = out + ((<usize>i * size) << 2);
    if (row < 0) {
      memory.fill(target, 0, size << 2);
      continue;
    }
    let source = images + <usize>row * size;
    for (let b: usize = 0; b < size; b++) {
      store<f32>(target + (b << 2), <f32>load<u8>(source + b) / 255.0);
    }
  }
}

// The group candidate modes live in their own file; export their entry point.
export { sampleGroupEpisodes, GROUP_PLAN_BYTES } from "./groups";
