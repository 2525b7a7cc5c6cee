import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import {
  extractZipEntry,
  readZipDirectory,
} from "../src/formats/zip-reader.js";
import { parseNpy } from "../src/formats/npy-array.js";
import { npyLabels } from "../src/formats/npy-values.js";
import { createSampler } from "../src/sampler.js";
import { writeEpisodesNpz } from "../src/write-npz.js";
import type { Dataset, Sampler } from "../src/types.js";
import { tempFolder } from "./support/fixtures.js";

const temp = tempFolder();
afterAll(temp.remove);

const dataset: Dataset = {
  images: new Uint8Array(8).map((_, i) => i),
  labels: Int32Array.from([0, 1, 2, 2]),
  itemShape: [2],
  labelCount: 3,
  labelNames: ["cat", "dög", "🐟"],
};

const hasNumpy =
  spawnSync("python3", ["-c", "import numpy"], { stdio: "ignore" }).status ===
  0;

function labelNamesOf(path: string): readonly string[] {
  const bytes = new Uint8Array(readFileSync(path));
  const entry = readZipDirectory(bytes, path).find(
    (e) => e.name === "label_names.npy",
  )!;
  const array = parseNpy(extractZipEntry(bytes, entry, path), path);
  return (npyLabels(array) as { names: string[] }).names;
}

describe("label_names in NPZ output", () => {
  test("written as a unicode array", async () => {
    const sampler = await createSampler({ dataset, engine: "js" });
    const path = join(temp.dir, "names.npz");
    writeEpisodesNpz(sampler, path, { count: 3 });
    expect(labelNamesOf(path)).toEqual(["cat", "dög", "🐟"]);
  });

  test("absent without label names", async () => {
    const { labelNames: _, ...plain } = dataset;
    const sampler = await createSampler({ dataset: plain, engine: "js" });
    const path = join(temp.dir, "plain.npz");
    writeEpisodesNpz(sampler, path, { count: 3 });
    const bytes = new Uint8Array(readFileSync(path));
    const names = readZipDirectory(bytes, path).map((e) => e.name);
    expect(names).not.toContain("label_names.npy");
  });

  test.skipIf(!hasNumpy)("numpy loads it without pickle", async () => {
    const sampler = await createSampler({ dataset, engine: "js" });
    const path = join(temp.dir, "numpy.npz");
    writeEpisodesNpz(sampler, path, { count: 3 });
    const script =
      "import sys, json, numpy as np\n" +
      "d = np.load(sys.argv[1], allow_pickle=False)\n" +
      "print(json.dumps([d['label_names'].dtype.str, d['label_names'].tolist()]))";
    const run = spawnSync("python3", ["-c", script, path], {
      encoding: "utf8",
    });
    expect(JSON.parse(run.stdout)).toEqual(["<U3", ["cat", "dög", "🐟"]]);
  });

  test("failed write leaves no temporary file", async () => {
    const sampler = await createSampler({ dataset, engine: "js" });
    const failing: Sampler = {
      ...sampler,
      sample: () => {
        throw new Error("disk full");
      },
      sampleView: () => {
        throw new Error("disk full");
      },
    };
    const dir = join(temp.dir, "failing");
    mkdirSync(dir);
    expect(() =>
      writeEpisodesNpz(failing, join(dir, "out.npz"), { count: 3 }),
    ).toThrow("disk full");
    expect(readdirSync(dir)).toEqual([]);
  });
});
