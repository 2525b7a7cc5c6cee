import { describe, expect, test } from "vitest";
import { createSampler } from "../src/sampler.js";
import type { Dtype, Engine, SamplerOptions } from "../src/types.js";
import {
  BATCH_ARRAYS,
  firstDifference,
  makeDataset,
} from "./helpers/batches.js";

const DATASET = makeDataset(12, [5, 7]);
const CASES: [Engine, Dtype][] = [
  ["js", "uint8"],
  ["js", "float32"],
  ["wasm", "uint8"],
  ["wasm", "float32"],
];

function options(engine: Engine, dtype: Dtype): SamplerOptions {
  return {
    dataset: DATASET,
    ways: [1, 6],
    shots: 2,
    queries: 3,
    seed: 99,
    engine,
    dtype,
  };
}

describe.each(CASES)("%s engine, %s", (engine, dtype) => {
  test("sampleInto matches sample", async () => {
    const sampler = await createSampler(options(engine, dtype));
    const expected = sampler.sample(40, { start: 7 });
    const out = sampler.createBatch(40);
    sampler.sampleInto(out, 40, { start: 7 });
    for (const name of BATCH_ARRAYS) {
      expect(firstDifference(out, expected, name), name).toBe(-1);
    }
  });

  test("sampleInto fills a larger batch's head", async () => {
    const sampler = await createSampler(options(engine, dtype));
    const expected = sampler.sample(25, { start: 3 });
    const out = sampler.createBatch(60);
    sampler.sampleInto(out, 25, { start: 3 });
    for (const name of BATCH_ARRAYS) {
      expect(firstDifference(out, expected, name), name).toBe(-1);
    }
  });

  test("sampleView matches sample", async () => {
    const sampler = await createSampler(options(engine, dtype));
    const expected = sampler.sample(30, { start: 11 });
    sampler.sampleView(50, { start: 0 });
    const view = sampler.sampleView(30, { start: 11 });
    expect(view.start).toBe(11);
    for (const name of BATCH_ARRAYS) {
      expect(firstDifference(view, expected, name), name).toBe(-1);
    }
  });

  test("sampleInto reuses the caller's arrays", async () => {
    const sampler = await createSampler(options(engine, dtype));
    const out = sampler.createBatch(20);
    const images = out.supportImages;
    sampler.sampleInto(out, 20, { start: 0 });
    sampler.sampleInto(out, 20, { start: 20 });
    expect(out.supportImages).toBe(images);
  });
});

describe("sampleView memory", () => {
  test("wasm memory stops growing after the first batch", async () => {
    const sampler = await createSampler(options("wasm", "float32"));
    const first = sampler.sampleView(64, { start: 0 });
    const memoryBytes = first.queryImages.buffer.byteLength;
    for (let start = 64; start < 640; start += 64) {
      const view = sampler.sampleView(64, { start });
      expect(view.queryImages.buffer.byteLength).toBe(memoryBytes);
    }
  });

  test("views of one size are reused", async () => {
    const sampler = await createSampler(options("js", "uint8"));
    const first = sampler.sampleView(16, { start: 0 });
    const second = sampler.sampleView(16, { start: 16 });
    expect(second.queryImages).toBe(first.queryImages);
  });
});

describe("sampleInto validation", () => {
  test("rejects out of another dtype", async () => {
    const sampler = await createSampler(options("js", "float32"));
    const other = await createSampler(options("js", "uint8"));
    const out = other.createBatch(10);
    expect(() => sampler.sampleInto(out, 10)).toThrow(
      expect.objectContaining({ code: "ERR_INVALID_OPTION" }),
    );
  });

  test("rejects out that is too small", async () => {
    const sampler = await createSampler(options("wasm", "uint8"));
    const out = sampler.createBatch(5);
    expect(() => sampler.sampleInto(out, 6)).toThrow(
      expect.objectContaining({ code: "ERR_INVALID_OPTION" }),
    );
  });

  test("rejects out of another shape", async () => {
    const sampler = await createSampler(options("js", "uint8"));
    const other = await createSampler({
      ...options("js", "uint8"),
      queries: 1,
    });
    const out = other.createBatch(10);
    expect(() => sampler.sampleInto(out, 4)).toThrow(
      expect.objectContaining({ code: "ERR_INVALID_OPTION" }),
    );
  });

  test("rejects a missing out", async () => {
    const sampler = await createSampler(options("js", "uint8"));
    const call = () => sampler.sampleInto(undefined as never, 1);
    expect(call).toThrow(
      expect.objectContaining({ code: "ERR_INVALID_OPTION" }),
    );
  });

  test("rejects sampling after close", async () => {
    const sampler = await createSampler(options("wasm", "uint8"));
    await sampler.close();
    expect(() => sampler.sample(1)).toThrow(
      expect.objectContaining({ code: "ERR_SAMPLER_CLOSED" }),
    );
  });
});
