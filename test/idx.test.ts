import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "fflate";
import { describe, expect, test } from "vitest";
import { EpisodeSamplerError, ErrorCode } from "../src/errors.js";
import { datasetFromIdx, parseIdx } from "../src/idx.js";
import { loadMnist } from "../src/mnist.js";
import { temporaryFolders } from "./helpers.js";

const tempDir = temporaryFolders("idx");

/** Encodes an IDX file of unsigned bytes. */
function idx(dims: number[], data: number[]): Uint8Array {
  const header = new Uint8Array(4 + 4 * dims.length);
  const view = new DataView(header.buffer);
  header[2] = 0x08;
  header[3] = dims.length;
  dims.forEach((dim, d) => view.setUint32(4 + 4 * d, dim, false));
  return Uint8Array.from([...header, ...data]);
}

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof EpisodeSamplerError) return error.code;
    throw error;
  }
  return undefined;
}

describe("parseIdx", () => {
  test("reads dims and data", () => {
    const parsed = parseIdx(idx([2, 3], [1, 2, 3, 4, 5, 6]), "t");
    expect(parsed.dims).toEqual([2, 3]);
    expect([...parsed.data]).toEqual([1, 2, 3, 4, 5, 6]);
  });

  test("reads gzipped bytes", () => {
    const parsed = parseIdx(gzipSync(idx([3], [7, 8, 9])), "t.gz");
    expect([...parsed.data]).toEqual([7, 8, 9]);
  });

  test("big-endian dims past 255", () => {
    const parsed = parseIdx(idx([300], new Array(300).fill(1)), "t");
    expect(parsed.dims).toEqual([300]);
  });

  test.each([
    ["wrong magic", Uint8Array.of(1, 0, 8, 1, 0, 0, 0, 0), ErrorCode.badHeader],
    [
      "float type",
      Uint8Array.of(0, 0, 0x0d, 1, 0, 0, 0, 0),
      ErrorCode.badHeader,
    ],
    ["zero dims", Uint8Array.of(0, 0, 8, 0), ErrorCode.badHeader],
    ["short header", Uint8Array.of(0, 0), ErrorCode.badHeader],
    [
      "dims cut off",
      Uint8Array.of(0, 0, 8, 2, 0, 0, 0, 1),
      ErrorCode.truncatedFile,
    ],
    [
      "data cut off",
      idx([4], [1, 2, 3, 4]).subarray(0, 10),
      ErrorCode.truncatedFile,
    ],
    [
      "extra data",
      Uint8Array.from([...idx([2], [1, 2]), 9]),
      ErrorCode.badHeader,
    ],
    [
      "corrupt gzip",
      gzipSync(idx([3], [1, 2, 3])).subarray(0, 12),
      ErrorCode.truncatedFile,
    ],
  ])("%s", (_name, bytes, code) => {
    expect(codeOf(() => parseIdx(bytes, "bad"))).toBe(code);
  });
});

describe("datasetFromIdx", () => {
  test("pairs images and labels", () => {
    const dataset = datasetFromIdx(
      idx([3, 1, 2], [1, 2, 3, 4, 5, 6]),
      idx([3], [2, 0, 2]),
    );
    expect(dataset.itemShape).toEqual([1, 2]);
    expect(dataset.labelCount).toBe(3);
    expect([...dataset.labels]).toEqual([2, 0, 2]);
  });

  test("count mismatch is ERR_COUNT_MISMATCH", () => {
    const run = () => datasetFromIdx(idx([2, 1], [1, 2]), idx([3], [0, 1, 0]));
    expect(codeOf(run)).toBe(ErrorCode.countMismatch);
  });

  test("label file with two dims is ERR_BAD_HEADER", () => {
    const run = () => datasetFromIdx(idx([2, 1], [1, 2]), idx([2, 1], [0, 1]));
    expect(codeOf(run)).toBe(ErrorCode.badHeader);
  });

  test("image file with one dim is ERR_BAD_HEADER", () => {
    const run = () => datasetFromIdx(idx([2], [1, 2]), idx([2], [0, 1]));
    expect(codeOf(run)).toBe(ErrorCode.badHeader);
  });
});

describe("loadMnist", () => {
  test("shipped train and test splits", async () => {
    const train = await loadMnist({ split: "train" });
    const test = await loadMnist({ split: "test" });
    expect(train.labels.length).toBe(60_000);
    expect(test.labels.length).toBe(10_000);
    expect(train.itemShape).toEqual([28, 28]);
    expect(train.labelCount).toBe(10);
  });

  test("split all is train then test", async () => {
    const all = await loadMnist({ split: "all" });
    const test = await loadMnist({ split: "test" });
    expect(all.labels.length).toBe(70_000);
    expect([...all.labels.subarray(60_000, 60_010)]).toEqual([
      ...test.labels.subarray(0, 10),
    ]);
    expect(
      Buffer.compare(
        (all.images as Uint8Array).subarray(60_000 * 784),
        test.images as Uint8Array,
      ),
    ).toBe(0);
  });

  test("folder of gzipped files with dotted names", async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, "t10k-images.idx3-ubyte.gz"),
      gzipSync(idx([2, 2, 2], [1, 2, 3, 4, 5, 6, 7, 8])),
    );
    writeFileSync(join(dir, "t10k-labels-idx1-ubyte"), idx([2], [1, 0]));
    const dataset = await loadMnist({ dir, split: "test" });
    expect(dataset.itemShape).toEqual([2, 2]);
    expect([...dataset.labels]).toEqual([1, 0]);
  });

  test("missing folder is ERR_NOT_FOUND", async () => {
    const error = await loadMnist({ dir: "/nonexistent/mnist" }).catch(
      (e: unknown) => e,
    );
    expect((error as EpisodeSamplerError).code).toBe(ErrorCode.notFound);
  });

  test("missing file is ERR_NOT_FOUND", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "empty"));
    const error = await loadMnist({ dir, split: "train" }).catch(
      (e: unknown) => e,
    );
    expect((error as EpisodeSamplerError).code).toBe(ErrorCode.notFound);
  });
});
