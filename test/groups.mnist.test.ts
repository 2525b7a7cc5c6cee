import { beforeAll, describe, expect, test } from "vitest";
import { applyGroupMap, parseGroupMap } from "../src/group-map.js";
import { createSampler, loadMnist } from "../src/index.js";
import type { CandidateMode, Dataset, Engine } from "../src/types.js";
import { expectGroupEpisodes, expectSameBatch } from "./group-invariants.js";

// MNIST test split in two groups, digits 0-4 and 5-9.
const SPLIT = JSON.stringify({ low: [0, 1, 2, 3, 4], high: [5, 6, 7, 8, 9] });
let dataset: Dataset;

beforeAll(async () => {
  const mnist = await loadMnist({ split: "test" });
  dataset = applyGroupMap(mnist, parseGroupMap(SPLIT, 10));
});

async function sample(
  candidates: CandidateMode,
  engine: Engine,
  extra: object = {},
) {
  const sampler = await createSampler({
    dataset,
    candidates,
    engine,
    shots: 3,
    queries: 2,
    seed: 8,
    ...extra,
  });
  return sampler.sample(300, { start: 1000 });
}

describe("group sampling on MNIST split 0-4 / 5-9", () => {
  test("group: labels only from the query's group", async () => {
    const batch = await sample("group", "wasm", { ways: [2, 5] });
    expectGroupEpisodes(batch, dataset, { shots: 3, groupAll: false });
  });

  test("group-all: support set is the group's labels", async () => {
    const batch = await sample("group-all", "wasm");
    expectGroupEpisodes(batch, dataset, { shots: 3, groupAll: true });
    expect(new Set(batch.ways)).toEqual(new Set([5]));
  });

  test("exclusions still hold", async () => {
    const exclude = [3, 8];
    const batch = await sample("group-all", "wasm", { exclude });
    expectGroupEpisodes(batch, dataset, { shots: 3, groupAll: true, exclude });
    expect(new Set(batch.ways)).toEqual(new Set([4]));
  });

  test("both groups are queried", async () => {
    const batch = await sample("group", "wasm");
    expect(new Set(batch.queryGroups)).toEqual(new Set([0, 1]));
  });

  test.each<CandidateMode>(["group", "group-all"])(
    "wasm equals js under %s",
    async (mode) => {
      const extra = mode === "group" ? { ways: [1, 5], dtype: "float32" } : {};
      const js = await sample(mode, "js", extra);
      const wasm = await sample(mode, "wasm", extra);
      expectSameBatch(js, wasm);
    },
  );

  test("episode alone equals episode in a batch", async () => {
    const sampler = await createSampler({
      dataset,
      candidates: "group",
      shots: 3,
      queries: 2,
      seed: 8,
    });
    const batch = sampler.sample(50);
    const alone = sampler.sample(1, { start: 37 });
    const slots = batch.supportSlots;
    expect(alone.supportIndices).toEqual(
      batch.supportIndices.slice(37 * slots, 38 * slots),
    );
  });
});
