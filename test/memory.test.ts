// Peak memory of long runs, measured in a child process: it must not grow
// with the episode count. docs/long-runs.md has figures for larger runs.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, test } from "vitest";
import { CLI_PATH, runShell, temporaryFolder } from "./helpers/cli.js";

const MAX_RSS_KB = 300 * 1024;
const REPORT_RSS = fileURLToPath(
  new URL("fixtures/report-rss.mjs", import.meta.url),
);
const folder = temporaryFolder();
afterAll(folder.remove);

/** Runs `sample` with `args` and returns its peak RSS in kilobytes. */
async function peakRss(args: string, tail = ""): Promise<number> {
  const report = join(folder.path, "rss");
  const result = await runShell(
    `RSS_REPORT=${report} node --import ${REPORT_RSS} ${CLI_PATH} sample --seed 1 -q ${args} ${tail}`,
    folder.path,
  );
  expect(result.stderr).toBe("");
  return Number(readFileSync(report, "utf8"));
}

describe("peak memory", () => {
  test("NPZ stays bounded from 5,000 to 50,000 episodes", async () => {
    const small = await peakRss("-n 5000 --out small.npz");
    const large = await peakRss("-n 50000 --out large.npz");
    expect(small).toBeLessThan(MAX_RSS_KB);
    expect(large).toBeLessThan(MAX_RSS_KB);
    // The larger file is 440 MB; holding it would add far more than 64 MB.
    expect(large - small).toBeLessThan(64 * 1024);
  });

  test("JSONL stays bounded from 50,000 to 500,000 episodes", async () => {
    const small = await peakRss("-n 50000 --out -", "| wc -c >/dev/null");
    const large = await peakRss("-n 500000 --out -", "| wc -c >/dev/null");
    expect(small).toBeLessThan(MAX_RSS_KB);
    expect(large).toBeLessThan(MAX_RSS_KB);
  });
});
