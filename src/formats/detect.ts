// Finding the format of a data path from what it contains, so that a file
// named .csv that is really an NPZ archive is still read correctly.

import { readdir } from "node:fs/promises";
import { ErrorCode } from "../errors.js";
import type { DataFormat } from "../types.js";
import { dataError } from "./data-error.js";
import { isIdxName } from "./idx-folder.js";
import { isNpy } from "./npy-array.js";
import { isPng } from "./png-folder.js";
import { isZip } from "./zip-reader.js";

/** Every input format, in the order the docs list them. */
export const DATA_FORMATS: readonly DataFormat[] = [
  "idx",
  "npz",
  "npy",
  "csv",
  "png",
];

/** Bytes scanned for NUL when deciding whether a file is text. */
const TEXT_PROBE_BYTES = 4096;

/**
 * Returns the format of a folder: IDX files, .npy files, or label
 * sub-folders of images.
 * @throws EpisodeSamplerError ERR_UNKNOWN_FORMAT when it contains none.
 */
export async function detectFolderFormat(dir: string): Promise<DataFormat> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile());
  if (files.some((entry) => isIdxName(entry.name))) return "idx";
  if (files.some((entry) => entry.name.endsWith(".npy"))) return "npy";
  if (entries.some((e) => e.isDirectory() && !e.name.startsWith("."))) {
    return "png";
  }
  throw dataError(
    ErrorCode.unknownFormat,
    { file: dir },
    "IDX files, .npy files or one sub-folder of PNG images per label",
    `${entries.length} other entries`,
    "see docs/formats.md for the layouts",
  );
}

/**
 * Returns the format of a file from its first bytes (after gunzip): NPZ
 * archive or CSV text. Formats that need a folder are named in the error.
 * @throws EpisodeSamplerError ERR_UNKNOWN_FORMAT.
 */
export function detectFileFormat(bytes: Uint8Array, file: string): DataFormat {
  const needFolder = (what: string, layout: string) =>
    dataError(
      ErrorCode.unknownFormat,
      { file, position: "byte 0" },
      "an NPZ archive or a CSV file",
      what,
      `pass the folder that holds ${layout}`,
    );
  if (isZip(bytes)) return "npz";
  if (isNpy(bytes)) {
    throw needFolder("one .npy array", "images.npy and labels.npy");
  }
  if (bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0x08) {
    throw needFolder("one IDX file", "the IDX image and label files");
  }
  if (isPng(bytes)) {
    throw needFolder("one PNG image", "one sub-folder of images per label");
  }
  if (!bytes.subarray(0, TEXT_PROBE_BYTES).includes(0)) return "csv";
  throw dataError(
    ErrorCode.unknownFormat,
    { file, position: "byte 0" },
    "an NPZ archive or a CSV file",
    "binary data of no known format",
    "see docs/formats.md for the formats",
  );
}
