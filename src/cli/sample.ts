// `episodes sample`: draw episodes and write them to a file.

import { randomInt } from "node:crypto";
import { statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { InvalidArgumentError, Option, type Command } from "commander";
import { MAX_SEED, MAX_WORKERS } from "../plan.js";
import { createSampler } from "../sampler.js";
import { DEFAULT_BATCH_SIZE, writeEpisodesNpz } from "../write-npz.js";
import { loadDataset, type DatasetFlags } from "./dataset.js";
import {
  datasetOptions,
  parseInteger,
  parseLabelList,
  parseWays,
} from "./options.js";
import type { CliIo } from "./io.js";
import type { Dtype, Engine, Sampler } from "../types.js";

interface SampleFlags extends DatasetFlags {
  count: number;
  ways?: number | [number, number];
  shots: number;
  queries: number;
  exclude?: number[];
  seed?: number;
  dtype: Dtype;
  engine: Engine;
  out: string;
  batchSize: number;
  workers: number;
  quiet?: boolean;
}

/** Rejects an output path whose folder is missing or that is a folder. */
export function checkOutputPath(path: string): void {
  const folder = dirname(resolve(path));
  if (!statSync(folder, { throwIfNoEntry: false })?.isDirectory()) {
    throw new InvalidArgumentError(
      `Output folder ${folder} does not exist; create it first.`,
    );
  }
  if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) {
    throw new InvalidArgumentError(
      `Output path ${resolve(path)} is a folder; pass a file name such as episodes.npz.`,
    );
  }
}

function formatRate(episodes: number, seconds: number): string {
  const rate = Math.round(episodes / Math.max(seconds, 1e-9));
  return `${rate.toLocaleString("en-US")} episodes/s`;
}

async function runSample(flags: SampleFlags, io: CliIo): Promise<void> {
  checkOutputPath(flags.out);
  const seed = flags.seed ?? randomInt(0, MAX_SEED);
  const { dataset } = await loadDataset(flags);
  const sampler = await createSampler({
    dataset,
    ways: flags.ways,
    shots: flags.shots,
    queries: flags.queries,
    exclude: flags.exclude,
    seed,
    engine: flags.engine,
    dtype: flags.dtype,
    workers: flags.workers,
  });
  try {
    writeRun(sampler, flags, seed, io);
  } finally {
    await sampler.close();
  }
}

function writeRun(
  sampler: Sampler,
  flags: SampleFlags,
  seed: number,
  io: CliIo,
): void {
  if (flags.seed === undefined && !flags.quiet) {
    io.writeErr(
      `seed ${seed} (pass --seed ${seed} to draw the same episodes again)\n`,
    );
  }

  const started = performance.now();
  const showLive = io.isTerminal === true && !flags.quiet;
  writeEpisodesNpz(sampler, flags.out, {
    count: flags.count,
    batchSize: flags.batchSize,
    onProgress: ({ done, total }) => {
      if (!showLive) return;
      const seconds = (performance.now() - started) / 1000;
      const percent = Math.floor((100 * done) / total);
      io.writeErr(
        `\r${done}/${total} episodes (${percent}%), ${formatRate(done, seconds)}`,
      );
    },
  });
  if (showLive) io.writeErr("\n");

  if (!flags.quiet) {
    const seconds = (performance.now() - started) / 1000;
    const { minWays, maxWays } = sampler.options;
    io.writeErr(
      `wrote ${flags.count} episodes (ways ${minWays}..${maxWays}, ${flags.dtype}, ${flags.engine} engine, seed ${seed}) to ${resolve(flags.out)} in ${seconds.toFixed(2)} s, ${formatRate(flags.count, seconds)}\n`,
    );
  }
}

/** Adds the `sample` command to `program`. */
export function addSampleCommand(program: Command, io: CliIo): void {
  const command = program
    .command("sample")
    .description("draw episodes and write them to an NPZ file")
    .option("-n, --count <n>", "number of episodes", parseInteger(1), 1000)
    .option(
      "--ways <n|min..max>",
      "ways per episode, fixed or drawn uniformly from a range (default: 1..number of labels)",
      parseWays,
    )
    .option("--shots <k>", "support images per way", parseInteger(1), 1)
    .option(
      "--queries <q>",
      "query images per episode, all of one label",
      parseInteger(1),
      1,
    )
    .option(
      "--exclude <labels>",
      "comma-separated labels that appear in no episode, e.g. 3,7",
      parseLabelList,
    )
    .option(
      "--seed <s>",
      `seed from 0 to ${MAX_SEED} (default: random, printed to stderr)`,
      parseInteger(0, MAX_SEED),
    )
    .addOption(
      new Option("--dtype <dtype>", "image element type; float32 is byte / 255")
        .choices(["uint8", "float32"])
        .default("uint8"),
    )
    .addOption(
      new Option("--engine <engine>", "engine; both give the same bytes")
        .choices(["wasm", "js"])
        .default("wasm"),
    )
    .option(
      "-o, --out <file>",
      "NPZ file to write; replaced if it exists",
      "episodes.npz",
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
  command.action(async (flags: SampleFlags) => runSample(flags, io));
}
