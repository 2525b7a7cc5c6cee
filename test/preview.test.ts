import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { createSampler } from "../src/sampler.js";
import { drawEpisodeGrid } from "../src/preview-grid.js";
import { runCaptured, temporaryFolder } from "./helpers/cli.js";
import { smallDataset } from "./helpers/dataset.js";

const QUERY_BLUE = [30, 100, 230];
const POSITIVE_GREEN = [20, 160, 60];

function countColor(rgb: Uint8Array, color: number[]): number {
  let count = 0;
  for (let at = 0; at < rgb.length; at += 3) {
    if (
      rgb[at] === color[0] &&
      rgb[at + 1] === color[1] &&
      rgb[at + 2] === color[2]
    )
      count++;
  }
  return count;
}

describe("drawEpisodeGrid", async () => {
  const sampler = await createSampler({
    dataset: smallDataset(),
    ways: 3,
    queries: 2,
    seed: 2,
  });
  const batch = sampler.sample(4);
  const canvas = drawEpisodeGrid(batch, { shots: 1, scale: 2, title: "T" });

  test("one row per episode", () => {
    const single = drawEpisodeGrid(sampler.sample(1), {
      shots: 1,
      scale: 2,
      title: "T",
    });
    const rowHeight = (canvas.height - single.height) / 3;
    expect(rowHeight).toBeGreaterThanOrEqual(4 * 2 + 6);
  });

  test("queries outlined in blue", () => {
    // 2 queries per row, 4 rows, each outline 3 px wide around 8x8 pixels.
    const outline = 14 * 14 - 8 * 8;
    const legend = 10 * 10;
    expect(countColor(canvas.rgb, QUERY_BLUE)).toBeGreaterThanOrEqual(
      8 * outline + legend,
    );
  });

  test("one positive per row outlined in green", () => {
    const outline = 14 * 14 - 8 * 8;
    expect(countColor(canvas.rgb, POSITIVE_GREEN)).toBeGreaterThanOrEqual(
      4 * outline,
    );
  });
});

describe("preview command", () => {
  const folder = temporaryFolder();
  afterAll(folder.remove);

  test("writes a PNG of the default options", async () => {
    const out = join(folder.path, "grid.png");
    const result = await runCaptured([
      "preview",
      "--seed",
      "0",
      "--split",
      "test",
      "--out",
      out,
    ]);
    expect(result.code).toBeUndefined();
    const png = readFileSync(out);
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    expect(result.err).toContain(`${width}x${height} pixels`);
    expect(height).toBeGreaterThan(8 * 84);
  });

  test("count past 100 is rejected", async () => {
    const result = await runCaptured([
      "preview",
      "-n",
      "101",
      "--out",
      join(folder.path, "x.png"),
    ]);
    expect(result.code).toBe("commander.invalidArgument");
  });
});
