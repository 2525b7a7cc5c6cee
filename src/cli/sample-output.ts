// Output of `episodes sample`: checking the --format and --out pair before
// anything is drawn, and creating the sink for the chosen format.

import { statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { Writable } from "node:stream";
import { InvalidArgumentError } from "commander";
import { datasetSha256 } from "../dataset-hash.js";
import type { EpisodeSink } from "../run-episodes.js";
import type { EpisodeRange, Shard } from "../shard.js";
import { createBinSink } from "../write-bin.js";
import { createJsonlFileSink, createJsonlStreamSink } from "../write-jsonl.js";
import { createNpzSink } from "../write-npz.js";
import type { CliIo } from "./io.js";
import type { Dataset, Sampler } from "../types.js";

/** Output formats of `sample`. */
export const OUTPUT_FORMATS = ["npz", "jsonl", "bin"] as const;

/** One of {@link OUTPUT_FORMATS}. */
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** Returns the output used when --out is not given. */
export function defaultOutput(format: OutputFormat): string {
  if (format === "npz") return "episodes.npz";
  return format === "jsonl" ? "-" : "episodes-bin";
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

/** Checks that `format` can be written to `out`, before any work. */
export function checkOutput(format: OutputFormat, out: string): void {
  if (out.trim() === "") {
    throw new InvalidArgumentError(
      "Output path is empty; pass a path such as episodes.npz.",
    );
  }
  if (out === "-") {
    if (format === "jsonl") return;
    throw new InvalidArgumentError(
      `Only jsonl can stream to stdout, but --format is ${format}; pass --out with a path.`,
    );
  }
  if (format !== "bin") return checkOutputPath(out);

  const parent = dirname(resolve(out));
  if (!statSync(parent, { throwIfNoEntry: false })?.isDirectory()) {
    throw new InvalidArgumentError(
      `Output folder ${parent} does not exist; create it first.`,
    );
  }
  if (statSync(out, { throwIfNoEntry: false }) !== undefined) {
    throw new InvalidArgumentError(
      `Output path ${resolve(out)} already exists; bin output goes to a new folder, so remove it or pass another --out.`,
    );
  }
}

/** Run details a sink needs besides the sampler. */
export interface RunDescription {
  readonly dataset: Dataset;
  readonly split?: string;
  readonly run: EpisodeRange;
  readonly shard?: Shard;
  readonly range: EpisodeRange;
  readonly episodesPerFile: number;
}

function writableFrom(io: CliIo): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      io.writeOut(chunk.toString());
      done();
    },
  });
}

/** Creates the sink of `format` writing to `out`. */
export function createSink(
  format: OutputFormat,
  out: string,
  sampler: Sampler,
  io: CliIo,
  run: RunDescription,
): EpisodeSink {
  const shots = sampler.options.shots;
  if (format === "npz") {
    return createNpzSink(sampler, out, run.range.count, run.range.start);
  }
  if (format === "jsonl") {
    return out === "-"
      ? createJsonlStreamSink(io.stdout ?? writableFrom(io), shots)
      : createJsonlFileSink(out, shots);
  }
  const { dataset } = run;
  const info = {
    dataset: {
      sha256: datasetSha256(dataset),
      items: dataset.labels.length,
      itemShape: dataset.itemShape,
      labelCount: dataset.labelCount,
      ...(dataset.labelNames && { labelNames: dataset.labelNames }),
      ...(run.split === undefined ? {} : { split: run.split }),
    },
    run: run.run,
    shard: run.shard,
    range: run.range,
  };
  return createBinSink(sampler, out, info, run.episodesPerFile);
}
