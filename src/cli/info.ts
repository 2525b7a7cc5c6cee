// `episodes info`: what a dataset holds, and anything suspicious in it.

import type { Command } from "commander";
import { summarizeDataset, type DatasetSummary } from "../formats/summary.js";
import { datasetOptions } from "./options.js";
import type { LoadedDataset } from "./dataset.js";
import {
  formatGroups,
  groupDatasetOptions,
  loadGroupedDataset,
  type GroupFlags,
} from "./groups.js";
import type { CliIo } from "./io.js";

/** Returns the report `episodes info` prints to stdout. */
export function formatInfo(
  loaded: LoadedDataset,
  summary: DatasetSummary,
): string {
  const { dataset } = loaded;
  const names = dataset.labelNames;
  const nameWidth = Math.max(5, ...(names ?? []).map((name) => name.length));
  const lines = [
    `source: ${loaded.source}`,
    `format: ${loaded.format}`,
    ...(loaded.split ? [`split: ${loaded.split}`] : []),
    `items: ${dataset.labels.length}`,
    `item shape: ${dataset.itemShape.join("x")}`,
    `labels: ${dataset.labelCount}`,
    `   id  ${"label".padEnd(nameWidth)}  count`,
    ...summary.labelSizes.map((size, id) => {
      const name = names?.[id] ?? String(id);
      return `${String(id).padStart(5)}  ${name.padEnd(nameWidth)}  ${size}`;
    }),
    ...formatGroups(dataset),
  ];
  return lines.join("\n") + "\n";
}

/** Returns the `Warning:` lines for empty labels and repeated rows. */
export function formatWarnings(
  loaded: LoadedDataset,
  summary: DatasetSummary,
): string {
  const { dataset } = loaded;
  const name = (id: number) => dataset.labelNames?.[id] ?? String(id);
  const warnings = summary.emptyLabels.map(
    (id) =>
      `Warning: label "${name(id)}" (id ${id}) has no images in ${loaded.source}; it can never be a way`,
  );
  if (summary.firstDuplicate) {
    const [earlier, later] = summary.firstDuplicate;
    warnings.push(
      `Warning: ${summary.duplicateRows} rows repeat an earlier row (same image and label), first row ${later} repeats row ${earlier}`,
    );
  }
  if (summary.conflictingRows > 0) {
    warnings.push(
      `Warning: ${summary.conflictingRows} rows repeat an earlier image with a different label`,
    );
  }
  return warnings.map((line) => line + "\n").join("");
}

/** Adds the `info` command to `program`. */
export function addInfoCommand(program: Command, io: CliIo): void {
  const command = program
    .command("info")
    .description(
      "print the format, image shape and images per label of a dataset, with warnings",
    );
  for (const option of datasetOptions()) command.addOption(option);
  for (const option of groupDatasetOptions()) command.addOption(option);
  command.action(async (flags: GroupFlags) => {
    const loaded = await loadGroupedDataset(flags);
    const summary = summarizeDataset(loaded.dataset);
    io.writeOut(formatInfo(loaded, summary));
    const warnings = formatWarnings(loaded, summary);
    if (warnings !== "") io.writeErr(warnings);
  });
}
