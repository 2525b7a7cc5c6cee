import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ErrorCode } from "../src/errors.js";
import { runCaptured, temporaryFolder } from "./helpers/cli.js";

const SHARDS = 3;
const folder = temporaryFolder();
const path = (name: string) => join(folder.path, name);
const RUN = ["-n", "1000", "--seed", "4", "--split", "test", "--format", "bin"];
const FILES = ["--episodes-per-file", "150", "-q"];

beforeAll(async () => {
  await runCaptured(["sample", ...RUN, ...FILES, "--out", path("one")]);
  for (let k = 0; k < SHARDS; k++) {
    const shard = `${k}/${SHARDS}`;
    await runCaptured([
      "sample",
      ...RUN,
      ...FILES,
      "--shard",
      shard,
      "--out",
      path(`shard-${k}`),
    ]);
  }
  await runCaptured([
    "sample",
    ...RUN,
    "-q",
    "--seed",
    "5",
    "--shard",
    "1/3",
    "--out",
    path("other-seed"),
  ]);
});
afterAll(folder.remove);

const manifest = (name: string) => path(`${name}/manifest.json`);

describe("merge", () => {
  test("shards merged equal one run byte for byte", async () => {
    const shards = [2, 0, 1].map((k) => manifest(`shard-${k}`));
    const result = await runCaptured([
      "merge",
      "-q",
      "-o",
      path("merged"),
      ...shards,
    ]);
    expect(result.code).toBeUndefined();
    const names = readdirSync(path("one")).sort();
    expect(readdirSync(path("merged")).sort()).toEqual(names);
    for (const name of names) {
      const merged = readFileSync(join(path("merged"), name));
      expect(merged.equals(readFileSync(join(path("one"), name)))).toBe(true);
    }
  });

  test("missing shard is rejected", async () => {
    const shards = [0, 2].map((k) => manifest(`shard-${k}`));
    const result = await runCaptured(["merge", "-o", path("gap"), ...shards]);
    expect(result.code).toBe(ErrorCode.manifestMismatch);
    expect(result.err).toContain("shard 1/3 is missing");
  });

  test("shard of another seed is rejected", async () => {
    const shards = [
      manifest("shard-0"),
      manifest("other-seed"),
      manifest("shard-2"),
    ];
    const result = await runCaptured(["merge", "-o", path("mixed"), ...shards]);
    expect(result.code).toBe(ErrorCode.manifestMismatch);
    expect(result.err).toContain("differ in options");
  });

  test("whole run is rejected", async () => {
    const result = await runCaptured([
      "merge",
      "-o",
      path("whole"),
      manifest("one"),
    ]);
    expect(result.code).toBe(ErrorCode.manifestMismatch);
  });

  test("changed data file is detected", async () => {
    await runCaptured([
      "sample",
      ...RUN,
      ...FILES,
      "--shard",
      "1/3",
      "--out",
      path("bad"),
    ]);
    const file = join(path("bad"), "episodes-00000.bin");
    const bytes = readFileSync(file);
    bytes[10]! ^= 1;
    writeFileSync(file, bytes);
    const shards = [manifest("shard-0"), manifest("bad"), manifest("shard-2")];
    const result = await runCaptured([
      "merge",
      "-o",
      path("bad-merge"),
      ...shards,
    ]);
    expect(result.code).toBe(ErrorCode.invalidManifest);
    expect(readdirSync(folder.path)).not.toContain("bad-merge");
  });
});
