// Options that set what episodes look like, shared by `sample` and
// `preview` so both draw the same episodes from the same flags.

import { Option } from "commander";
import { MAX_SEED } from "../plan.js";
import { parseInteger, parseLabelList, parseWays } from "./options.js";
import { excludedIds } from "./dataset.js";
import { candidatesOption } from "./groups.js";
import type {
  CandidateMode,
  Dataset,
  Dtype,
  Engine,
  SamplerOptions,
} from "../types.js";

/** Parsed values of {@link samplerOptions}. */
export interface SamplerFlags {
  ways?: number | [number, number];
  shots: number;
  queries: number;
  /** Excluded labels as they appear in the data, e.g. "3" or "cat". */
  exclude?: string[];
  seed?: number;
  /** Element type of the output; the dataset's own type when absent. */
  dtype?: Dtype;
  engine: Engine;
  candidates: CandidateMode;
}

/** Returns the options that set ways, shots, queries, seed and engine. */
export function samplerOptions(): Option[] {
  return [
    new Option(
      "--ways <n|min..max>",
      "ways per episode, fixed or drawn uniformly from a range (default: 1..number of labels)",
    ).argParser(parseWays),
    new Option("--shots <k>", "support images per way")
      .argParser(parseInteger(1))
      .default(1),
    new Option("--queries <q>", "query images per episode, all of one label")
      .argParser(parseInteger(1))
      .default(1),
    new Option(
      "--exclude <labels>",
      "comma-separated labels, as in the data, that appear in no episode, e.g. 3,7",
    ).argParser(parseLabelList),
    new Option(
      "--seed <s>",
      `seed from 0 to ${MAX_SEED} (default: random, printed to stderr)`,
    ).argParser(parseInteger(0, MAX_SEED)),
    new Option(
      "--dtype <dtype>",
      "image element type; float32 is byte / 255, or the value itself for float32 records (default: the dataset's type)",
    ).choices(["uint8", "float32"]),
    candidatesOption(),
    new Option("--engine <engine>", "engine; both give the same bytes")
      .choices(["wasm", "js"])
      .default("wasm"),
  ];
}

/**
 * Returns the sampler options the flags set, with `seed` resolved and the
 * excluded labels turned into the dataset's label ids.
 */
export function samplerSettings(
  flags: SamplerFlags,
  seed: number,
  dataset: Dataset,
): Omit<SamplerOptions, "dataset"> {
  return {
    ways: flags.ways,
    shots: flags.shots,
    queries: flags.queries,
    exclude: excludedIds(dataset, flags.exclude),
    seed,
    engine: flags.engine,
    dtype: flags.dtype,
    candidates: flags.candidates,
  };
}
