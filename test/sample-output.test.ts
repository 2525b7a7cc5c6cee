import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { InvalidArgumentError } from "commander";
import { checkOutput, defaultOutput } from "../src/cli/sample-output.js";
import { temporaryFolder } from "./helpers/cli.js";

const folder = temporaryFolder();
afterAll(folder.remove);

describe("checkOutput", () => {
  test.each(["npz", "bin"] as const)("%s to stdout is rejected", (format) => {
    expect(() => checkOutput(format, "-")).toThrow(InvalidArgumentError);
  });

  test("jsonl to stdout is accepted", () => {
    expect(() => checkOutput("jsonl", "-")).not.toThrow();
  });

  test("existing bin folder is rejected", () => {
    const existing = join(folder.path, "existing");
    mkdirSync(existing);
    expect(() => checkOutput("bin", existing)).toThrow(/already exists/);
  });

  test("bin folder in a missing parent is rejected", () => {
    const nested = join(folder.path, "missing", "run");
    expect(() => checkOutput("bin", nested)).toThrow(/does not exist/);
  });

  test("defaults follow the format", () => {
    expect(defaultOutput("npz")).toBe("episodes.npz");
    expect(defaultOutput("jsonl")).toBe("-");
    expect(defaultOutput("bin")).toBe("episodes-bin");
  });
});
