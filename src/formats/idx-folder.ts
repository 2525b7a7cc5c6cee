// A folder of IDX files: MNIST and the sets that copy its layout
// (Fashion-MNIST, KMNIST, EMNIST). File names give the split ("train",
// "t10k" or "test") and the kind ("images"/idx3, "labels"/idx1); the
// headers give the image size and count. Label values may start anywhere
// and have gaps: they become dense ids, with the values kept as names.

import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { EpisodeSamplerError, ErrorCode } from "../errors.js";
import { parseIdx } from "../idx.js";
import type { Split } from "../mnist.js";
import type { Dataset } from "../types.js";
import { dataError } from "./data-error.js";
import { gunzipIfNeeded, readBytes } from "./decompress.js";
import { denseNumericLabels } from "./labels.js";

/** A split's files: `only` when the names carry no split. */
type FileSplit = "train" | "test" | "only";

interface IdxPair {
  images?: string;
  labels?: string;
}

const IDX_NAME = /idx\d/i;

/** True when a file name looks like an IDX file, plain or gzipped. */
export function isIdxName(name: string): boolean {
  return IDX_NAME.test(name) && !name.startsWith(".");
}

function splitOf(name: string): FileSplit {
  if (/t10k|test/i.test(name)) return "test";
  if (/train/i.test(name)) return "train";
  return "only";
}

function kindOf(name: string): keyof IdxPair | undefined {
  if (/images|idx[34]/i.test(name)) return "images";
  if (/labels|idx1/i.test(name)) return "labels";
  return undefined;
}

/** Groups the IDX files of `dir` by split, rejecting ambiguous folders. */
async function findPairs(dir: string): Promise<Map<FileSplit, IdxPair>> {
  const names = (await readdir(dir)).filter(isIdxName).sort();
  const pairs = new Map<FileSplit, IdxPair>();
  for (const name of names) {
    const kind = kindOf(name);
    if (kind === undefined) continue;
    const split = splitOf(name);
    const pair = pairs.get(split) ?? {};
    if (pair[kind] !== undefined) {
      throw dataError(
        ErrorCode.badHeader,
        { file: dir },
        `one ${kind} file for the ${split} split`,
        `${pair[kind]} and ${name}`,
        "keep one IDX set per folder",
      );
    }
    pair[kind] = name;
    pairs.set(split, pair);
  }
  return pairs;
}

/** Parses an IDX file, plain or gzipped, and puts its path on any error. */
function parseIdxFile(bytes: Uint8Array, path: string, maxBytes: number) {
  try {
    return parseIdx(gunzipIfNeeded(bytes, path, maxBytes), path);
  } catch (error) {
    if (error instanceof EpisodeSamplerError && !error.location) {
      throw new EpisodeSamplerError(error.code, error.message, { file: path });
    }
    throw error;
  }
}

interface IdxPart {
  readonly images: Uint8Array;
  readonly labels: Uint8Array;
  readonly itemShape: number[];
}

async function readPart(
  dir: string,
  pair: IdxPair,
  split: FileSplit,
  maxBytes: number,
): Promise<IdxPart> {
  for (const kind of ["images", "labels"] as const) {
    if (pair[kind] === undefined) {
      throw dataError(
        ErrorCode.notFound,
        { file: dir },
        `an IDX ${kind} file for the ${split} split`,
        `only ${Object.values(pair).join(", ")}`,
      );
    }
  }
  const imagesPath = join(dir, pair.images!);
  const labelsPath = join(dir, pair.labels!);
  const read = async (path: string) =>
    parseIdxFile(await readBytes(path), path, maxBytes);
  const images = await read(imagesPath);
  const labels = await read(labelsPath);
  if (images.dims.length < 2) {
    throw dataError(
      ErrorCode.badHeader,
      { file: imagesPath, position: "byte 3" },
      "an image file with 2 or more dimensions",
      `${images.dims.length}`,
    );
  }
  if (labels.dims.length !== 1) {
    throw dataError(
      ErrorCode.badHeader,
      { file: labelsPath, position: "byte 3" },
      "a label file with 1 dimension",
      `${labels.dims.length}`,
    );
  }
  if (labels.dims[0] !== images.dims[0]) {
    throw dataError(
      ErrorCode.countMismatch,
      { file: labelsPath, position: "byte 4" },
      `${images.dims[0]} labels, one per image of ${imagesPath}`,
      `${labels.dims[0]}`,
      "pair files of the same split",
    );
  }
  return {
    images: images.data,
    labels: labels.data,
    itemShape: images.dims.slice(1),
  };
}

function chooseSplits(
  dir: string,
  pairs: Map<FileSplit, IdxPair>,
  split: Split | undefined,
): FileSplit[] {
  if (pairs.size === 0) {
    throw dataError(
      ErrorCode.notFound,
      { file: dir },
      "IDX files such as train-images-idx3-ubyte and train-labels-idx1-ubyte",
      "none",
    );
  }
  if (pairs.has("only") && pairs.size === 1) {
    if (split !== undefined && split !== "train" && split !== "all") {
      throw dataError(
        ErrorCode.invalidOption,
        { file: dir },
        `a ${split} split`,
        "one image and one label file whose names carry no split",
        "leave out --split",
      );
    }
    return ["only"];
  }
  const wanted: FileSplit[] =
    split === "all" ? ["train", "test"] : [split ?? "train"];
  for (const name of wanted) {
    if (!pairs.has(name)) {
      throw dataError(
        ErrorCode.notFound,
        { file: dir },
        `IDX files of the ${name} split`,
        `only ${[...pairs.keys()].join(", ")}`,
        "choose another --split",
      );
    }
  }
  return wanted;
}

/**
 * Reads a folder of IDX files. Label ids are assigned over every split in
 * the folder, so that an id means the same label in train and test.
 * @throws EpisodeSamplerError ERR_NOT_FOUND, ERR_BAD_HEADER,
 *   ERR_TRUNCATED_FILE, ERR_COUNT_MISMATCH, ERR_EMPTY_DATASET or a
 *   decompression code.
 */
export async function readIdxFolder(
  dir: string,
  split: Split | undefined,
  maxBytes: number,
): Promise<{ dataset: Dataset; split?: Split }> {
  const pairs = await findPairs(dir);
  const wanted = chooseSplits(dir, pairs, split);
  const parts: IdxPart[] = [];
  for (const name of wanted) {
    parts.push(await readPart(dir, pairs.get(name)!, name, maxBytes));
  }
  const first = parts[0]!;
  for (const part of parts) {
    if (part.itemShape.join("x") !== first.itemShape.join("x")) {
      throw dataError(
        ErrorCode.mixedSizes,
        { file: dir },
        `images of shape ${first.itemShape.join("x")} in every split`,
        part.itemShape.join("x"),
      );
    }
  }
  const otherLabels = await labelsOfOtherSplits(dir, pairs, wanted, maxBytes);
  const dataset = joinParts(dir, parts, otherLabels);
  return wanted[0] === "only"
    ? { dataset }
    : { dataset, split: split ?? "train" };
}

async function labelsOfOtherSplits(
  dir: string,
  pairs: Map<FileSplit, IdxPair>,
  wanted: FileSplit[],
  maxBytes: number,
): Promise<Set<number>> {
  const values = new Set<number>();
  for (const [name, pair] of pairs) {
    if (wanted.includes(name) || pair.labels === undefined) continue;
    const path = join(dir, pair.labels);
    const labels = parseIdxFile(await readBytes(path), path, maxBytes);
    for (const value of labels.data) values.add(value);
  }
  return values;
}

function joinParts(
  dir: string,
  parts: IdxPart[],
  otherLabels: Set<number>,
): Dataset {
  const count = parts.reduce((n, part) => n + part.labels.length, 0);
  if (count === 0) {
    throw dataError(ErrorCode.emptyDataset, { file: dir }, "images", "none");
  }
  const itemBytes = parts[0]!.itemShape.reduce((a, b) => a * b, 1);
  const images =
    parts.length === 1 ? parts[0]!.images : new Uint8Array(count * itemBytes);
  const rawLabels = new Uint8Array(count);
  let row = 0;
  for (const part of parts) {
    if (parts.length > 1) images.set(part.images, row * itemBytes);
    rawLabels.set(part.labels, row);
    row += part.labels.length;
  }
  const { labels, labelNames } = denseNumericLabels(rawLabels, otherLabels);
  return {
    images,
    labels,
    itemShape: parts[0]!.itemShape,
    labelCount: labelNames.length,
    labelNames,
  };
}
