// A corpus of small malformed inputs, built in code, each with the error
// code `episodes sample` must stop with. No run may leave an output file.

import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, test } from "vitest";
import { runEpisodes } from "./support/cli.js";
import {
  encodeElements,
  idxBytes,
  makeSample,
  npyBytes,
  npzBytes,
  pngBytes,
  sampleArrays,
  tempFolder,
} from "./support/fixtures.js";

type Files = Record<string, Uint8Array | string>;

interface Case {
  readonly name: string;
  readonly files: Files;
  /** Path passed to --data, relative to the case folder. */
  readonly data: string;
  readonly code: string;
}

const labels = [0, 1, 2, 1];
const sample = makeSample(labels, 3, 2);
const images = idxBytes([4, 3, 2], sample.pixels);
const labelFile = idxBytes([4], labels);
const [npyImages, npyLabels] = sampleArrays(sample);

function idxCase(name: string, files: Files, code: string): Case {
  const base = {
    "train-images-idx3-ubyte": images,
    "train-labels-idx1-ubyte": labelFile,
  };
  return { name, files: { ...base, ...files }, data: "", code };
}

/** Builds an NPZ whose central directory declares 4 GB for images.npy. */
function zipBomb(): Uint8Array {
  const bytes = npzBytes({ images: npyImages, labels: npyLabels }, true);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  for (let at = 0; at + 46 < bytes.length; at++) {
    if (view.getUint32(at, true) === 0x02014b50 && bytes[at + 46] === 0x69) {
      view.setUint32(at + 24, 0xf0000000, true); // uncompressed size
    }
  }
  return bytes;
}

function npzCase(
  name: string,
  arrays: Record<string, Uint8Array>,
  code: string,
): Case {
  return {
    name,
    files: { "data.npz": npzBytes(arrays) },
    data: "data.npz",
    code,
  };
}

const negativeLabels = npyBytes(
  "<i8",
  [4],
  encodeElements([0, -1, 2, 1], "<i8"),
);
const wholeNpz = npzBytes({ images: npyImages, labels: npyLabels });

const CORPUS: Case[] = [
  idxCase(
    "IDX truncated",
    { "train-images-idx3-ubyte": images.subarray(0, 20) },
    "ERR_TRUNCATED_FILE",
  ),
  idxCase(
    "IDX header cut short",
    { "train-images-idx3-ubyte": images.subarray(0, 9) },
    "ERR_TRUNCATED_FILE",
  ),
  idxCase(
    "IDX wrong magic",
    {
      "train-labels-idx1-ubyte": Uint8Array.from([
        0,
        0,
        9,
        1,
        ...labelFile.subarray(4),
      ]),
    },
    "ERR_BAD_HEADER",
  ),
  idxCase(
    "IDX dims disagree with size",
    { "train-images-idx3-ubyte": Uint8Array.from([...images, 7]) },
    "ERR_BAD_HEADER",
  ),
  idxCase(
    "IDX counts differ",
    { "train-labels-idx1-ubyte": idxBytes([3], [0, 1, 2]) },
    "ERR_COUNT_MISMATCH",
  ),
  idxCase(
    "IDX label file of 2 dims",
    { "train-labels-idx1-ubyte": idxBytes([4, 1], labels) },
    "ERR_BAD_HEADER",
  ),
  idxCase(
    "IDX gzip truncated",
    { "train-labels-idx1-ubyte": gzipSync(labelFile).subarray(0, 15) },
    "ERR_CORRUPT_DATA",
  ),
  idxCase(
    "IDX no images",
    {
      "train-images-idx3-ubyte": idxBytes([0, 3, 2], []),
      "train-labels-idx1-ubyte": idxBytes([0], []),
    },
    "ERR_EMPTY_DATASET",
  ),
  npzCase(
    "NPZ labels out of range",
    { images: npyImages, labels: negativeLabels },
    "ERR_BAD_VALUE",
  ),
  npzCase(
    "NPY wrong magic",
    {
      images: Uint8Array.from([1, ...npyImages.subarray(1)]),
      labels: npyLabels,
    },
    "ERR_BAD_HEADER",
  ),
  npzCase(
    "NPY header cut short",
    { images: npyImages.subarray(0, 30), labels: npyLabels },
    "ERR_TRUNCATED_FILE",
  ),
  npzCase(
    "NPY data cut short",
    { images: npyImages.subarray(0, npyImages.length - 2), labels: npyLabels },
    "ERR_TRUNCATED_FILE",
  ),
  npzCase(
    "NPY object dtype",
    { images: npyBytes("|O", [4, 6], new Uint8Array(0)), labels: npyLabels },
    "ERR_UNSUPPORTED_DTYPE",
  ),
  npzCase("NPZ missing labels", { images: npyImages }, "ERR_MISSING_KEY"),
  npzCase(
    "NPZ no images",
    {
      images: npyBytes("|u1", [0, 3, 2], new Uint8Array(0)),
      labels: npyBytes("<i8", [0], new Uint8Array(0)),
    },
    "ERR_EMPTY_DATASET",
  ),
  {
    name: "NPZ zip bomb",
    files: { "data.npz": zipBomb() },
    data: "data.npz",
    code: "ERR_SIZE_LIMIT",
  },
  {
    name: "NPZ truncated",
    files: { "data.npz": wholeNpz.subarray(0, wholeNpz.length - 30) },
    data: "data.npz",
    code: "ERR_CORRUPT_DATA",
  },
  {
    name: "CSV wrong column count",
    files: { "d.csv": "1,2,3\n1,2\n" },
    data: "d.csv",
    code: "ERR_COLUMN_COUNT",
  },
  {
    name: "CSV pixel not a number",
    files: { "d.csv": "1,2,3\n1,2,abc\n" },
    data: "d.csv",
    code: "ERR_BAD_VALUE",
  },
  {
    name: "CSV pixel past 255",
    files: { "d.csv": "1,2,300\n" },
    data: "d.csv",
    code: "ERR_BAD_VALUE",
  },
  {
    name: "CSV header only",
    files: { "d.csv": "label,p0\n" },
    data: "d.csv",
    code: "ERR_EMPTY_DATASET",
  },
  {
    name: "binary file",
    files: { "d.bin": Uint8Array.from([7, 0, 1, 2]) },
    data: "d.bin",
    code: "ERR_UNKNOWN_FORMAT",
  },
  {
    name: "single IDX file",
    files: { d: images },
    data: "d",
    code: "ERR_UNKNOWN_FORMAT",
  },
  { name: "empty folder", files: {}, data: "", code: "ERR_UNKNOWN_FORMAT" },
  {
    name: "PNG mixed sizes",
    files: {
      "a/1.png": pngBytes(2, 2, [1, 2, 3, 4]),
      "b/1.png": pngBytes(3, 2, [1, 2, 3, 4, 5, 6]),
    },
    data: "",
    code: "ERR_MIXED_SIZES",
  },
  {
    name: "PNG truncated",
    files: { "a/1.png": pngBytes(2, 2, [1, 2, 3, 4]).subarray(0, 40) },
    data: "",
    code: "ERR_CORRUPT_DATA",
  },
];

const temp = tempFolder();
afterAll(temp.remove);

describe("malformed input corpus", () => {
  test.each(CORPUS.map((entry, i) => [entry.name, i] as const))(
    "%s",
    async (_, index) => {
      const entry = CORPUS[index]!;
      const dir = join(temp.dir, `case${index}`);
      const outDir = join(temp.dir, `case${index}-out`);
      mkdirSync(dir, { recursive: true });
      mkdirSync(outDir);
      for (const [name, bytes] of Object.entries(entry.files)) {
        mkdirSync(join(dir, name, ".."), { recursive: true });
        writeFileSync(join(dir, name), bytes);
      }
      const run = await runEpisodes([
        "sample",
        "--data",
        join(dir, entry.data),
        "-n",
        "2",
        "-q",
        "-o",
        join(outDir, "out.npz"),
      ]);
      expect(run.code).toBe(entry.code);
      expect(run.err).toContain(dir);
      expect(readdirSync(outDir)).toEqual([]);
    },
  );
});
