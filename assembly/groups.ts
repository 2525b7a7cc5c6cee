// The hot path of the group candidate modes: episodes whose queries and
// support items all come from the query's group. Items are bucketed by cell,
// one per (group, label) pair; src/group-plan.ts builds the tables and
// src/engine-groups.ts is the JavaScript twin. docs/groups.md gives the
// draw order, which is part of the output contract.

import {
  PLAN_SEED,
  PLAN_MIN_WAYS,
  PLAN_MAX_WAYS,
  PLAN_SHOTS,
  PLAN_QUERIES,
  PLAN_LABEL_COUNT,
  PLAN_SCRATCH,
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
  GROUP_PLAN,
  GROUP_ALL,
  GROUP_CELL_GROUPS,
  GROUP_CELL_LABELS,
  GROUP_CELL_OFFSETS,
  GROUP_CELL_ROWS,
  GROUP_QUERY_CELLS,
  GROUP_QUERY_CUMULATIVE,
  GROUP_QUERY_CELL_COUNT,
  GROUP_WAY_OFFSETS,
  GROUP_WAY_CELLS,
  GROUP_CELL_WAY_POSITIONS,
  GROUP_EPISODE_CELLS,
} from "./group-layout";
import { seedEpisode, nextBelow } from "./random";
import {
  readI32,
  writeI32,
  swapScratch,
  drawPositions,
  restoreScratch,
  drawClasses,
  findPosition,
} from "./draw";

export { GROUP_PLAN_BYTES } from "./group-layout";

/** Items in cell `cell`. */
// @ts-ignore: decorator
@inline
function cellSize(offsets: usize, cell: i32): i32 {
  return readI32(offsets, cell + 1) - readI32(offsets, cell);
}

/**
 * Samples group episodes `start .. start + count` into the batch record and
 * the group of each query into `queryGroups` (count * queries i32).
 */
export function sampleGroupEpisodes(
  groupPlan: usize,
  batch: usize,
  queryGroups: usize,
  start: u32,
  count: i32,
): void {
  let plan = load<usize>(groupPlan + GROUP_PLAN);
  let seed = load<u32>(plan + PLAN_SEED);
  let minWays = load<i32>(plan + PLAN_MIN_WAYS);
  let maxWays = load<i32>(plan + PLAN_MAX_WAYS);
  let shots = load<i32>(plan + PLAN_SHOTS);
  let queries = load<i32>(plan + PLAN_QUERIES);
  let scratch = load<usize>(plan + PLAN_SCRATCH);
  let classes = load<usize>(plan + PLAN_EPISODE_CLASSES);
  let groupAll = load<i32>(groupPlan + GROUP_ALL) != 0;
  let cellGroups = load<usize>(groupPlan + GROUP_CELL_GROUPS);
  let offsets = load<usize>(groupPlan + GROUP_CELL_OFFSETS);
  let queryCells = load<usize>(groupPlan + GROUP_QUERY_CELLS);
  let cumulative = load<usize>(groupPlan + GROUP_QUERY_CUMULATIVE);
  let queryCellCount = load<i32>(groupPlan + GROUP_QUERY_CELL_COUNT);
  let wayOffsets = load<usize>(groupPlan + GROUP_WAY_OFFSETS);
  let wayCells = load<usize>(groupPlan + GROUP_WAY_CELLS);
  let wayPositions = load<usize>(groupPlan + GROUP_CELL_WAY_POSITIONS);
  let episodeCells = load<usize>(groupPlan + GROUP_EPISODE_CELLS);
  let poolSize = readI32(cumulative, queryCellCount - 1);
  let slots = maxWays * shots;

  for (let e = 0; e < count; e++) {
    seedEpisode(seed, start + <u32>e);

    // 1. The first query item, over every query cell, and so its group.
    let r = <i32>nextBelow(<u32>poolSize);
    let position = findPosition(cumulative, queryCellCount, r);
    let queryCell = readI32(queryCells, position);
    let first = position > 0 ? r - readI32(cumulative, position - 1) : r;
    let group = readI32(cellGroups, queryCell);
    let wayStart = readI32(wayOffsets, group);
    let wayCount = readI32(wayOffsets, group + 1) - wayStart;

    // 2. Ways (the whole group under group-all), 3. local classes.
    let ways = groupAll
      ? wayCount
      : minWays + <i32>nextBelow(<u32>(maxWays - minWays + 1));
    drawClasses(classes, ways);
    writeI32(episodeCells, 0, queryCell);

    // 4. The other queries and the query cell's shots, distinct from the first.
    let take = queries + shots;
    swapScratch(scratch, 0, first);
    drawPositions(scratch, 1, take, cellSize(offsets, queryCell));
    writeQueries(groupPlan, batch, queryGroups, e * queries, queries, queryCell, readI32(classes, 0), scratch);
    let slotBase = e * slots;
    writeSupport(groupPlan, batch, slotBase, queryCell, readI32(classes, 0), shots, scratch, queries);
    restoreScratch(scratch, take);

    // 5. The other cells of the group without the query cell: drawn under
    // group, all of them in list order under group-all.
    let skip = readI32(wayPositions, queryCell);
    if (!groupAll) drawPositions(scratch, 0, ways - 1, wayCount - 1);
    for (let w = 1; w < ways; w++) {
      let p = groupAll ? w - 1 : readI32(scratch, w - 1);
      writeI32(episodeCells, w, readI32(wayCells, wayStart + (p < skip ? p : p + 1)));
    }
    if (!groupAll) restoreScratch(scratch, ways - 1);

    // 6. Each other cell's shots, in the order of episodeCells.
    for (let w = 1; w < ways; w++) {
      let cell = readI32(episodeCells, w);
      drawPositions(scratch, 0, shots, cellSize(offsets, cell));
      writeSupport(groupPlan, batch, slotBase, cell, readI32(classes, w), shots, scratch, 0);
      restoreScratch(scratch, shots);
    }

    writeEpisodeTail(groupPlan, batch, e, ways, slotBase, slots, shots);
  }
}

/** Writes the Q queries of one episode from scratch[0 .. queries). */
function writeQueries(
  groupPlan: usize,
  batch: usize,
  queryGroups: usize,
  queryBase: i32,
  queries: i32,
  cell: i32,
  localClass: i32,
  scratch: usize,
): void {
  let cellStart = readI32(load<usize>(groupPlan + GROUP_CELL_OFFSETS), cell);
  let cellRows = load<usize>(groupPlan + GROUP_CELL_ROWS);
  let label = readI32(load<usize>(groupPlan + GROUP_CELL_LABELS), cell);
  let group = readI32(load<usize>(groupPlan + GROUP_CELL_GROUPS), cell);
  for (let q = 0; q < queries; q++) {
    let row = readI32(cellRows, cellStart + readI32(scratch, q));
    writeI32(load<usize>(batch + BATCH_QUERY_ROWS), queryBase + q, row);
    writeI32(load<usize>(batch + BATCH_QUERY_LABELS), queryBase + q, label);
    writeI32(load<usize>(batch + BATCH_QUERY_CLASSES), queryBase + q, localClass);
    writeI32(queryGroups, queryBase + q, group);
  }
}

/** Writes one way's K support slots from scratch[first .. first + shots). */
function writeSupport(
  groupPlan: usize,
  batch: usize,
  slotBase: i32,
  cell: i32,
  localClass: i32,
  shots: i32,
  scratch: usize,
  first: i32,
): void {
  let cellStart = readI32(load<usize>(groupPlan + GROUP_CELL_OFFSETS), cell);
  let cellRows = load<usize>(groupPlan + GROUP_CELL_ROWS);
  let label = readI32(load<usize>(groupPlan + GROUP_CELL_LABELS), cell);
  let slot = slotBase + localClass * shots;
  for (let s = 0; s < shots; s++) {
    let row = readI32(cellRows, cellStart + readI32(scratch, first + s));
    writeI32(load<usize>(batch + BATCH_SUPPORT_ROWS), slot + s, row);
    writeI32(load<usize>(batch + BATCH_SUPPORT_LABELS), slot + s, label);
    writeI32(load<usize>(batch + BATCH_SUPPORT_CLASSES), slot + s, localClass);
    store<u8>(load<usize>(batch + BATCH_SUPPORT_MASK) + <usize>(slot + s), 1);
  }
}

/** Writes the padding slots, the way count and the candidate mask. */
function writeEpisodeTail(
  groupPlan: usize,
  batch: usize,
  e: i32,
  ways: i32,
  slotBase: i32,
  slots: i32,
  shots: i32,
): void {
  for (let slot = slotBase + ways * shots; slot < slotBase + slots; slot++) {
    writeI32(load<usize>(batch + BATCH_SUPPORT_ROWS), slot, -1);
    writeI32(load<usize>(batch + BATCH_SUPPORT_LABELS), slot, -1);
    writeI32(load<usize>(batch + BATCH_SUPPORT_CLASSES), slot, -1);
    store<u8>(load<usize>(batch + BATCH_SUPPORT_MASK) + <usize>slot, 0);
  }
  writeI32(load<usize>(batch + BATCH_WAYS), e, ways);

  let labelCount = load<i32>(load<usize>(groupPlan + GROUP_PLAN) + PLAN_LABEL_COUNT);
  let cellLabels = load<usize>(groupPlan + GROUP_CELL_LABELS);
  let episodeCells = load<usize>(groupPlan + GROUP_EPISODE_CELLS);
  let candidates = load<usize>(batch + BATCH_CANDIDATES) + <usize>(e * labelCount);
  memory.fill(candidates, 0, <usize>labelCount);
  for (let w = 0; w < ways; w++) {
    store<u8>(candidates + <usize>readI32(cellLabels, readI32(episodeCells, w)), 1);
  }
}
