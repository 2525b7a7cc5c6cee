import { describe, expect, test } from "vitest";
import { createSampler } from "../src/index.js";
import type { Dataset, SamplerOptions } from "../src/types.js";

// Group "wide" has labels 0..3, group "narrow" labels 2..3, group "lone"
// only label 4; four items per (group, label).
function groupedDataset(): Dataset {
  const cells = [
    [0, 0],
    [0, 1],
    [0, 2],
    [0, 3],
    [1, 2],
    [1, 3],
    [2, 4],
  ];
  const groups: number[] = [];
  const labels: number[] = [];
  for (const [group, label] of cells) {
    for (let copy = 0; copy < 4; copy++) {
      groups.push(group!);
      labels.push(label!);
    }
  }
  return {
    images: new Uint8Array(labels.length * 3),
    labels: Int32Array.from(labels),
    itemShape: [3],
    labelCount: 5,
    groups: Int32Array.from(groups),
    groupNames: ["wide", "narrow", "lone"],
  };
}

async function rejection(options: Partial<SamplerOptions>) {
  const error = await createSampler({
    dataset: groupedDataset(),
    ...options,
  }).catch((caught: Error) => caught);
  expect(error).toBeInstanceOf(Error);
  return error as Error & { code: string };
}

describe("group plan validation", () => {
  test("group modes need groups", async () => {
    const plain = {
      ...groupedDataset(),
      groups: undefined,
      groupNames: undefined,
    };
    const error = await createSampler({
      dataset: plain,
      candidates: "group",
    }).catch((caught: Error) => caught);
    expect(error).toHaveProperty("code", "ERR_NO_GROUPS");
  });

  test("group-all rejects a one-label group by name", async () => {
    const error = await rejection({ candidates: "group-all" });
    expect(error.code).toBe("ERR_GROUP_TOO_SMALL");
    expect(error.message).toContain('"lone"');
  });

  test("group-all skips a group with every label excluded", async () => {
    const sampler = await createSampler({
      dataset: groupedDataset(),
      candidates: "group-all",
      exclude: [4],
    });
    expect(sampler.options.minWays).toBe(2);
    expect(sampler.options.maxWays).toBe(4);
  });

  test("group rejects ways a group cannot fill", async () => {
    const error = await rejection({
      candidates: "group",
      ways: 3,
      exclude: [4],
    });
    expect(error.code).toBe("ERR_GROUP_TOO_SMALL");
    expect(error.message).toContain('"narrow"');
  });

  test("group defaults ways to the smallest group", async () => {
    const sampler = await createSampler({
      dataset: groupedDataset(),
      candidates: "group",
    });
    expect(sampler.options.maxWays).toBe(1);
  });

  test("group-all rejects ways", async () => {
    const error = await rejection({ candidates: "group-all", ways: 2 });
    expect(error.code).toBe("ERR_INVALID_OPTION");
  });

  test("group-all rejects a label short of shots", async () => {
    const dataset = groupedDataset();
    const labels = Int32Array.from(dataset.labels);
    labels[0] = 1; // label 0 of "wide" keeps three items
    const error = await createSampler({
      dataset: { ...dataset, labels },
      candidates: "group-all",
      shots: 4,
      queries: 1,
      exclude: [4],
    }).catch((caught: Error & { code: string }) => caught);
    expect(error).toHaveProperty("code", "ERR_GROUP_TOO_SMALL");
  });

  test("unknown candidate mode", async () => {
    const error = await rejection({ candidates: "nearby" as "group" });
    expect(error.code).toBe("ERR_INVALID_OPTION");
  });

  test.each([
    ["wrong length", { groups: new Int32Array(3) }],
    ["id past names", { groups: new Int32Array(28).fill(3) }],
    ["names without groups", { groups: undefined }],
    ["repeated name", { groupNames: ["a", "a", "b"] }],
  ])("dataset groups: %s", async (_, change) => {
    const error = await createSampler({
      dataset: { ...groupedDataset(), ...change },
    }).catch((caught: Error) => caught);
    expect(error).toHaveProperty("code", "ERR_INVALID_DATASET");
  });

  test("query groups stay out of dataset mode", async () => {
    const sampler = await createSampler({ dataset: groupedDataset() });
    expect(sampler.sample(2).queryGroups).toBeUndefined();
  });
});
