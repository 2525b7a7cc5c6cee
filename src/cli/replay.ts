// `episodes replay`: draw chosen episodes of a bin output again and check
// that they match the stored records.

import { InvalidArgumentError, Option, type Command } from "commander";
import { readManifest } from "../manifest.js";
import { replayEpisodes } from "../replay.js";
import type { EpisodeRange } from "../shard.js";
import type { Split } from "../mnist.js";
import type { Engine } from "../types.js";
import { loadDataset, type DatasetFlags } from "./dataset.js";
import type { CliIo } from "./io.js";
import { datasetOptions } from "./options.js";

interface ReplayFlags extends DatasetFlags {
  range?: EpisodeRange;
  engine: Engine;
}

/** Parses an inclusive episode range such as `1000..1010` or `7`. */
export function parseEpisodeRange(text: string): EpisodeRange {
  const match = /^\s*(\d+)\s*(?:\.\.\s*(\d+)\s*)?$/.exec(text);
  const first = Number(match?.[1]);
  const last = match?.[2] === undefined ? first : Number(match[2]);
  if (!match || !Number.isSafeInteger(last) || last < first) {
    throw new InvalidArgumentError(
      "Expected an episode or an inclusive range such as 1000..1010.",
    );
  }
  return { start: first, count: last - first + 1 };
}

/** Adds the `replay` command to `program`. */
export function addReplayCommand(program: Command, io: CliIo): void {
  const command = program
    .command("replay")
    .description(
      "draw episodes of a bin output again and check them against the stored records",
    )
    .argument("<manifest>", "manifest.json of a bin output")
    .option(
      "--range <first..last>",
      "inclusive range of episodes to check (default: all in the manifest)",
      parseEpisodeRange,
    )
    .addOption(
      new Option("--engine <engine>", "engine that draws the episodes again")
        .choices(["wasm", "js"])
        .default("wasm"),
    );
  for (const option of datasetOptions()) command.addOption(option);

  command.action(async (path: string, flags: ReplayFlags) => {
    const manifest = readManifest(path);
    // The manifest records the split of the run; use it unless overridden.
    const split = flags.split ?? (manifest.dataset.split as Split | undefined);
    const { dataset } = await loadDataset({ ...flags, split });
    const range = flags.range ?? manifest.range;
    await replayEpisodes(path, manifest, dataset, range, flags.engine);
    const last = range.start + range.count - 1;
    io.writeOut(
      `episodes ${range.start}..${last} match the stored records (${range.count} checked, ${flags.engine} engine)\n`,
    );
  });
}
