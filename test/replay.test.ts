import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ErrorCode } from "../src/errors.js";
import { runCaptured, temporaryFolder } from "./helpers/cli.js";

const folder = temporaryFolder();
const manifest = join(folder.path, "run", "manifest.json");

beforeAll(async () => {
  await runCaptured([
    "sample",
    "-n",
    "1200",
    "--seed",
    "8",
    "--split",
    "test",
    "--ways",
    "3..6",
    "--shots",
    "2",
    "--format",
    "bin",
    "--episodes-per-file",
    "500",
    "-q",
    "--out",
    join(folder.path, "run"),
  ]);
});
afterAll(folder.remove);

describe("replay", () => {
  test("range matches the stored records", async () => {
    const result = await runCaptured([
      "replay",
      manifest,
      "--range",
      "1000..1010",
    ]);
    expect(result.code).toBeUndefined();
    expect(result.out).toContain("episodes 1000..1010 match");
  });

  test("js engine matches records of the wasm engine", async () => {
    const result = await runCaptured(["replay", manifest, "--engine", "js"]);
    expect(result.out).toContain("episodes 0..1199 match");
  });

  test("range past the manifest is rejected", async () => {
    const result = await runCaptured([
      "replay",
      manifest,
      "--range",
      "1190..1200",
    ]);
    expect(result.code).toBe(ErrorCode.invalidOption);
  });

  test("other dataset is rejected", async () => {
    const result = await runCaptured([
      "replay",
      manifest,
      "--split",
      "train",
      "--range",
      "0..1",
    ]);
    expect(result.code).toBe(ErrorCode.datasetMismatch);
  });

  test("changed byte names episode and field", async () => {
    const file = join(folder.path, "run", "episodes-00002.bin");
    const bytes = readFileSync(file);
    const { recordBytes, fields } = JSON.parse(readFileSync(manifest, "utf8"));
    const ways = fields.find((f: { name: string }) => f.name === "ways");
    bytes[3 * recordBytes + ways.offsetBytes]! ^= 1;
    writeFileSync(file, bytes);
    const result = await runCaptured([
      "replay",
      manifest,
      "--range",
      "1000..1010",
    ]);
    expect(result.code).toBe(ErrorCode.replayMismatch);
    expect(result.err).toContain("Episode 1003 differs");
    expect(result.err).toContain("field ways");
  });
});
