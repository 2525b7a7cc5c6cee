import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { createSampler } from "../src/sampler.js";
import { checkEpisodes, handmadeDataset, mnist } from "./helpers.js";

describe("episode invariants on MNIST", () => {
  test("hold for random option sets", async () => {
    const dataset = await mnist();
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          exclude: fc.uniqueArray(fc.integer({ min: 0, max: 9 }), {
            maxLength: 7,
          }),
          shots: fc.integer({ min: 1, max: 5 }),
          queries: fc.integer({ min: 1, max: 3 }),
          seed: fc.integer({ min: 0, max: 0xffffffff }),
          start: fc.integer({ min: 0, max: 0xffffffff - 200 }),
          dtype: fc.constantFrom("uint8" as const, "float32" as const),
          engine: fc.constantFrom("wasm" as const, "js" as const),
          minWays: fc.integer({ min: 1, max: 10 }),
          spread: fc.integer({ min: 0, max: 9 }),
        }),
        async (o) => {
          const allowed = 10 - o.exclude.length;
          const minWays = Math.min(o.minWays, allowed);
          const maxWays = Math.min(minWays + o.spread, allowed);
          const sampler = await createSampler({
            dataset,
            ways: [minWays, maxWays],
            shots: o.shots,
            queries: o.queries,
            exclude: o.exclude,
            seed: o.seed,
            engine: o.engine,
            dtype: o.dtype,
          });
          const batch = sampler.sample(150, { start: o.start });
          checked += checkEpisodes(batch, dataset, sampler.options);
        },
      ),
      { numRuns: 30, seed: 20261204 },
    );
    expect(checked).toBe(30 * 150);
  });
});

describe("episode invariants on handmade datasets", () => {
  test("two images per label, one shot", async () => {
    const dataset = handmadeDataset([2, 2, 2, 2, 2]);
    for (const engine of ["wasm", "js"] as const) {
      const sampler = await createSampler({ dataset, engine, seed: 11 });
      expect(sampler.options.maxWays).toBe(5);
      const batch = sampler.sample(2000);
      expect(checkEpisodes(batch, dataset, sampler.options)).toBe(2000);
    }
  });

  test("label with one image is a way but never the query", async () => {
    const dataset = handmadeDataset([1, 3, 3]);
    for (const engine of ["wasm", "js"] as const) {
      const sampler = await createSampler({
        dataset,
        engine,
        ways: 3,
        seed: 5,
      });
      const batch = sampler.sample(1000);
      checkEpisodes(batch, dataset, sampler.options);
      expect(batch.queryLabels.includes(0)).toBe(false);
      expect(batch.supportLabels.includes(0)).toBe(true);
    }
  });

  test("label with one image never serves with two shots", async () => {
    const dataset = handmadeDataset([1, 4, 4, 4]);
    const sampler = await createSampler({ dataset, shots: 2, seed: 2 });
    expect(sampler.options.maxWays).toBe(3);
    const batch = sampler.sample(1000);
    checkEpisodes(batch, dataset, sampler.options);
    expect(batch.supportLabels.includes(0)).toBe(false);
  });

  test("query label with exactly queries + shots images", async () => {
    const dataset = handmadeDataset([3, 3]);
    for (const engine of ["wasm", "js"] as const) {
      const sampler = await createSampler({
        dataset,
        engine,
        queries: 2,
        shots: 1,
        ways: 2,
      });
      const batch = sampler.sample(500);
      checkEpisodes(batch, dataset, sampler.options);
    }
  });

  test("single label with one way", async () => {
    const dataset = handmadeDataset([2]);
    const sampler = await createSampler({ dataset, seed: 1 });
    const batch = sampler.sample(50);
    checkEpisodes(batch, dataset, sampler.options);
    expect([...new Set(batch.ways)]).toEqual([1]);
  });

  test("empty batch", async () => {
    const dataset = handmadeDataset([2, 2]);
    for (const engine of ["wasm", "js"] as const) {
      const sampler = await createSampler({ dataset, engine });
      const batch = sampler.sample(0);
      expect(batch.count).toBe(0);
      expect(batch.queryImages.length).toBe(0);
      expect(batch.ways.length).toBe(0);
    }
  });
});
