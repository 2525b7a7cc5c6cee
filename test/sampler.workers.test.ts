// Worker threads run compiled JavaScript, so these tests load the sampler
// from dist/, which `npm test` builds first.
import { describe, expect, test } from "vitest";
import { createSampler } from "../dist/index.js";
import type { Dtype, Engine, SamplerOptions } from "../src/types.js";
import { splitRuns } from "../src/workers.js";
import {
  BATCH_ARRAYS,
  firstDifference,
  makeDataset,
} from "./helpers/batches.js";

const DATASET = makeDataset(10, [6, 6]);
const WORKER_COUNTS = [1, 2, 3, 4];
const CASES: [Engine, Dtype][] = [
  ["wasm", "float32"],
  ["wasm", "uint8"],
  ["js", "uint8"],
];

function options(engine: Engine, dtype: Dtype): SamplerOptions {
  return {
    dataset: DATASET,
    ways: [1, 8],
    shots: 3,
    queries: 2,
    seed: 31337,
    engine,
    dtype,
  };
}

describe.each(CASES)("%s engine, %s", (engine, dtype) => {
  test.each(WORKER_COUNTS)("%i workers match the js engine", async (n) => {
    const reference = await createSampler(options("js", dtype));
    const expected = reference.sample(101, { start: 9 });
    const sampler = await createSampler({
      ...options(engine, dtype),
      workers: n,
    });
    try {
      const views = [
        sampler.sample(101, { start: 9 }),
        sampler.sampleView(101, { start: 9 }),
      ];
      const out = sampler.createBatch(101);
      sampler.sampleInto(out, 101, { start: 9 });
      for (const batch of [...views, out]) {
        for (const name of BATCH_ARRAYS) {
          expect(firstDifference(batch, expected, name), name).toBe(-1);
        }
      }
    } finally {
      await sampler.close();
    }
  });
});

describe("workers", () => {
  test("fewer episodes than workers", async () => {
    const reference = await createSampler(options("js", "uint8"));
    const expected = reference.sample(2, { start: 40 });
    const sampler = await createSampler({
      ...options("wasm", "uint8"),
      workers: 4,
    });
    const batch = sampler.sample(2, { start: 40 });
    await sampler.close();
    for (const name of BATCH_ARRAYS) {
      expect(firstDifference(batch, expected, name), name).toBe(-1);
    }
  });

  test.each(["js", "wasm"] as const)(
    "%s, a growing batch size",
    async (engine) => {
      const reference = await createSampler(options("js", "uint8"));
      const sampler = await createSampler({
        ...options(engine, "uint8"),
        workers: 2,
      });
      for (const count of [3, 50, 7, 80]) {
        const expected = reference.sample(count, { start: count });
        const batch = sampler.sampleView(count, { start: count });
        for (const name of BATCH_ARRAYS) {
          expect(firstDifference(batch, expected, name), name).toBe(-1);
        }
      }
      await sampler.close();
    },
  );

  test("resolved options report workers", async () => {
    const sampler = await createSampler({
      ...options("js", "uint8"),
      workers: 2,
    });
    expect(sampler.options.workers).toBe(2);
    await sampler.close();
  });

  test.each([-1, 1.5, 65, "2"])("rejects workers %j", async (workers) => {
    const create = createSampler({
      ...options("js", "uint8"),
      workers: workers as number,
    });
    await expect(create).rejects.toMatchObject({ code: "ERR_INVALID_OPTION" });
  });

  test("rejects sampling after close", async () => {
    const sampler = await createSampler({
      ...options("js", "uint8"),
      workers: 1,
    });
    await sampler.close();
    expect(() => sampler.sample(1)).toThrow(
      expect.objectContaining({ code: "ERR_SAMPLER_CLOSED" }),
    );
  });
});

describe("splitRuns", () => {
  test("covers every episode once, in order", () => {
    expect(splitRuns(10, 3)).toEqual([
      [0, 4],
      [4, 3],
      [7, 3],
    ]);
  });

  test("skips empty runs", () => {
    expect(splitRuns(2, 4)).toEqual([
      [0, 1],
      [1, 1],
    ]);
  });
});
