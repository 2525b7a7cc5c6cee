// One entry point for every input format: check the options, find the
// format, read. Everything is validated here, before a caller opens any
// output, so a bad input never leaves a partial file behind.

import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import { EpisodeSamplerError, ErrorCode, describe } from "../errors.js";
import { SPLITS, type Split } from "../mnist.js";
import type {
  DataFormat,
  DataSource,
  Dataset,
  ReadDataOptions,
} from "../types.js";
import { parseCsv } from "./csv.js";
import { dataError } from "./data-error.js";
import { DEFAULT_MAX_BYTES, gunzipIfNeeded, readBytes } from "./decompress.js";
import {
  DATA_FORMATS,
  detectFileFormat,
  detectFolderFormat,
} from "./detect.js";
import { readIdxFolder } from "./idx-folder.js";
import { readNumpyDataset } from "./npz.js";
import { readPngFolder } from "./png-folder.js";

const FOLDER_FORMATS: readonly DataFormat[] = ["idx", "npy", "png"];
const SPLIT_FORMATS: readonly DataFormat[] = ["idx", "npz", "npy"];
const KEY_FORMATS: readonly DataFormat[] = ["npz", "npy"];

function invalid(message: string): never {
  throw new EpisodeSamplerError(ErrorCode.invalidOption, message);
}

function checkOptions(options: ReadDataOptions): void {
  const { format, split, maxBytes } = options;
  if (format !== undefined && !DATA_FORMATS.includes(format)) {
    invalid(
      `Expected format to be one of ${DATA_FORMATS.join(", ")} but received ${describe(format)}`,
    );
  }
  if (split !== undefined && !SPLITS.includes(split)) {
    invalid(
      `Expected split to be one of ${SPLITS.join(", ")} but received ${describe(split)}`,
    );
  }
  if (
    maxBytes !== undefined &&
    (!Number.isSafeInteger(maxBytes) || maxBytes < 1)
  ) {
    invalid(
      `Expected maxBytes to be an integer >= 1 but received ${describe(maxBytes)}`,
    );
  }
}

/** Rejects options that the format does not use, naming the flag. */
function checkOptionsFit(format: DataFormat, options: ReadDataOptions) {
  const unused = (flag: string, formats: readonly DataFormat[]) =>
    invalid(
      `${flag} applies to ${formats.join(", ")} data, but the data is ${format}; leave it out`,
    );
  if (options.split !== undefined && !SPLIT_FORMATS.includes(format)) {
    unused("--split", SPLIT_FORMATS);
  }
  const keyed =
    options.imagesKey !== undefined || options.labelsKey !== undefined;
  if (keyed && !KEY_FORMATS.includes(format)) {
    unused("--images-key and --labels-key", KEY_FORMATS);
  }
  if (options.labelColumn !== undefined && format !== "csv") {
    unused("--label-column", ["csv"]);
  }
}

/**
 * Reads a labelled image dataset from `path`: a folder of IDX files, an
 * .npz archive, a folder of .npy files, a CSV file (plain or .gz) or a
 * folder of PNG images per label. The format is found from the content
 * unless `options.format` names it. Labels become dense ids 0..L-1 in
 * sorted order, with the original values in `dataset.labelNames`.
 * @throws EpisodeSamplerError with a code from ErrorCode and the file and
 *   position in its message and `location`.
 */
export async function readDataset(
  path: string,
  options: ReadDataOptions = {},
): Promise<DataSource> {
  checkOptions(options);
  const absolute = resolve(path);
  const info = await stat(absolute).catch(() => undefined);
  if (info === undefined) {
    throw dataError(
      ErrorCode.notFound,
      { file: absolute },
      "a data file or folder",
      "nothing at this path",
    );
  }
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const isFolder = info.isDirectory();
  let bytes: Uint8Array | undefined;
  let format = options.format;
  if (!isFolder) {
    bytes = gunzipIfNeeded(await readBytes(absolute), absolute, maxBytes);
    format ??= detectFileFormat(bytes, absolute);
  }
  format ??= await detectFolderFormat(absolute);
  checkPathKind(format, isFolder, absolute);
  checkOptionsFit(format, options);

  const { dataset, split } = await readFormat(format, absolute, bytes, options);
  return { dataset, format, path: absolute, ...(split && { split }) };
}

function checkPathKind(format: DataFormat, isFolder: boolean, path: string) {
  const wantsFolder = FOLDER_FORMATS.includes(format);
  if (wantsFolder === isFolder) return;
  throw dataError(
    ErrorCode.unknownFormat,
    { file: path },
    `a ${wantsFolder ? "folder" : "file"} for ${format} data`,
    `a ${isFolder ? "folder" : "file"}`,
    "check --data and --data-format",
  );
}

async function readFormat(
  format: DataFormat,
  path: string,
  bytes: Uint8Array | undefined,
  options: ReadDataOptions,
): Promise<{ dataset: Dataset; split?: Split }> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  switch (format) {
    case "idx":
      return readIdxFolder(path, options.split, maxBytes);
    case "npz":
    case "npy":
      return readNumpyDataset(path, bytes, options);
    case "csv":
      return { dataset: parseCsv(bytes!, path, options.labelColumn) };
    case "png":
      return { dataset: await readPngFolder(path, maxBytes) };
  }
}
