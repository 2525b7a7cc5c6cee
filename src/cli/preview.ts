// `episodes preview`: draw a few episodes as one PNG, to see at a glance
// what the options produce before a long run.

import { randomInt } from "node:crypto";
import { renameSync, rmSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "commander";
import { MAX_SEED } from "../plan.js";
import { encodePng } from "../png.js";
import { drawEpisodeGrid } from "../preview-grid.js";
import { temporaryPath } from "../temporary-file.js";
import { createSampler } from "../sampler.js";
import {
  groupDatasetOptions,
  loadGroupedDataset,
  type GroupFlags,
} from "./groups.js";
import type { CliIo } from "./io.js";
import { datasetOptions, parseInteger } from "./options.js";
import { checkOutputPath } from "./sample-output.js";
import {
  samplerOptions,
  samplerSettings,
  type SamplerFlags,
} from "./sampler-options.js";

interface PreviewFlags extends GroupFlags, SamplerFlags {
  count: number;
  start: number;
  scale: number;
  out: string;
  quiet?: boolean;
}

/** Largest --count: rows past this make an image too tall to read. */
const MAX_PREVIEW_EPISODES = 100;

function describeRun(
  flags: PreviewFlags,
  seed: number,
  ways: string,
  split: string | undefined,
): string {
  const exclude = flags.exclude?.length ? ` EXCLUDE ${flags.exclude}` : "";
  const splitText = split === undefined ? "" : `  SPLIT ${split}`;
  return `SEED ${seed}  WAYS ${ways}  SHOTS ${flags.shots}  QUERIES ${flags.queries}${exclude}${splitText}`;
}

// Writes beside the target and renames, so a failed run leaves no file.
function writeAtomically(path: string, bytes: Uint8Array): void {
  const temporary = temporaryPath(path);
  try {
    writeFileSync(temporary, bytes);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

async function runPreview(flags: PreviewFlags, io: CliIo): Promise<void> {
  checkOutputPath(flags.out);
  const seed = flags.seed ?? randomInt(0, MAX_SEED);
  const { dataset, split } = await loadGroupedDataset(flags);
  const sampler = await createSampler({
    dataset,
    ...samplerSettings(flags, seed, dataset),
    dtype: "uint8",
  });
  const batch = sampler.sample(flags.count, { start: flags.start });
  const { minWays, maxWays } = sampler.options;
  const ways = minWays === maxWays ? `${minWays}` : `${minWays}..${maxWays}`;
  const canvas = drawEpisodeGrid(batch, {
    shots: sampler.options.shots,
    scale: flags.scale,
    title: describeRun(flags, seed, ways, split),
  });
  writeAtomically(
    flags.out,
    encodePng(canvas.rgb, canvas.width, canvas.height),
  );
  if (!flags.quiet) {
    io.writeErr(
      `drew episodes ${flags.start}..${flags.start + flags.count - 1} (seed ${seed}) to ${resolve(flags.out)}, ${canvas.width}x${canvas.height} pixels\n`,
    );
  }
}

/** Adds the `preview` command to `program`. */
export function addPreviewCommand(program: Command, io: CliIo): void {
  const command = program
    .command("preview")
    .description(
      "draw a few episodes as one PNG: a row per episode, queries then the support set",
    )
    .option(
      "-n, --count <n>",
      `episodes to draw, 1 to ${MAX_PREVIEW_EPISODES}`,
      parseInteger(1, MAX_PREVIEW_EPISODES),
      8,
    )
    .option("--start <i>", "index of the first episode", parseInteger(0), 0)
    .option(
      "--scale <s>",
      "image pixels per item pixel, 1 to 8",
      parseInteger(1, 8),
      3,
    )
    .option("-o, --out <file>", "PNG file to write", "preview.png")
    .option("-q, --quiet", "print nothing on success");
  for (const option of samplerOptions()) {
    if (option.long !== "--dtype") command.addOption(option);
  }
  for (const option of datasetOptions()) command.addOption(option);
  for (const option of groupDatasetOptions()) command.addOption(option);
  command.action(async (flags: PreviewFlags) => runPreview(flags, io));
}
