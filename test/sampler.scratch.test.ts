import { describe, expect, test } from "vitest";
import { createSampler } from "../src/index.js";
import type { Dataset, Engine } from "../src/index.js";

// Small buckets and many ways make drawn positions fall below the number of
// positions drawn, the case where a wrong scratch restore leaks from one
// episode into the next.
function smallDataset(): Dataset {
  const count = 60;
  const labels = Int32Array.from({ length: count }, (_, row) => row % 6);
  const images = Uint8Array.from({ length: count * 2 }, (_, i) => i & 255);
  return { images, labels, itemShape: [2], labelCount: 6 };
}

const OPTIONS = { ways: [2, 6] as [number, number], shots: 3, queries: 2 };

describe.each<Engine>(["js", "wasm"])(
  "scratch restore, %s engine",
  (engine) => {
    test("episode alone equals episode in a batch", async () => {
      const sampler = await createSampler({
        dataset: smallDataset(),
        ...OPTIONS,
        engine,
        seed: 11,
      });
      const batch = sampler.sample(200);
      const slots = batch.supportSlots;
      for (let e = 0; e < 200; e++) {
        const alone = sampler.sample(1, { start: e });
        expect(alone.supportIndices).toEqual(
          batch.supportIndices.slice(e * slots, (e + 1) * slots),
        );
      }
    });

    test("no item twice in an episode", async () => {
      const sampler = await createSampler({
        dataset: smallDataset(),
        ...OPTIONS,
        engine,
        seed: 3,
      });
      const batch = sampler.sample(300);
      const slots = batch.supportSlots;
      for (let e = 0; e < 300; e++) {
        const rows = [
          ...batch.queryIndices.slice(e * 2, e * 2 + 2),
          ...batch.supportIndices.slice(e * slots, (e + 1) * slots),
        ].filter((row) => row >= 0);
        expect(new Set(rows).size).toBe(rows.length);
      }
    });
  },
);

test("js and wasm engines agree", async () => {
  const [js, wasm] = await Promise.all(
    (["js", "wasm"] as const).map(async (engine) => {
      const sampler = await createSampler({
        dataset: smallDataset(),
        ...OPTIONS,
        engine,
        seed: 5,
      });
      return sampler.sample(300);
    }),
  );
  expect(wasm!.supportIndices).toEqual(js!.supportIndices);
  expect(wasm!.queryIndices).toEqual(js!.queryIndices);
});
