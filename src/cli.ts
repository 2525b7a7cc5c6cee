#!/usr/bin/env node
// The `episodes` command. All output goes through the injectable writeOut
// and writeErr, so tests run the CLI in-process and read what it printed.

import { randomInt } from "node:crypto";
import { statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Command, InvalidArgumentError, Option } from "commander";
import { EpisodeSamplerError } from "./errors.js";
import { SPLITS, defaultMnistDir, loadMnist, type Split } from "./mnist.js";
import { MAX_SEED } from "./plan.js";
import { createSampler } from "./sampler.js";
import { DEFAULT_BATCH_SIZE, writeEpisodesNpz } from "./write-npz.js";
import type { Dataset, Dtype, Engine } from "./types.js";

/** Where the CLI writes; tests pass their own. */
export interface CliIo {
  writeOut(text: string): void;
  writeErr(text: string): void;
  /** True when stderr is a terminal, which turns on the live progress line. */
  isTerminal?: boolean;
}

const NODE_IO: CliIo = {
  writeOut: (text) => process.stdout.write(text),
  writeErr: (text) => process.stderr.write(text),
  isTerminal: process.stderr.isTTY === true,
};

/** Parses a whole number in [min, max]; commander shows the message. */
function parseInteger(min: number, max = Number.MAX_SAFE_INTEGER) {
  return (text: string): number => {
    const value = /^\d+$/.test(text.trim()) ? Number(text) : NaN;
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      const range =
        max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `from ${min} to ${max}`;
      throw new InvalidArgumentError(`Expected a whole number ${range}.`);
    }
    return value;
  };
}

/** Parses `5` or `1..10` into a ways option. */
export function parseWays(text: string): number | [number, number] {
  const match = /^\s*(\d+)\s*(?:\.\.\s*(\d+)\s*)?$/.exec(text);
  if (!match) {
    throw new InvalidArgumentError(
      "Expected a number of ways such as 5, or a range such as 1..10.",
    );
  }
  const min = Number(match[1]);
  return match[2] === undefined ? min : [min, Number(match[2])];
}

/** Parses a comma-separated label list such as `3,7`. */
export function parseLabelList(text: string): number[] {
  const parts = text.split(",").map((part) => part.trim());
  if (parts.some((part) => !/^\d+$/.test(part))) {
    throw new InvalidArgumentError(
      "Expected comma-separated labels such as 3,7.",
    );
  }
  return parts.map(Number);
}

interface SampleFlags {
  count: number;
  ways?: number | [number, number];
  shots: number;
  queries: number;
  exclude?: number[];
  seed?: number;
  split: Split;
  dtype: Dtype;
  engine: Engine;
  data?: string;
  out: string;
  batchSize: number;
  quiet?: boolean;
}

function checkOutputPath(path: string): void {
  const folder = dirname(resolve(path));
  const folderInfo = statSync(folder, { throwIfNoEntry: false });
  if (!folderInfo?.isDirectory()) {
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
  return `${Math.round(episodes / Math.max(seconds, 1e-9)).toLocaleString("en-US")} episodes/s`;
}

async function runSample(flags: SampleFlags, io: CliIo): Promise<void> {
  checkOutputPath(flags.out);
  const seed = flags.seed ?? randomInt(0, MAX_SEED);
  const dataset = await loadMnist({ dir: flags.data, split: flags.split });
  const sampler = await createSampler({
    dataset,
    ways: flags.ways,
    shots: flags.shots,
    queries: flags.queries,
    exclude: flags.exclude,
    seed,
    engine: flags.engine,
    dtype: flags.dtype,
  });
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

  const seconds = (performance.now() - started) / 1000;
  if (!flags.quiet) {
    const { minWays, maxWays } = sampler.options;
    io.writeErr(
      `wrote ${flags.count} episodes (ways ${minWays}..${maxWays}, ${flags.dtype}, ${flags.engine}) to ${resolve(flags.out)} in ${seconds.toFixed(2)} s, ${formatRate(flags.count, seconds)}\n`,
    );
  }
}

function formatInfo(dataset: Dataset, source: string, split: Split): string {
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
  ];
  return lines.join("\n") + "\n";
}

/** Builds the `episodes` program; call `parseAsync` on the result. */
export function createProgram(io: CliIo = NODE_IO): Command {
  const program = new Command("episodes")
    .description(
      "Draw few-shot episodes from labelled image datasets (MNIST by default).",
    )
    .configureOutput({ writeOut: io.writeOut, writeErr: io.writeErr })
    .showHelpAfterError("(run with --help for usage)");

  const split = new Option(
    "--split <split>",
    "part of the dataset; all = train rows then test rows",
  )
    .choices(SPLITS)
    .default("train");
  const data = new Option(
    "--data <dir>",
    "folder with the four MNIST IDX files, plain or .gz (default: the MNIST shipped with the package)",
  );

  program
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
    .addOption(split)
    .addOption(
      new Option("--dtype <dtype>", "image element type; float32 is byte / 255")
        .choices(["uint8", "float32"])
        .default("uint8"),
    )
    .addOption(
      new Option(
        "--engine <engine>",
        "engine that draws episodes; both give the same bytes",
      )
        .choices(["wasm", "js"])
        .default("wasm"),
    )
    .addOption(data)
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
    .option("-q, --quiet", "print nothing on success")
    .action(async (flags: SampleFlags) => runSample(flags, io));

  program
    .command("info")
    .description("print the item shape and the image count of each label")
    .addOption(split)
    .addOption(data)
    .action(async (flags: { split: Split; data?: string }) => {
      const dataset = await loadMnist({ dir: flags.data, split: flags.split });
      const source =
        flags.data === undefined
          ? `MNIST shipped with the package (${defaultMnistDir()})`
          : resolve(flags.data);
      io.writeOut(formatInfo(dataset, source, flags.split));
    });

  return program;
}

/** Runs the CLI on `argv`, turning library errors into CLI errors. */
export async function runCli(
  argv: readonly string[],
  io: CliIo = NODE_IO,
): Promise<void> {
  const program = createProgram(io);
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (error) {
    if (error instanceof EpisodeSamplerError) {
      program.error(`error: ${error.message}`, {
        code: error.code,
        exitCode: 1,
      });
    }
    if (error instanceof InvalidArgumentError) {
      program.error(`error: ${error.message}`, {
        code: error.code,
        exitCode: 1,
      });
    }
    throw error;
  }
}

const invokedDirectly =
  process.argv[1] !== undefined &&
  realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  await runCli(process.argv.slice(2));
}
