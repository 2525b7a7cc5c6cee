// Groups of a dataset: checking the per-item group ids, naming groups, and
// counting the items of each label inside each group. Under the group
// candidate modes an episode stays inside one group. Two groups may contain
// items of the same label.

import { EpisodeSamplerError, ErrorCode } from "./errors.js";
import type { Dataset } from "./types.js";

/** Items of one label inside one group. */
export interface GroupLabelCount {
  readonly label: number;
  readonly count: number;
}

/** Name, item count and label counts of one group. */
export interface GroupSummary {
  readonly group: number;
  readonly name: string;
  readonly items: number;
  /** Labels that have items in the group, ascending. */
  readonly labels: readonly GroupLabelCount[];
}

function fail(message: string): never {
  throw new EpisodeSamplerError(ErrorCode.invalidDataset, message);
}

/** Returns the number of groups: names given, else the largest id + 1. */
export function groupCount(dataset: Dataset): number {
  if (dataset.groupNames !== undefined) return dataset.groupNames.length;
  let largest = -1;
  for (const group of dataset.groups ?? []) largest = Math.max(largest, group);
  return largest + 1;
}

/** Returns the name of group `group`: its given name, else its id. */
export function groupName(dataset: Dataset, group: number): string {
  return dataset.groupNames?.[group] ?? String(group);
}

function checkGroupNames(names: unknown): void {
  if (!Array.isArray(names) || names.some((n) => typeof n !== "string")) {
    fail("dataset.groupNames must be an array of strings");
  }
  const seen = new Set<string>();
  for (const name of names as string[]) {
    if (seen.has(name)) {
      fail(`dataset.groupNames has "${name}" twice; group names must differ`);
    }
    seen.add(name);
  }
}

/**
 * Checks `groups` and `groupNames` of a dataset whose labels are already
 * checked: one group id per item, each in range, names unique.
 * @throws EpisodeSamplerError ERR_INVALID_DATASET on the first problem.
 */
export function checkDatasetGroups(dataset: Dataset): void {
  const { groups, groupNames, labels } = dataset;
  if (groups === undefined) {
    if (groupNames !== undefined) {
      fail("dataset.groupNames is set but dataset.groups is not; set both");
    }
    return;
  }
  if (!(groups instanceof Int32Array)) {
    fail("dataset.groups must be an Int32Array");
  }
  if (groups.length !== labels.length) {
    fail(
      `dataset.groups has ${groups.length} entries but there are ${labels.length} items; give one group per item`,
    );
  }
  if (groupNames !== undefined) checkGroupNames(groupNames);
  const limit = groupNames?.length ?? Number.MAX_SAFE_INTEGER;
  for (let row = 0; row < groups.length; row++) {
    const group = groups[row]!;
    if (group < 0 || group >= limit) {
      const range = groupNames ? `0..${limit - 1}` : ">= 0";
      fail(
        `dataset.groups[${row}] is ${group}, outside ${range}; group ids index dataset.groupNames`,
      );
    }
  }
}

/** Counts items per (group, label): entry group * labelCount + label. */
export function countGroupLabels(dataset: Dataset): Map<number, number> {
  const counts = new Map<number, number>();
  const { groups, labels, labelCount } = dataset;
  if (groups === undefined) return counts;
  for (let row = 0; row < labels.length; row++) {
    const key = groups[row]! * labelCount + labels[row]!;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Lists every group with its labels and their item counts. */
export function summarizeGroups(dataset: Dataset): GroupSummary[] {
  const count = groupCount(dataset);
  const perGroup = Array.from({ length: count }, () => [] as GroupLabelCount[]);
  const counts = countGroupLabels(dataset);
  const keys = [...counts.keys()].sort((a, b) => a - b);
  for (const key of keys) {
    const group = Math.floor(key / dataset.labelCount);
    const label = key % dataset.labelCount;
    perGroup[group]!.push({ label, count: counts.get(key)! });
  }
  return perGroup.map((labels, group) => ({
    group,
    name: groupName(dataset, group),
    items: labels.reduce((sum, entry) => sum + entry.count, 0),
    labels,
  }));
}
