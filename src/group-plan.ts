// The sampling plan of the group candidate modes. Items are bucketed by
// cell, one cell per (group, label) pair that has items, so an episode draws
// its queries and shots from cells of the query's group only. Both engines
// read the tables built here; docs/groups.md gives the draw order.

import { EpisodeSamplerError, ErrorCode } from "./errors.js";
import { groupCount, groupName } from "./groups.js";
import { createPlan, parseWays, type SamplingPlan } from "./plan.js";
import type { Dataset, SamplerOptions } from "./types.js";

/** Cells and per-group lists that the group engines draw from. */
export interface GroupTables {
  /** True under `group-all`: every way cell of the group is a way. */
  readonly groupAll: boolean;
  readonly groupNames: readonly string[];
  /** Group of each cell; cells run group by group, labels ascending. */
  readonly cellGroups: Int32Array;
  /** Label of each cell. */
  readonly cellLabels: Int32Array;
  /** Cell c owns cellRows[cellOffsets[c] .. cellOffsets[c + 1]). */
  readonly cellOffsets: Int32Array;
  /** Dataset rows grouped by cell, ascending inside a cell. */
  readonly cellRows: Int32Array;
  /** Cells with at least queries + shots items in a usable group. */
  readonly queryCells: Int32Array;
  /** Running total of items over queryCells; the last is the pool size. */
  readonly queryCumulative: Int32Array;
  /** Way cells of group g: wayCells[wayOffsets[g] .. wayOffsets[g + 1]). */
  readonly wayOffsets: Int32Array;
  /** Cells that can be a way: allowed label, at least shots items. */
  readonly wayCells: Int32Array;
  /** Position of each cell in its group's way list, or -1. */
  readonly cellWayPositions: Int32Array;
}

/** A sampling plan that carries group tables. */
export type GroupPlan = SamplingPlan & { readonly groups: GroupTables };

interface Cells {
  groups: Int32Array;
  labels: Int32Array;
  offsets: Int32Array;
  rows: Int32Array;
}

/** Buckets the rows of a grouped dataset by (group, label) cell. */
function buildCells(dataset: Dataset, groups: Int32Array): Cells {
  const { labels, labelCount } = dataset;
  const keyOf = (row: number) => groups[row]! * labelCount + labels[row]!;
  const keys = [...new Set(Array.from(labels, (_, row) => keyOf(row)))];
  keys.sort((a, b) => a - b);
  const cellOf = new Map(keys.map((key, cell) => [key, cell]));

  const offsets = new Int32Array(keys.length + 1);
  const rowCells = Int32Array.from(labels, (_, row) => cellOf.get(keyOf(row))!);
  for (const cell of rowCells) offsets[cell + 1]!++;
  for (let c = 0; c < keys.length; c++) offsets[c + 1]! += offsets[c]!;
  const cursors = offsets.slice(0, keys.length);
  const rows = new Int32Array(labels.length);
  rowCells.forEach((cell, row) => (rows[cursors[cell]!++] = row));
  return {
    groups: Int32Array.from(keys, (key) => Math.floor(key / labelCount)),
    labels: Int32Array.from(keys, (key) => key % labelCount),
    offsets,
    rows,
  };
}

function tooSmall(message: string): never {
  throw new EpisodeSamplerError(ErrorCode.groupTooSmall, message);
}

/** Lists the way cells of each group in cell order. */
function listWayCells(cells: Cells, plan: SamplingPlan, count: number) {
  const excluded = new Set(plan.exclude);
  const perGroup = Array.from({ length: count }, () => [] as number[]);
  for (let cell = 0; cell < cells.labels.length; cell++) {
    const size = cells.offsets[cell + 1]! - cells.offsets[cell]!;
    if (excluded.has(cells.labels[cell]!) || size < plan.shots) continue;
    perGroup[cells.groups[cell]!]!.push(cell);
  }
  return perGroup;
}

/**
 * Validates options for the `group` and `group-all` candidate modes and
 * derives their plan. Groups with no cell of queries + shots items are
 * never the query's group and are not checked.
 * @throws EpisodeSamplerError ERR_NO_GROUPS without dataset.groups,
 *   ERR_GROUP_TOO_SMALL for a group that cannot fill the ways, and every
 *   code of createPlan.
 */
export function createGroupPlan(options: SamplerOptions): GroupPlan {
  const base = createPlan({ ...options, ways: undefined });
  const { dataset } = options;
  if (dataset.groups === undefined) {
    throw new EpisodeSamplerError(
      ErrorCode.noGroups,
      `candidates "${base.candidates}" needs a group per item, but the dataset has none; give a group column, a groups array or a group map`,
    );
  }
  const groupAll = base.candidates === "group-all";
  if (groupAll && options.ways !== undefined) {
    throw new EpisodeSamplerError(
      ErrorCode.invalidOption,
      `ways is set by each group under candidates "group-all", but received ${JSON.stringify(options.ways)}; leave ways unset`,
    );
  }

  const count = groupCount(dataset);
  const cells = buildCells(dataset, dataset.groups);
  const wayLists = listWayCells(cells, base, count);
  const queryList = wayLists.flat().filter((cell) => {
    const size = cells.offsets[cell + 1]! - cells.offsets[cell]!;
    return size >= base.queries + base.shots;
  });
  if (queryList.length === 0) {
    throw new EpisodeSamplerError(
      ErrorCode.noQueryLabel,
      `No group has a label with queries + shots = ${base.queries + base.shots} items; lower queries or shots`,
    );
  }
  const queryGroups = [...new Set(queryList.map((c) => cells.groups[c]!))];
  const sizes = queryGroups.map((group) => wayLists[group]!.length);
  const smallest = sizes.reduce((a, b) => Math.min(a, b));
  const largest = sizes.reduce((a, b) => Math.max(a, b));
  if (groupAll) checkGroupAll(dataset, cells, base, queryGroups, wayLists);
  const [minWays, maxWays] = groupAll
    ? [smallest, largest]
    : parseWays(options.ways, smallest);
  if (!groupAll) checkWays(dataset, cells, queryGroups, wayLists, maxWays);

  return {
    ...base,
    minWays,
    maxWays,
    supportSlots: maxWays * base.shots,
    largestBucket: Math.max(base.largestBucket, largest),
    groups: buildTables(dataset, cells, wayLists, queryList, groupAll),
  };
}

function describeLabels(cells: Cells, list: readonly number[]): string {
  return list.length === 0
    ? "none"
    : list.map((cell) => cells.labels[cell]).join(", ");
}

function checkWays(
  dataset: Dataset,
  cells: Cells,
  queryGroups: readonly number[],
  wayLists: readonly number[][],
  maxWays: number,
): void {
  for (const group of queryGroups) {
    const list = wayLists[group]!;
    if (list.length >= maxWays) continue;
    tooSmall(
      `Group "${groupName(dataset, group)}" has ${list.length} labels that can be a way (${describeLabels(cells, list)}) but ways goes up to ${maxWays}; lower ways or shots`,
    );
  }
}

// Under group-all the support set must be the group's whole label set, so a
// label too small for the shots would silently shrink it: reject instead.
function checkGroupAll(
  dataset: Dataset,
  cells: Cells,
  plan: SamplingPlan,
  queryGroups: readonly number[],
  wayLists: readonly number[][],
): void {
  const excluded = new Set(plan.exclude);
  for (const group of queryGroups) {
    const name = groupName(dataset, group);
    for (let cell = 0; cell < cells.labels.length; cell++) {
      const size = cells.offsets[cell + 1]! - cells.offsets[cell]!;
      const label = cells.labels[cell]!;
      if (cells.groups[cell] !== group || excluded.has(label)) continue;
      if (size >= plan.shots) continue;
      tooSmall(
        `Group "${name}" has ${size} items of label ${label}, fewer than shots = ${plan.shots}, so its support set cannot hold every label; lower shots or exclude label ${label}`,
      );
    }
    if (wayLists[group]!.length < 2) {
      tooSmall(
        `Group "${name}" has one label (${describeLabels(cells, wayLists[group]!)}), so every group-all episode would be one-way; merge it into another group or exclude its label`,
      );
    }
  }
}

function buildTables(
  dataset: Dataset,
  cells: Cells,
  wayLists: readonly number[][],
  queryList: readonly number[],
  groupAll: boolean,
): GroupTables {
  const wayOffsets = new Int32Array(wayLists.length + 1);
  wayLists.forEach(
    (list, g) => (wayOffsets[g + 1] = wayOffsets[g]! + list.length),
  );
  const cellWayPositions = new Int32Array(cells.labels.length).fill(-1);
  for (const list of wayLists) {
    list.forEach((cell, position) => (cellWayPositions[cell] = position));
  }
  const queryCumulative = new Int32Array(queryList.length);
  let total = 0;
  queryList.forEach((cell, i) => {
    total += cells.offsets[cell + 1]! - cells.offsets[cell]!;
    queryCumulative[i] = total;
  });
  const names = Array.from({ length: wayLists.length }, (_, g) =>
    groupName(dataset, g),
  );
  return {
    groupAll,
    groupNames: names,
    cellGroups: cells.groups,
    cellLabels: cells.labels,
    cellOffsets: cells.offsets,
    cellRows: cells.rows,
    queryCells: Int32Array.from(queryList),
    queryCumulative,
    wayOffsets,
    wayCells: Int32Array.from(wayLists.flat()),
    cellWayPositions,
  };
}
