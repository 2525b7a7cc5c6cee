import { describe, expect, test } from "vitest";
import { createSampler } from "../src/sampler.js";
import type { EpisodeBatch } from "../src/types.js";
import { smallDataset } from "./helpers/dataset.js";

const COUNT = 300;

function supportLabels(batch: EpisodeBatch, e: number): number[] {
  const slots = batch.supportSlots;
  const labels = batch.supportLabels.subarray(e * slots, (e + 1) * slots);
  return [...labels].filter((label) => label >= 0);
}

describe.each(["wasm", "js"] as const)("%s engine", (engine) => {
  const options = {
    dataset: smallDataset(),
    ways: [2, 9] as [number, number],
    shots: 2,
    seed: 11,
    engine,
  };

  test("episode i is the same in any batch", async () => {
    const whole = (await createSampler(options)).sample(COUNT);
    const single = await createSampler(options);
    // Backwards, one at a time: any state left by earlier episodes shows.
    for (let i = COUNT - 1; i >= 0; i--) {
      const one = single.sample(1, { start: i });
      expect(supportLabels(one, 0)).toEqual(supportLabels(whole, i));
      const slots = whole.supportSlots;
      expect([...one.supportIndices]).toEqual([
        ...whole.supportIndices.subarray(i * slots, (i + 1) * slots),
      ]);
    }
  });

  test("ways of an episode have distinct labels", async () => {
    const batch = (await createSampler(options)).sample(COUNT);
    for (let e = 0; e < COUNT; e++) {
      const labels = supportLabels(batch, e);
      const ways = new Set(labels);
      expect(ways.size * options.shots).toBe(labels.length);
    }
  });
});
