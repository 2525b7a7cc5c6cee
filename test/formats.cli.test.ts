import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { runEpisodes } from "./support/cli.js";
import {
  csvText,
  makeSample,
  npzBytes,
  sampleArrays,
  tempFolder,
  writePngFolder,
} from "./support/fixtures.js";

const temp = tempFolder();
afterAll(temp.remove);

const csvPath = join(temp.dir, "small.csv");
writeFileSync(csvPath, csvText(makeSample([0, 1, 2, 0, 1, 2, 0, 1, 2])));
const npzPath = join(temp.dir, "small.npz");
writeFileSync(
  npzPath,
  npzBytes(
    Object.fromEntries(
      sampleArrays(makeSample([4, 8, 4, 8])).map((bytes, i) => [
        i ? "labels" : "images",
        bytes,
      ]),
    ),
  ),
);
const outDir = join(temp.dir, "out");
const out = join(outDir, "episodes.npz");

async function sample(...args: string[]) {
  const { mkdirSync } = await import("node:fs");
  mkdirSync(outDir, { recursive: true });
  return runEpisodes(["sample", "-o", out, "-q", "--engine", "js", ...args]);
}

describe("sample option validation", () => {
  test.each([
    ["unknown option", ["--bogus"], "commander.unknownOption"],
    ["NaN count", ["-n", "NaN"], "commander.invalidArgument"],
    ["negative count", ["-n", "-3"], "commander.invalidArgument"],
    ["fractional count", ["-n", "1.5"], "commander.invalidArgument"],
    ["zero shots", ["--shots", "0"], "commander.invalidArgument"],
    ["fractional queries", ["--queries", "2.5"], "commander.invalidArgument"],
    ["empty exclude entry", ["--exclude", "3,,4"], "commander.invalidArgument"],
    [
      "unknown data format",
      ["--data-format", "tiff"],
      "commander.invalidArgument",
    ],
    ["unknown split", ["--split", "val"], "commander.invalidArgument"],
    ["excluded label missing", ["--exclude", "11"], "ERR_UNKNOWN_LABEL"],
    ["excluded name missing", ["--exclude", "cat"], "ERR_UNKNOWN_LABEL"],
    [
      "split on CSV",
      ["--data", csvPath, "--split", "test"],
      "ERR_INVALID_OPTION",
    ],
    [
      "images key on CSV",
      ["--data", csvPath, "--images-key", "x"],
      "ERR_INVALID_OPTION",
    ],
    [
      "label column on NPZ",
      ["--data", npzPath, "--label-column", "0"],
      "ERR_INVALID_OPTION",
    ],
    [
      "format mismatch",
      ["--data", csvPath, "--data-format", "idx"],
      "ERR_UNKNOWN_FORMAT",
    ],
    ["missing data", ["--data", join(temp.dir, "nope")], "ERR_NOT_FOUND"],
  ])("%s", async (_, args, code) => {
    const run = await sample(...args);
    expect(run.code).toBe(code);
    expect(run.exitCode).toBe(1);
    expect(readdirSync(outDir)).toEqual([]);
  });

  test("error line names the problem", async () => {
    const run = await sample("--exclude", "11");
    expect(run.err).toMatch(/^error: Cannot exclude label "11"/);
  });

  test("exclude takes label names", async () => {
    const run = await sample("--data", npzPath, "--exclude", "8", "-n", "3");
    expect(run.code).toBeUndefined();
    expect(readdirSync(outDir)).toEqual(["episodes.npz"]);
  });
});

describe("info", () => {
  test("prints format, shape and label counts", async () => {
    const run = await runEpisodes(["info", "--data", npzPath]);
    expect(run.out).toContain("format: npz\n");
    expect(run.out).toContain("item shape: 3x2\n");
    expect(run.out).toContain("items: 4\n");
    expect(run.out).toContain("    0  4      2\n");
  });

  test("warns about empty labels", async () => {
    const dir = join(temp.dir, "png");
    writePngFolder(dir, makeSample(["a", "b"], 2, 2));
    const { mkdirSync } = await import("node:fs");
    mkdirSync(join(dir, "c"));
    const run = await runEpisodes(["info", "--data", dir]);
    expect(run.err).toContain('Warning: label "c" (id 2) has no images');
  });

  test("warns about duplicate rows", async () => {
    const path = join(temp.dir, "dupes.csv");
    writeFileSync(path, "1,5,6\n1,5,6\n2,5,6\n1,7,7\n");
    const run = await runEpisodes(["info", "--data", path]);
    expect(run.err).toContain("1 rows repeat an earlier row");
    expect(run.err).toContain(
      "1 rows repeat an earlier image with a different label",
    );
  });

  test("reports the shipped MNIST split", async () => {
    const run = await runEpisodes(["info", "--split", "test"]);
    expect(run.out).toContain("split: test\n");
    expect(run.out).toContain("items: 10000\n");
  });
});
