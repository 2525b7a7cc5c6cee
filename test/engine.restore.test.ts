import { describe, expect, test } from "vitest";
import { createSampler } from "../src/sampler.js";
import type { Engine } from "../src/types.js";
import { BATCH_ARRAYS, arrayBytes, makeDataset } from "./helpers/batches.js";

// Buckets of 5 to 8 items with queries + shots = 5 make the partial shuffle
// touch most of each bucket, where a badly restored scratch shows at once.
const DATASET = makeDataset(9, [4], (label) => 5 + (label % 4));
const ENGINES: Engine[] = ["js", "wasm"];

async function sampler(engine: Engine) {
  return createSampler({
    dataset: DATASET,
    ways: [1, 9],
    shots: 2,
    queries: 3,
    seed: 2024,
    engine,
  });
}

describe.each(ENGINES)("%s engine", (engine) => {
  test("episode bytes do not depend on the batch", async () => {
    const whole = (await sampler(engine)).sample(120);
    const single = await sampler(engine);
    // Draw the episodes one by one, backwards, through one sampler.
    for (let e = 119; e >= 0; e--) {
      const one = single.sample(1, { start: e });
      for (const name of BATCH_ARRAYS) {
        const offset = arrayBytes(whole, name, e).length;
        const bytes = arrayBytes(whole, name, e + 1).subarray(offset);
        expect(arrayBytes(one, name), `${name} of episode ${e}`).toEqual(bytes);
      }
    }
  });

  test("no row repeats within an episode", async () => {
    const batch = (await sampler(engine)).sample(500);
    const slots = batch.supportSlots;
    for (let e = 0; e < batch.count; e++) {
      const queries = batch.queryIndices.subarray(e * 3, e * 3 + 3);
      const support = batch.supportIndices.subarray(e * slots, (e + 1) * slots);
      const rows = [...queries, ...support].filter((row) => row >= 0);
      expect(new Set(rows).size, `episode ${e}`).toBe(rows.length);
    }
  });
});
