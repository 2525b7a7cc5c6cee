// Label-to-group maps: a JSON object that puts every item of a label into
// one group, for datasets that carry no group column of their own. Two forms
// are read, whichever the file uses:
//   {"0": "low", "1": "low", "5": "high"}      label -> group name
//   {"low": [0, 1, 2], "high": [5, 6, 7]}      group name -> labels
// A map cannot give one label to two groups, because it would leave the
// group of each item of that label undecided; a per-item group column can.

import { EpisodeSamplerError, ErrorCode } from "./errors.js";
import type { Dataset } from "./types.js";

/** The group of each label, and the group names in order of appearance. */
export interface GroupMap {
  /** Group id of each label, -1 for a label the map leaves out. */
  readonly labelGroups: Int32Array;
  readonly groupNames: readonly string[];
}

function fail(source: string, message: string): never {
  throw new EpisodeSamplerError(
    ErrorCode.groupMap,
    `Group map ${source}: ${message}`,
  );
}

function parseLabel(source: string, text: string, labelCount: number): number {
  const label = /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(label) || label >= labelCount) {
    fail(
      source,
      `"${text}" is not a label of the dataset; expected a whole number from 0 to ${labelCount - 1}`,
    );
  }
  return label;
}

/**
 * Parses the JSON text of a label-to-group map for a dataset with
 * `labelCount` labels; `source` names the file in messages.
 * @throws EpisodeSamplerError ERR_GROUP_MAP when the text is not JSON, mixes
 *   the two forms, names an unknown label or gives a label two groups.
 */
export function parseGroupMap(
  text: string,
  labelCount: number,
  source = "(text)",
): GroupMap {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    fail(source, `not valid JSON (${(error as Error).message})`);
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    fail(source, 'expected a JSON object such as {"0": "low"}');
  }
  const entries = Object.entries(json as Record<string, unknown>);
  const grouped = entries.length > 0 && Array.isArray(entries[0]![1]);
  const pairs: [string, string][] = [];
  for (const [key, value] of entries) {
    if (grouped !== Array.isArray(value)) {
      fail(
        source,
        `mixes the label -> group and group -> [labels] forms at key "${key}"; use one form`,
      );
    }
    if (!grouped) pairs.push([key, groupText(source, key, value)]);
    else
      for (const label of value as unknown[]) pairs.push([String(label), key]);
  }
  return buildMap(source, pairs, labelCount);
}

function groupText(source: string, label: string, value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return fail(
    source,
    `label "${label}" maps to ${JSON.stringify(value)}; expected a group name`,
  );
}

function buildMap(
  source: string,
  pairs: readonly [string, string][],
  labelCount: number,
): GroupMap {
  const labelGroups = new Int32Array(labelCount).fill(-1);
  const ids = new Map<string, number>();
  for (const [labelText, name] of pairs) {
    const label = parseLabel(source, labelText, labelCount);
    if (!ids.has(name)) ids.set(name, ids.size);
    const group = ids.get(name)!;
    const previous = labelGroups[label]!;
    if (previous !== -1 && previous !== group) {
      fail(
        source,
        `label ${label} is in two groups; a map gives each label one group, so use a per-item group column for shared labels`,
      );
    }
    labelGroups[label] = group;
  }
  return { labelGroups, groupNames: [...ids.keys()] };
}

/**
 * Returns the dataset with the group of every item set from `map`.
 * @throws EpisodeSamplerError ERR_GROUP_MAP when an item's label has no
 *   group in the map.
 */
export function applyGroupMap(
  dataset: Dataset,
  map: GroupMap,
  source = "(text)",
): Dataset {
  const groups = new Int32Array(dataset.labels.length);
  for (let row = 0; row < groups.length; row++) {
    const label = dataset.labels[row]!;
    const group = map.labelGroups[label] ?? -1;
    if (group < 0) {
      fail(
        source,
        `label ${label} (item ${row}) has no group; add the label to the map`,
      );
    }
    groups[row] = group;
  }
  return { ...dataset, groups, groupNames: map.groupNames };
}
