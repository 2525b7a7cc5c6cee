import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { EpisodeSamplerError, ErrorCode } from "../src/errors.js";
import { loadMnist } from "../src/mnist.js";
import {
  MAX_MEMORY_NPZ_BYTES,
  createNpzMemoryWriter,
  encodeEpisodesNpz,
} from "../src/npz-memory.js";
import { createSampler } from "../src/sampler.js";
import { writeEpisodesNpz } from "../src/write-npz.js";
import type { Dataset, SamplerOptions } from "../src/types.js";

let dataset: Dataset;
let scratch: string;

beforeAll(async () => {
  dataset = await loadMnist({ split: "test" });
  scratch = mkdtempSync(join(tmpdir(), "episode-sampler-npz-memory-"));
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return error instanceof EpisodeSamplerError ? error.code : "not ours";
  }
  return undefined;
}

type Case = [string, Omit<SamplerOptions, "dataset">, number, number];

const CASES: Case[] = [
  ["defaults", {}, 10, 0],
  ["exclude and shots", { ways: 4, shots: 3, exclude: [2, 7] }, 20, 0],
  ["ways range, float32", { ways: [2, 6], dtype: "float32" }, 7, 3],
  ["js engine", { ways: 5, shots: 2, seed: 9, engine: "js" }, 300, 0],
  ["queries", { ways: 3, queries: 4, seed: 77 }, 5, 1000],
  ["empty run", { ways: 2 }, 0, 0],
];

describe("encodeEpisodesNpz", () => {
  test.each(CASES)("%s equals the file", async (_, options, count, start) => {
    // One sampler each: a sampler that has drawn before may differ.
    const fileSampler = await createSampler({ dataset, ...options });
    const memorySampler = await createSampler({ dataset, ...options });
    const path = join(scratch, "out.npz");
    writeEpisodesNpz(fileSampler, path, { count, start, batchSize: 64 });
    const bytes = encodeEpisodesNpz(memorySampler, {
      count,
      start,
      batchSize: 7,
    });
    expect(Buffer.from(bytes).equals(readFileSync(path))).toBe(true);
  });

  test("invalid batchSize", async () => {
    const sampler = await createSampler({ dataset, ways: 2 });
    const code = codeOf(() =>
      encodeEpisodesNpz(sampler, { count: 1, batchSize: 0 }),
    );
    expect(code).toBe(ErrorCode.invalidOption);
  });

  test("invalid count", async () => {
    const sampler = await createSampler({ dataset, ways: 2 });
    const code = codeOf(() => encodeEpisodesNpz(sampler, { count: -1 }));
    expect(code).toBe(ErrorCode.invalidOption);
  });
});

describe("createNpzMemoryWriter", () => {
  const spec = { name: "a", dtype: "int32", shape: [2] } as const;

  test("too large an archive", () => {
    const shape = [MAX_MEMORY_NPZ_BYTES];
    const code = codeOf(() =>
      createNpzMemoryWriter([{ name: "big", dtype: "uint8", shape }]),
    );
    expect(code).toBe(ErrorCode.invalidOption);
  });

  test("unknown array", () => {
    const writer = createNpzMemoryWriter([spec]);
    const code = codeOf(() => writer.append("b", new Int32Array(2)));
    expect(code).toBe(ErrorCode.invalidOption);
  });

  test("too many bytes", () => {
    const writer = createNpzMemoryWriter([spec]);
    const code = codeOf(() => writer.append("a", new Int32Array(3)));
    expect(code).toBe(ErrorCode.invalidOption);
  });

  test("missing bytes", () => {
    const writer = createNpzMemoryWriter([spec]);
    writer.append("a", new Int32Array(1));
    expect(codeOf(() => writer.finish())).toBe(ErrorCode.invalidOption);
  });

  test("append after finish", () => {
    const writer = createNpzMemoryWriter([spec]);
    writer.append("a", new Int32Array(2));
    writer.finish();
    const code = codeOf(() => writer.append("a", new Int32Array(0)));
    expect(code).toBe(ErrorCode.invalidOption);
  });
});
