import { describe, expect, test } from "vitest";
import { createSampler, EpisodeSamplerError } from "../src/index.js";
import { parseCsvFeatures, parseCsvRows } from "../src/formats/csv-features.js";
import type { CandidateMode, Engine } from "../src/types.js";
import { expectGroupEpisodes, expectSameBatch } from "./group-invariants.js";

// Two projects whose targets overlap: alpha ranges over 0..4, beta over
// 0..7. Each row's features encode its row number, so gathers can be checked.
function projectsCsv(): string {
  const lines = ["project,target,x,y,note"];
  let row = 0;
  for (const [project, top] of [
    ["alpha", 4],
    ["beta", 7],
  ] as const) {
    for (let target = 0; target <= top; target++) {
      for (let copy = 0; copy < 6; copy++) {
        lines.push(`${project},${target},${row}.5,${-row},"n, ${row}"`);
        row++;
      }
    }
  }
  return lines.join("\n") + "\n";
}

function readProjects() {
  return parseCsvFeatures(projectsCsv(), {
    labelColumn: "target",
    groupColumn: "project",
    featureColumns: ["x", "y"],
  });
}

async function sampleBoth(candidates: CandidateMode, extra: object = {}) {
  const { dataset } = readProjects();
  const batches = await Promise.all(
    (["js", "wasm"] as Engine[]).map(async (engine) => {
      const sampler = await createSampler({
        dataset,
        candidates,
        engine,
        shots: 2,
        queries: 2,
        seed: 21,
        ...extra,
      });
      return sampler.sample(400);
    }),
  );
  return { dataset, js: batches[0]!, wasm: batches[1]! };
}

describe("CSV feature reader", () => {
  test("reads float32 records of the feature columns", () => {
    const { dataset, featureNames } = readProjects();
    expect(dataset.images).toBeInstanceOf(Float32Array);
    expect(dataset.itemShape).toEqual([2]);
    expect(featureNames).toEqual(["x", "y"]);
    expect(Array.from(dataset.images.slice(2, 4))).toEqual([1.5, -1]);
  });

  test("keeps whole-number labels as ids", () => {
    const { dataset } = readProjects();
    expect(dataset.labelCount).toBe(8);
    expect(dataset.labels[30]).toBe(0);
  });

  test("names groups in sorted order", () => {
    const { dataset } = readProjects();
    expect(dataset.groupNames).toEqual(["alpha", "beta"]);
    expect(dataset.groups![0]).toBe(0);
    expect(dataset.groups![30]).toBe(1);
  });

  test("maps text labels to sorted ids", () => {
    const text = "label,a\ncat,1\ndog,2\ncat,3\n";
    const { dataset, labelNames } = parseCsvFeatures(text, {
      labelColumn: "label",
    });
    expect(labelNames).toEqual(["cat", "dog"]);
    expect(Array.from(dataset.labels)).toEqual([0, 1, 0]);
  });

  test("parses quotes, doubled quotes and CRLF", () => {
    const rows = parseCsvRows('a,b\r\n"x, ""y""",2\r\n');
    expect(rows).toEqual([
      ["a", "b"],
      ['x, "y"', "2"],
    ]);
  });

  test.each([
    ["missing column", "a,b\n1,2\n", { labelColumn: "c" }, "ERR_CSV_COLUMN"],
    ["short row", "a,b\n1\n", { labelColumn: "a" }, "ERR_CSV_COLUMN"],
    ["text feature", "a,b\n1,x\n", { labelColumn: "a" }, "ERR_CSV_VALUE"],
    ["empty label", "a,b\n,1\n", { labelColumn: "a" }, "ERR_CSV_VALUE"],
    ["no rows", "a,b\n", { labelColumn: "a" }, "ERR_CSV_COLUMN"],
  ])("rejects %s", (_, text, options, code) => {
    expect(() => parseCsvFeatures(text, options)).toThrow(
      expect.objectContaining({ code }),
    );
  });
});

describe("group sampling on CSV features", () => {
  test("group: labels only from the query's group", async () => {
    const { dataset, js } = await sampleBoth("group", { ways: [2, 5] });
    expectGroupEpisodes(js, dataset, { shots: 2, groupAll: false });
  });

  test("group-all: support set is the group's labels", async () => {
    const { dataset, js } = await sampleBoth("group-all");
    expectGroupEpisodes(js, dataset, { shots: 2, groupAll: true });
    expect(new Set(js.ways)).toEqual(new Set([5, 8]));
  });

  test("exclusions hold inside groups", async () => {
    const exclude = [0, 6];
    const { dataset, js } = await sampleBoth("group-all", { exclude });
    expectGroupEpisodes(js, dataset, { shots: 2, groupAll: true, exclude });
  });

  test("wasm equals js under group and group-all", async () => {
    for (const mode of ["group", "group-all"] as const) {
      const { js, wasm } = await sampleBoth(mode);
      expectSameBatch(js, wasm);
    }
  });

  test("float32 records are copied as they are", async () => {
    const { dataset, wasm } = await sampleBoth("group");
    const row = wasm.queryIndices[0]!;
    expect(wasm.queryImages).toBeInstanceOf(Float32Array);
    expect(Array.from(wasm.queryImages.slice(0, 2))).toEqual([
      dataset.images[row * 2],
      dataset.images[row * 2 + 1],
    ]);
  });

  test("sampler names the query groups", async () => {
    const { dataset } = readProjects();
    const sampler = await createSampler({ dataset, candidates: "group" });
    expect(sampler.groupNames).toEqual(["alpha", "beta"]);
  });

  test("float32 records reject uint8 output", async () => {
    const { dataset } = readProjects();
    const error = await createSampler({ dataset, dtype: "uint8" }).catch(
      (caught: EpisodeSamplerError) => caught,
    );
    expect(error).toHaveProperty("code", "ERR_INVALID_OPTION");
  });
});
