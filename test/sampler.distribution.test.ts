import { describe, expect, test } from "vitest";
import { createSampler } from "../src/sampler.js";
import { mnist } from "./helpers.js";

/** Pearson chi-square statistic of counts against expected counts. */
function chiSquare(observed: number[], expected: number[]): number {
  return observed.reduce(
    (sum, o, i) => sum + (o - expected[i]!) ** 2 / expected[i]!,
    0,
  );
}

// Critical values at p = 0.001 (fixed seeds make these tests repeatable;
// the threshold only shows the seed is not an unlucky draw).
const CHI2_999 = { 3: 16.27, 8: 26.12, 9: 27.88 } as const;

describe("distributions with a fixed seed", () => {
  test("query labels follow class frequency", async () => {
    const dataset = await mnist();
    const sampler = await createSampler({ dataset, seed: 123, engine: "wasm" });
    const draws = 60_000;
    const batch = sampler.sample(draws);
    const observed = new Array<number>(10).fill(0);
    for (const label of batch.queryLabels) observed[label]!++;
    const sizes = new Array<number>(10).fill(0);
    for (const label of dataset.labels) sizes[label]!++;
    const expected = sizes.map(
      (size) => (draws * size) / dataset.labels.length,
    );
    expect(chiSquare(observed, expected)).toBeLessThan(CHI2_999[9]);
  });

  test("ways are uniform over the range", async () => {
    const dataset = await mnist();
    const sampler = await createSampler({ dataset, seed: 321, ways: [2, 10] });
    const draws = 45_000;
    const observed = new Array<number>(9).fill(0);
    for (const ways of sampler.sample(draws).ways) observed[ways - 2]!++;
    expect(
      chiSquare(
        observed,
        observed.map(() => draws / 9),
      ),
    ).toBeLessThan(CHI2_999[8]);
  });

  test("query local class is uniform given the ways", async () => {
    const dataset = await mnist();
    const sampler = await createSampler({
      dataset,
      seed: 77,
      ways: 4,
      engine: "js",
    });
    const draws = 40_000;
    const observed = [0, 0, 0, 0];
    for (const localClass of sampler.sample(draws).queryClasses)
      observed[localClass]!++;
    expect(
      chiSquare(
        observed,
        observed.map(() => draws / 4),
      ),
    ).toBeLessThan(CHI2_999[3]);
  });

  test("other labels are uniform among the rest", async () => {
    // With 2 ways, the second label is uniform over the 9 other labels.
    const dataset = await mnist();
    const sampler = await createSampler({ dataset, seed: 55, ways: 2 });
    const draws = 45_000;
    const batch = sampler.sample(draws);
    const offsets = new Array<number>(9).fill(0);
    for (let e = 0; e < draws; e++) {
      const query = batch.queryLabels[e]!;
      const labels = batch.supportLabels.subarray(e * 2, e * 2 + 2);
      const other = labels[0] === query ? labels[1]! : labels[0]!;
      offsets[((other - query + 10) % 10) - 1]!++;
    }
    expect(
      chiSquare(
        offsets,
        offsets.map(() => draws / 9),
      ),
    ).toBeLessThan(CHI2_999[8]);
  });
});
