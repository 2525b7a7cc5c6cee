// Validation of sampler options, and the engine-independent sampling plan
// derived from them: which labels can be the query label and which can be a
// way. Everything here runs once per sampler, before any episode is drawn.

import { EpisodeSamplerError, ErrorCode, describe } from "./errors.js";
import { checkDatasetGroups } from "./groups.js";
import type { GroupTables } from "./group-plan.js";
import type {
  CandidateMode,
  Dataset,
  Dtype,
  Engine,
  ResolvedOptions,
  SamplerOptions,
} from "./types.js";

/** Largest seed: seeds are unsigned 32-bit integers. */
export const MAX_SEED = 0xffffffff;

/** Most worker threads one sampler starts. */
export const MAX_WORKERS = 64;

const KNOWN_OPTIONS = new Set([
  "dataset",
  "ways",
  "shots",
  "queries",
  "exclude",
  "seed",
  "engine",
  "dtype",
  "candidates",
  "workers",
]);
const ENGINES: readonly Engine[] = ["wasm", "js"];
const DTYPES: readonly Dtype[] = ["uint8", "float32"];
/** Values of the `candidates` option. */
export const CANDIDATE_MODES: readonly CandidateMode[] = [
  "dataset",
  "group",
  "group-all",
];

/** Inputs both engines need to draw episodes, in plain typed arrays. */
export interface SamplingPlan extends ResolvedOptions {
  readonly labelCount: number;
  /** Elements per record (the product of itemShape). */
  readonly itemBytes: number;
  /** Bytes per record in the dataset: itemBytes times 1 or 4. */
  readonly recordBytes: number;
  /** Support slots per episode: maxWays * shots. */
  readonly supportSlots: number;
  /** Images per label. */
  readonly labelSizes: Int32Array;
  /** Labels with at least queries + shots images, ascending. */
  readonly queryLabels: Int32Array;
  /** Running total of images over queryLabels; the last is the pool size. */
  readonly queryCumulative: Int32Array;
  /** Labels with at least shots images, ascending. */
  readonly wayLabels: Int32Array;
  /** Position of each label in wayLabels, or -1. */
  readonly wayPositions: Int32Array;
  /** Images in the largest bucket: the scratch size the engines need. */
  readonly largestBucket: number;
  /** Cells and group lists of the group candidate modes. */
  readonly groups?: GroupTables;
}

function invalid(name: string, expected: string, value: unknown): never {
  throw new EpisodeSamplerError(
    ErrorCode.invalidOption,
    `Expected ${expected} for ${name} but received ${describe(value)}`,
  );
}

/** Checks that `value` is an integer in [min, max] and returns it. */
export function checkInteger(
  name: string,
  value: unknown,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (
    typeof value !== "number" ||
    !Number.isInteger(value) ||
    value < min ||
    value > max
  ) {
    const range =
      max === Number.MAX_SAFE_INTEGER
        ? `>= ${min}`
        : `between ${min} and ${max}`;
    invalid(name, `an integer ${range}`, value);
  }
  return value;
}

function checkChoice<T extends string>(
  name: string,
  value: unknown,
  choices: readonly T[],
): T {
  if (!choices.includes(value as T)) {
    invalid(name, `one of ${choices.join(", ")}`, value);
  }
  return value as T;
}

/** Checks sizes, shape and every label of a dataset. */
export function checkDataset(dataset: unknown): Dataset {
  const fail = (message: string): never => {
    throw new EpisodeSamplerError(ErrorCode.invalidDataset, message);
  };
  if (typeof dataset !== "object" || dataset === null) {
    return fail(`Expected a dataset object but received ${describe(dataset)}`);
  }
  const { images, labels, itemShape, labelCount } = dataset as Dataset;
  if (!(images instanceof Uint8Array) && !(images instanceof Float32Array))
    fail("dataset.images must be a Uint8Array or a Float32Array");
  if (!(labels instanceof Int32Array))
    fail("dataset.labels must be an Int32Array");
  const shapeOk =
    Array.isArray(itemShape) &&
    itemShape.length > 0 &&
    itemShape.every((size) => Number.isInteger(size) && size > 0);
  if (!shapeOk) {
    fail(
      `dataset.itemShape must be positive integers, received ${describe(itemShape)}`,
    );
  }
  if (!Number.isInteger(labelCount) || labelCount < 1) {
    fail(
      `dataset.labelCount must be an integer >= 1, received ${describe(labelCount)}`,
    );
  }
  const itemBytes = itemShape.reduce((product, size) => product * size, 1);
  if (images.length !== labels.length * itemBytes) {
    fail(
      `dataset.images has ${images.length} bytes, but ${labels.length} items of ${itemBytes} bytes need ${labels.length * itemBytes}`,
    );
  }
  const { labelNames } = dataset as Dataset;
  if (
    labelNames !== undefined &&
    (!Array.isArray(labelNames) || labelNames.length !== labelCount)
  ) {
    fail(
      `dataset.labelNames must be ${labelCount} names, one per label, received ${describe(labelNames)}`,
    );
  }
  for (let row = 0; row < labels.length; row++) {
    const label = labels[row]!;
    if (label < 0 || label >= labelCount) {
      fail(`dataset.labels[${row}] is ${label}, outside 0..${labelCount - 1}`);
    }
  }
  checkDatasetGroups(dataset as Dataset);
  return dataset as Dataset;
}

/** Parses the ways option into [min, max]; undefined gives [1, defaultMax]. */
export function parseWays(ways: unknown, defaultMax: number): [number, number] {
  if (ways === undefined) return [1, defaultMax];
  if (typeof ways === "number") {
    const fixed = checkInteger("ways", ways, 1);
    return [fixed, fixed];
  }
  if (!Array.isArray(ways) || ways.length !== 2) {
    invalid("ways", "an integer or a [min, max] pair", ways);
  }
  const min = checkInteger("ways[0] (min)", ways[0], 1);
  const max = checkInteger("ways[1] (max)", ways[1], 1);
  if (min > max) {
    throw new EpisodeSamplerError(
      ErrorCode.waysRange,
      `Expected ways min <= max but received [${min}, ${max}]; swap them`,
    );
  }
  return [min, max];
}

function parseExclude(exclude: unknown, labelCount: number): number[] {
  if (exclude === undefined) return [];
  if (!Array.isArray(exclude))
    invalid("exclude", "an array of labels", exclude);
  for (const label of exclude) {
    checkInteger("exclude[]", label, 0);
    if (label >= labelCount) {
      throw new EpisodeSamplerError(
        ErrorCode.unknownLabel,
        `Cannot exclude label ${label}: the dataset has labels 0..${labelCount - 1}`,
      );
    }
  }
  return [...new Set(exclude as number[])].sort((a, b) => a - b);
}

function countLabels(dataset: Dataset): Int32Array {
  const sizes = new Int32Array(dataset.labelCount);
  for (const label of dataset.labels) sizes[label]!++;
  return sizes;
}

// A float32 record cannot be narrowed to bytes without losing it, so a
// float32 dataset defaults to, and only allows, float32 output.
function checkDtype(dtype: unknown, dataset: Dataset): Dtype {
  const floatRecords = dataset.images instanceof Float32Array;
  const chosen = checkChoice(
    "dtype",
    dtype ?? (floatRecords ? "float32" : "uint8"),
    DTYPES,
  );
  if (floatRecords && chosen === "uint8") {
    invalid("dtype of a float32 dataset", "float32", dtype);
  }
  return chosen;
}

/**
 * Validates options against a dataset and derives the sampling plan. The
 * group candidate modes go through createGroupPlan, which calls this first.
 */
export function createPlan(options: SamplerOptions): SamplingPlan {
  if (typeof options !== "object" || options === null) {
    invalid("options", "an object", options);
  }
  for (const key of Object.keys(options)) {
    if (!KNOWN_OPTIONS.has(key)) {
      invalid("options", `only ${[...KNOWN_OPTIONS].join(", ")}`, key);
    }
  }
  const dataset = checkDataset(options.dataset);
  const shots = checkInteger("shots", options.shots ?? 1, 1);
  const queries = checkInteger("queries", options.queries ?? 1, 1);
  const seed = checkInteger("seed", options.seed ?? 0, 0, MAX_SEED);
  const engine = checkChoice("engine", options.engine ?? "wasm", ENGINES);
  const dtype = checkDtype(options.dtype, dataset);
  const candidates = checkChoice(
    "candidates",
    options.candidates ?? "dataset",
    CANDIDATE_MODES,
  );
  const workers = checkInteger("workers", options.workers ?? 0, 0, MAX_WORKERS);
  const labelCount = dataset.labelCount;
  const exclude = parseExclude(options.exclude, labelCount);

  const labelSizes = countLabels(dataset);
  const excluded = new Set(exclude);
  const allowed = [...labelSizes.keys()].filter((l) => !excluded.has(l));
  const wayList = allowed.filter((l) => labelSizes[l]! >= shots);
  const queryList = wayList.filter((l) => labelSizes[l]! >= queries + shots);
  const [minWays, maxWays] = parseWays(
    options.ways,
    Math.max(wayList.length, 1),
  );
  checkEligible(
    allowed.length,
    queryList.length,
    wayList.length,
    maxWays,
    shots,
    queries,
  );

  const itemBytes = dataset.itemShape.reduce((product, size) => product * size);
  const wayPositions = new Int32Array(labelCount).fill(-1);
  wayList.forEach((label, position) => (wayPositions[label] = position));
  const queryCumulative = new Int32Array(queryList.length);
  let total = 0;
  queryList.forEach(
    (label, i) => (queryCumulative[i] = total += labelSizes[label]!),
  );

  return {
    minWays,
    maxWays,
    shots,
    queries,
    exclude,
    seed,
    engine,
    dtype,
    candidates,
    workers,
    labelCount,
    itemBytes,
    recordBytes: itemBytes * dataset.images.BYTES_PER_ELEMENT,
    supportSlots: maxWays * shots,
    labelSizes,
    queryLabels: Int32Array.from(queryList),
    queryCumulative,
    wayLabels: Int32Array.from(wayList),
    wayPositions,
    largestBucket: Math.max(...labelSizes),
  };
}

function checkEligible(
  allowed: number,
  queryLabels: number,
  wayLabels: number,
  maxWays: number,
  shots: number,
  queries: number,
): void {
  if (allowed === 0) {
    throw new EpisodeSamplerError(
      ErrorCode.noQueryLabel,
      "Every label of the dataset is excluded; exclude fewer labels",
    );
  }
  if (queryLabels === 0) {
    throw new EpisodeSamplerError(
      ErrorCode.noQueryLabel,
      `No allowed label has queries + shots = ${queries + shots} images to be the query label; lower queries or shots`,
    );
  }
  if (maxWays > wayLabels) {
    throw new EpisodeSamplerError(
      ErrorCode.tooManyWays,
      `Expected at most ${wayLabels} ways (labels with at least ${shots} ${shots === 1 ? "image" : "images"}, after exclusions) but received ${maxWays}; lower ways`,
    );
  }
}
