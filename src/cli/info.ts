// `episodes info`: what a dataset holds.

import type { Command } from "commander";
import { datasetOptions } from "./options.js";
import {
  formatGroups,
  groupDatasetOptions,
  loadGroupedDataset,
  type GroupFlags,
} from "./groups.js";
import type { CliIo } from "./io.js";
import type { Dataset } from "../types.js";

function formatInfo(dataset: Dataset, source: string, split: string): string {
  const sizes = new Array<number>(dataset.labelCount).fill(0);
  for (const label of dataset.labels) sizes[label]!++;
  const lines = [
    `source: ${source}`,
    `split: ${split}`,
    `items: ${dataset.labels.length}`,
    `item shape: ${dataset.itemShape.join("x")}`,
    `labels: ${dataset.labelCount}`,
    "label  count",
    ...sizes.map((size, label) => `${String(label).padStart(5)}  ${size}`),
    ...formatGroups(dataset),
  ];
  return lines.join("\n") + "\n";
}

/** Adds the `info` command to `program`. */
export function addInfoCommand(program: Command, io: CliIo): void {
  const command = program
    .command("info")
    .description("print the item shape and the image count of each label");
  for (const option of datasetOptions()) command.addOption(option);
  for (const option of groupDatasetOptions()) command.addOption(option);
  command.action(async (flags: GroupFlags) => {
    const { dataset, source } = await loadGroupedDataset(flags);
    io.writeOut(formatInfo(dataset, source, flags.split));
  });
}
