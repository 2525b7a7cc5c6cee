// `episodes sample`: draw episodes and write them as NPZ, JSON lines or bin
// records, whole or as one shard of a larger run.

import { randomInt } from "node:crypto";
import { resolve } from "node:path";
import { InvalidArgumentError, Option, type Command } from "commander";
import { EpisodeSamplerError, ErrorCode } from "../errors.js";
import { MAX_EPISODES } from "../batch.js";
import { MAX_SEED, MAX_WORKERS } from "../plan.js";
import { runEpisodes } from "../run-episodes.js";
import { createSampler } from "../sampler.js";
import { shardRange, type EpisodeRange, type Shard } from "../shard.js";
import { DEFAULT_BATCH_SIZE } from "../write-npz.js";
import { DEFAULT_EPISODES_PER_FILE } from "../write-bin.js";
import type { LoadedDataset } from "./dataset.js";
import {
  groupDatasetOptions,
  loadGroupedDataset,
  type GroupFlags,
} from "./groups.js";
import { datasetOptions, parseInteger } from "./options.js";
import {
  samplerOptions,
  samplerSettings,
  type SamplerFlags,
} from "./sampler-options.js";
import {
  checkOutput,
  createSink,
  defaultOutput,
  OUTPUT_FORMATS,
  type OutputFormat,
} from "./sample-output.js";
import { createProgressBar, formatRate } from "./progress.js";
import type { CliIo } from "./io.js";
import type { Sampler } from "../types.js";

export { checkOutputPath } from "./sample-output.js";

interface SampleFlags extends GroupFlags, SamplerFlags {
  count: number;
  format?: OutputFormat;
  out?: string;
  shard?: Shard;
  episodesPerFile: number;
  batchSize: number;
  workers: number;
  quiet?: boolean;
}

/** Parses `k/n` into shard k of n, counted from 0. */
export function parseShard(text: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index >= count) {
    throw new InvalidArgumentError(
      "Expected k/n with 0 <= k < n, such as 0/4 for the first of four shards.",
    );
  }
  return { index, count };
}

function summaryLine(
  sampler: Sampler,
  range: EpisodeRange,
  flags: SampleFlags,
  target: string,
  seconds: number,
): string {
  const { minWays, maxWays, dtype, engine, seed } = sampler.options;
  const shard =
    flags.shard === undefined
      ? ""
      : `, shard ${flags.shard.index}/${flags.shard.count}: episodes ${range.start}..${range.start + range.count - 1}`;
  return `wrote ${range.count} episodes (ways ${minWays}..${maxWays}, ${dtype}, ${engine} engine, seed ${seed}${shard}) to ${target} in ${seconds.toFixed(2)} s, ${formatRate(range.count, seconds)}`;
}

// Signals that stop a run cleanly: Ctrl-C, and the stop signal of
// Kubernetes, Slurm and most process managers.
const STOP_SIGNALS = ["SIGINT", "SIGTERM"] as const;

// Runs with `signal` aborted on the first SIGINT or SIGTERM, whose name
// becomes the abort reason; a second one kills the process as usual.
async function withInterrupt<T>(
  run: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const handlers = STOP_SIGNALS.map((name) => {
    const handler = () => controller.abort(name);
    process.once(name, handler);
    return [name, handler] as const;
  });
  try {
    return await run(controller.signal);
  } finally {
    for (const [name, handler] of handlers) process.off(name, handler);
  }
}

async function runSample(flags: SampleFlags, io: CliIo): Promise<void> {
  const format = flags.format ?? (flags.out === "-" ? "jsonl" : "npz");
  const out = flags.out ?? defaultOutput(format);
  checkOutput(format, out);
  const range = flags.shard
    ? shardRange(flags.count, flags.shard)
    : { start: 0, count: flags.count };

  const seed = flags.seed ?? randomInt(0, MAX_SEED);
  const loaded = await loadGroupedDataset(flags);
  const sampler = await createSampler({
    dataset: loaded.dataset,
    ...samplerSettings(flags, seed, loaded.dataset),
    workers: flags.workers,
  });
  try {
    await writeRun(sampler, flags, seed, io, { format, out, range, loaded });
  } finally {
    await sampler.close();
  }
}

async function writeRun(
  sampler: Sampler,
  flags: SampleFlags,
  seed: number,
  io: CliIo,
  run: {
    format: OutputFormat;
    out: string;
    range: EpisodeRange;
    loaded: LoadedDataset;
  },
): Promise<void> {
  const { format, out, range, loaded } = run;
  if (flags.seed === undefined && !flags.quiet) {
    io.writeErr(
      `seed ${seed} (pass --seed ${seed} to draw the same episodes again)\n`,
    );
  }

  const progress = createProgressBar(io, range.count, flags.quiet === true);
  let target = "";
  try {
    // The handler is in place before the output exists, so an interrupt at
    // any point after this line removes the temporary file.
    await withInterrupt((signal) => {
      const sink = createSink(format, out, sampler, io, {
        dataset: loaded.dataset,
        split: loaded.split,
        run: { start: 0, count: flags.count },
        shard: flags.shard,
        range,
        episodesPerFile: flags.episodesPerFile,
      });
      target = sink.target;
      return runEpisodes(sampler, sink, {
        count: range.count,
        start: range.start,
        batchSize: flags.batchSize,
        signal,
        onProgress: ({ done }) => progress.update(done),
      });
    });
  } catch (error) {
    progress.stop();
    // A reader that stops early (`| head`) is a normal end of a stream.
    if (
      error instanceof EpisodeSamplerError &&
      error.code === ErrorCode.outputClosed
    ) {
      return;
    }
    throw error;
  }
  const seconds = progress.elapsedSeconds();
  progress.finish(summaryLine(sampler, range, flags, target, seconds));
}

/** Adds the `sample` command to `program`. */
export function addSampleCommand(program: Command, io: CliIo): void {
  const command = program
    .command("sample")
    .description(
      "draw episodes and write them as NPZ, JSON lines or bin records",
    )
    .option(
      "-n, --count <n>",
      "number of episodes, at most 2^32 (episode indices are 32-bit)",
      parseInteger(1, MAX_EPISODES),
      1000,
    );
  for (const option of samplerOptions()) command.addOption(option);
  command
    .addOption(
      new Option(
        "--format <format>",
        "output format (default: npz, or jsonl when --out is -)",
      ).choices(OUTPUT_FORMATS),
    )
    .option(
      "-o, --out <path>",
      "output: an NPZ or JSONL file (replaced if it exists), - for JSONL on stdout, or a new folder for bin (default: episodes.npz, stdout for jsonl, episodes-bin)",
    )
    .option(
      "--shard <k/n>",
      "write only shard k of n equal ranges of --count, counted from 0",
      parseShard,
    )
    .option(
      "--episodes-per-file <n>",
      "episodes per data file of the bin format",
      parseInteger(1),
      DEFAULT_EPISODES_PER_FILE,
    )
    .option(
      "--batch-size <n>",
      "episodes drawn per batch; memory grows with it",
      parseInteger(1),
      DEFAULT_BATCH_SIZE,
    )
    .option(
      "--workers <n>",
      "worker threads that draw each batch; 0 draws on the main thread",
      parseInteger(0, MAX_WORKERS),
      0,
    )
    .option("-q, --quiet", "print nothing on success");
  for (const option of datasetOptions()) command.addOption(option);
  for (const option of groupDatasetOptions()) command.addOption(option);
  command.action(async (flags: SampleFlags) => runSample(flags, io));
}
