// Flags of the group candidate modes and of CSV feature files, the loader
// that applies them on top of the ordinary dataset flags, and the group
// listing of `episodes info`.

import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { InvalidArgumentError, Option } from "commander";
import { EpisodeSamplerError, ErrorCode } from "../errors.js";
import { loadCsvFeatures } from "../formats/csv-features.js";
import { applyGroupMap, parseGroupMap } from "../group-map.js";
import { summarizeGroups } from "../groups.js";
import { CANDIDATE_MODES } from "../plan.js";
import {
  loadDataset,
  type DatasetFlags,
  type LoadedDataset,
} from "./dataset.js";
import type { Dataset } from "../types.js";

/** Flags that add groups or read a CSV of feature rows. */
export interface GroupFlags extends DatasetFlags {
  groups?: string;
  groupColumn?: string;
  featureColumns?: string[];
}

function parseColumnList(text: string): string[] {
  const names = text.split(",").map((name) => name.trim());
  if (names.some((name) => name === "")) {
    throw new InvalidArgumentError(
      "Expected comma-separated column names such as x1,x2,x3.",
    );
  }
  return names;
}

/** Options that give items a group or read a CSV of feature rows. */
export function groupDatasetOptions(): Option[] {
  return [
    new Option(
      "--groups <file>",
      'JSON map from label to group, {"0": "low"} or {"low": [0, 1]}',
    ),
    new Option(
      "--group-column <name>",
      "CSV column of each row's group; reads --data as a CSV of feature rows",
    ),
    new Option(
      "--feature-columns <names>",
      "comma-separated numeric CSV columns read as float32 features (default: every column but the label and group); reads --data as a CSV of feature rows",
    ).argParser(parseColumnList),
  ];
}

/** Creates the `--candidates` option of `episodes sample`. */
export function candidatesOption(): Option {
  return new Option(
    "--candidates <mode>",
    "support labels from the whole dataset, from the query's group, or every label of the query's group",
  )
    .choices(CANDIDATE_MODES)
    .default("dataset");
}

async function loadCsv(flags: GroupFlags): Promise<LoadedDataset> {
  if (flags.data === undefined) {
    throw new InvalidArgumentError(
      "--group-column and --feature-columns read a CSV file; pass it with --data FILE.csv.",
    );
  }
  if (flags.labelColumn === undefined) {
    throw new InvalidArgumentError(
      "--group-column and --feature-columns describe a CSV file; add --label-column.",
    );
  }
  const { dataset } = await loadCsvFeatures(flags.data, {
    labelColumn: flags.labelColumn,
    groupColumn: flags.groupColumn,
    featureColumns: flags.featureColumns,
  });
  return { dataset, source: resolve(flags.data), format: "csv" };
}

async function applyGroupFile(dataset: Dataset, path: string) {
  if (dataset.groups !== undefined) {
    throw new EpisodeSamplerError(
      ErrorCode.groupMap,
      `The dataset already has a group per item, so --groups ${path} would replace them; pass one of the two`,
    );
  }
  const text = await readFile(path, "utf8").catch((error: Error) => {
    throw new EpisodeSamplerError(
      ErrorCode.notFound,
      `Cannot read group map ${resolve(path)}: ${error.message}`,
    );
  });
  const source = resolve(path);
  return applyGroupMap(
    dataset,
    parseGroupMap(text, dataset.labelCount, source),
    source,
  );
}

/** Loads the dataset the flags name, with groups when a flag gives them. */
export async function loadGroupedDataset(
  flags: GroupFlags,
): Promise<LoadedDataset> {
  // A CSV of pixels goes through the ordinary CSV reader; the group and
  // feature columns select the reader of numeric feature rows instead.
  const features =
    flags.groupColumn !== undefined || flags.featureColumns !== undefined;
  const loaded = features ? await loadCsv(flags) : await loadDataset(flags);
  if (flags.groups === undefined) return loaded;
  const dataset = await applyGroupFile(loaded.dataset, flags.groups);
  return { ...loaded, dataset };
}

/** Lists each group with its item count and the item count of each label. */
export function formatGroups(dataset: Dataset): string[] {
  if (dataset.groups === undefined) return [];
  const summaries = summarizeGroups(dataset);
  const width = summaries.reduce((max, g) => Math.max(max, g.name.length), 5);
  return [
    `groups: ${summaries.length}`,
    `${"group".padEnd(width)}  items  labels (label:count)`,
    ...summaries.map(
      ({ name, items, labels }) =>
        `${name.padEnd(width)}  ${String(items).padStart(5)}  ${labels
          .map(({ label, count }) => `${label}:${count}`)
          .join(" ")}`,
    ),
  ];
}
