import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import * as zlib from "node:zlib";
import { unzipSync } from "fflate";
import { describe, expect, test } from "vitest";
import { crc32 } from "../src/crc32.js";
import { npyHeader } from "../src/npy.js";
import { createNpzFileWriter } from "../src/npz-file.js";
import { createSampler } from "../src/sampler.js";
import { writeEpisodesNpz } from "../src/write-npz.js";
import { centralDirectory, localHeader } from "../src/zip.js";
import { mnist, temporaryFolders } from "./helpers.js";

const tempDir = temporaryFolders("npz");

/** Runs a Python snippet with numpy and returns its parsed JSON output. */
function python(script: string, ...args: string[]): unknown {
  const out = execFileSync("python3", ["-c", script, ...args], {
    encoding: "utf8",
  });
  return JSON.parse(out);
}

describe("crc32", () => {
  test("check value of the CRC-32 catalogue", () => {
    expect(crc32(new TextEncoder().encode("123456789"))).toBe(0xcbf43926);
  });

  test("matches zlib on random lengths and splits", () => {
    const bytes = new Uint8Array(10_007).map((_, i) => (i * 7919) ^ (i >>> 3));
    for (const length of [0, 1, 7, 8, 9, 63, 10_007]) {
      const part = bytes.subarray(0, length);
      expect(crc32(part)).toBe(zlib.crc32(part));
      const split = Math.floor(length / 3);
      expect(crc32(part.subarray(split), crc32(part.subarray(0, split)))).toBe(
        zlib.crc32(part),
      );
    }
  });
});

describe("npyHeader", () => {
  test.each([
    [
      "float32",
      [2, 3],
      "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }",
    ],
    ["int32", [5], "{'descr': '<i4', 'fortran_order': False, 'shape': (5,), }"],
    [
      "uint8",
      [1, 2, 28, 28],
      "{'descr': '|u1', 'fortran_order': False, 'shape': (1, 2, 28, 28), }",
    ],
  ] as const)("%s %j", (dtype, shape, dict) => {
    const header = npyHeader(dtype, shape);
    expect(header.length % 64).toBe(0);
    expect(header[header.length - 1]).toBe(0x0a);
    const text = new TextDecoder().decode(header.subarray(10));
    expect(text.trimEnd()).toBe(dict);
    expect(new DataView(header.buffer).getUint16(8, true)).toBe(
      header.length - 10,
    );
  });
});

describe("zip records", () => {
  test("ZIP64 fields for sizes and offsets past 4 GiB", () => {
    const size = 5 * 2 ** 30;
    const local = new DataView(localHeader("a.npy", size, 7).buffer);
    expect(local.getUint32(18, true)).toBe(0xffffffff);
    expect(local.getUint16(28, true)).toBe(20);
    expect(local.getBigUint64(30 + 5 + 4, true)).toBe(BigInt(size));

    const entries = [
      { name: "a.npy", size, crc: 7, offset: 0 },
      { name: "b.npy", size: 10, crc: 8, offset: size + 60 },
    ];
    const tail = centralDirectory(entries, size + 200);
    const view = new DataView(tail.buffer);
    const end = tail.length - 22;
    expect(view.getUint32(end, true)).toBe(0x06054b50);
    expect(view.getUint32(end + 16, true)).toBe(0xffffffff);
    const locator = end - 20;
    expect(view.getUint32(locator, true)).toBe(0x07064b50);
    const record = locator - 56;
    expect(view.getUint32(record, true)).toBe(0x06064b50);
    expect(view.getBigUint64(record + 48, true)).toBe(BigInt(size + 200));
    expect(view.getBigUint64(locator + 8, true)).toBe(
      BigInt(size + 200 + record),
    );
  });

  test("plain archive has no ZIP64 records", () => {
    const tail = centralDirectory(
      [{ name: "a.npy", size: 10, crc: 1, offset: 0 }],
      100,
    );
    expect(tail.length).toBe(46 + 5 + 22);
  });
});

describe("createNpzFileWriter", () => {
  test("archive unzips to valid entries", () => {
    const path = join(tempDir(), "a.npz");
    const writer = createNpzFileWriter(path, [
      { name: "x", dtype: "int32", shape: [3] },
      { name: "y", dtype: "uint8", shape: [2, 2] },
    ]);
    writer.append("y", Uint8Array.of(1, 2));
    writer.append("x", Int32Array.of(-1, 0));
    writer.append("y", Uint8Array.of(3, 4));
    writer.append("x", Int32Array.of(7));
    writer.close();
    const files = unzipSync(readFileSync(path));
    expect(Object.keys(files)).toEqual(["x.npy", "y.npy"]);
    const x = files["x.npy"]!;
    expect([...new Int32Array(x.slice(x.length - 12).buffer)]).toEqual([
      -1, 0, 7,
    ]);
    expect([...files["y.npy"]!.slice(-4)]).toEqual([1, 2, 3, 4]);
  });

  test("abort leaves no file behind", () => {
    const dir = tempDir();
    const writer = createNpzFileWriter(join(dir, "a.npz"), [
      { name: "x", dtype: "uint8", shape: [4] },
    ]);
    writer.append("x", Uint8Array.of(1));
    writer.abort();
    expect(readdirSync(dir)).toEqual([]);
  });

  test("close with missing data throws and writes nothing", () => {
    const dir = tempDir();
    const writer = createNpzFileWriter(join(dir, "a.npz"), [
      { name: "x", dtype: "uint8", shape: [4] },
    ]);
    writer.append("x", Uint8Array.of(1));
    expect(() => writer.close()).toThrow(/missing 3 bytes/);
    writer.abort();
    expect(readdirSync(dir)).toEqual([]);
  });

  test("too many bytes throws", () => {
    const writer = createNpzFileWriter(join(tempDir(), "a.npz"), [
      { name: "x", dtype: "uint8", shape: [1] },
    ]);
    expect(() => writer.append("x", Uint8Array.of(1, 2))).toThrow(/more bytes/);
    writer.abort();
  });
});

describe("writeEpisodesNpz", () => {
  test("numpy loads the episodes and they match the dataset", async () => {
    const dataset = await mnist();
    const sampler = await createSampler({
      dataset,
      ways: [1, 9],
      shots: 2,
      queries: 2,
      exclude: [4],
      seed: 17,
      dtype: "float32",
    });
    const path = join(tempDir(), "episodes.npz");
    const seen: number[] = [];
    writeEpisodesNpz(sampler, path, {
      count: 700,
      batchSize: 256,
      onProgress: ({ done }) => seen.push(done),
    });
    expect(seen).toEqual([256, 512, 700]);
    expect(existsSync(path)).toBe(true);

    const expected = sampler.sample(700);
    const script = `
import json, sys, numpy as np
d = np.load(sys.argv[1])
print(json.dumps({k: [str(d[k].dtype), list(d[k].shape), float(d[k].astype(np.float64).sum())] for k in d.files}))
`;
    const arrays = python(script, path) as Record<
      string,
      [string, number[], number]
    >;
    const sum = (a: ArrayLike<number>) =>
      Array.from(a).reduce((s, v) => s + v, 0);
    expect(arrays.query_images).toEqual([
      "float32",
      [700, 2, 28, 28],
      expect.any(Number),
    ]);
    expect(arrays.query_images![2]).toBeCloseTo(sum(expected.queryImages), 0);
    expect(arrays.support_images![1]).toEqual([700, 18, 28, 28]);
    expect(arrays.support_images![2]).toBeCloseTo(
      sum(expected.supportImages),
      0,
    );
    expect(arrays.support_indices).toEqual([
      "int32",
      [700, 18],
      sum(expected.supportIndices),
    ]);
    expect(arrays.query_labels).toEqual([
      "int32",
      [700, 2],
      sum(expected.queryLabels),
    ]);
    expect(arrays.support_mask).toEqual([
      "uint8",
      [700, 18],
      sum(expected.supportMask),
    ]);
    expect(arrays.ways).toEqual(["int32", [700], sum(expected.ways)]);
    expect(arrays.candidates).toEqual([
      "uint8",
      [700, 10],
      sum(expected.candidates),
    ]);
  });
});
