import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, test } from "vitest";
import { readDataset } from "../src/formats/read.js";
import {
  idxBytes,
  makeSample,
  tempFolder,
  writeIdxFolder,
} from "./support/fixtures.js";
import { codeOf } from "./support/errors.js";

const temp = tempFolder();
afterAll(temp.remove);
let folders = 0;
const newFolder = () => join(temp.dir, `idx${folders++}`);

describe("IDX folder", () => {
  test("reads images, shape and labels", async () => {
    const dir = newFolder();
    const sample = makeSample([0, 1, 2, 1]);
    writeIdxFolder(dir, sample);
    const { dataset, format, split } = await readDataset(dir);
    expect(format).toBe("idx");
    expect(split).toBe("train");
    expect(dataset.itemShape).toEqual([3, 2]);
    expect(dataset.images).toEqual(sample.pixels);
    expect([...dataset.labels]).toEqual([0, 1, 2, 1]);
  });

  test("maps gapped labels to dense ids", async () => {
    const dir = newFolder();
    writeIdxFolder(dir, makeSample([26, 1, 5, 1]));
    const { dataset } = await readDataset(dir);
    expect([...dataset.labels]).toEqual([2, 0, 1, 0]);
    expect(dataset.labelNames).toEqual(["1", "5", "26"]);
    expect(dataset.labelCount).toBe(3);
  });

  test("reads EMNIST-style gzipped names", async () => {
    const dir = newFolder();
    const sample = makeSample([3, 4], 5, 4);
    mkdirSync(dir);
    writeFileSync(
      join(dir, "emnist-letters-train-images-idx3-ubyte.gz"),
      gzipSync(idxBytes([2, 5, 4], sample.pixels)),
    );
    writeFileSync(
      join(dir, "emnist-letters-train-labels-idx1-ubyte.gz"),
      gzipSync(idxBytes([2], [3, 4])),
    );
    writeFileSync(join(dir, "emnist-letters-mapping.txt"), "3 67\n4 68\n");
    const { dataset } = await readDataset(dir);
    expect(dataset.itemShape).toEqual([5, 4]);
    expect(dataset.images).toEqual(sample.pixels);
  });

  test("split all joins train then test", async () => {
    const dir = newFolder();
    writeIdxFolder(dir, makeSample([0, 1]));
    writeFileSync(
      join(dir, "t10k-images-idx3-ubyte"),
      idxBytes([1, 3, 2], new Uint8Array(6)),
    );
    writeFileSync(join(dir, "t10k-labels-idx1-ubyte"), idxBytes([1], [2]));
    const { dataset } = await readDataset(dir, { split: "all" });
    expect([...dataset.labels]).toEqual([0, 1, 2]);
  });

  test("label ids agree across splits", async () => {
    const dir = newFolder();
    writeIdxFolder(dir, makeSample([5, 9]));
    writeFileSync(
      join(dir, "t10k-images-idx3-ubyte"),
      idxBytes([1, 3, 2], new Uint8Array(6)),
    );
    writeFileSync(join(dir, "t10k-labels-idx1-ubyte"), idxBytes([1], [7]));
    const { dataset } = await readDataset(dir, { split: "test" });
    expect([...dataset.labels]).toEqual([1]);
    expect(dataset.labelNames).toEqual(["5", "7", "9"]);
  });

  test("missing split is ERR_NOT_FOUND", async () => {
    const dir = newFolder();
    writeIdxFolder(dir, makeSample([0, 1]));
    expect(await codeOf(readDataset(dir, { split: "test" }))).toBe(
      "ERR_NOT_FOUND",
    );
  });

  test("count mismatch is ERR_COUNT_MISMATCH", async () => {
    const dir = newFolder();
    writeIdxFolder(dir, makeSample([0, 1]));
    writeFileSync(
      join(dir, "train-labels-idx1-ubyte"),
      idxBytes([3], [0, 1, 1]),
    );
    expect(await codeOf(readDataset(dir))).toBe("ERR_COUNT_MISMATCH");
  });

  test("two image files for one split are rejected", async () => {
    const dir = newFolder();
    writeIdxFolder(dir, makeSample([0, 1]));
    writeIdxFolder(dir, makeSample([0, 1]), "fashion-");
    expect(await codeOf(readDataset(dir))).toBe("ERR_BAD_HEADER");
  });

  test("empty split is ERR_EMPTY_DATASET", async () => {
    const dir = newFolder();
    writeIdxFolder(dir, makeSample([]));
    expect(await codeOf(readDataset(dir))).toBe("ERR_EMPTY_DATASET");
  });

  test("gzip bomb stops at the size limit", async () => {
    const dir = newFolder();
    writeIdxFolder(dir, makeSample([0, 1]));
    const big = idxBytes([200, 100, 100], new Uint8Array(200 * 100 * 100));
    writeFileSync(join(dir, "train-images-idx3-ubyte"), gzipSync(big));
    expect(await codeOf(readDataset(dir, { maxBytes: 100_000 }))).toBe(
      "ERR_SIZE_LIMIT",
    );
  });
});
