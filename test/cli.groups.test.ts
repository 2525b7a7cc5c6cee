import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createProgram, runCli } from "../src/cli.js";

let folder: string;
let output = "";

function io() {
  output = "";
  return {
    writeOut: (text: string) => void (output += text),
    writeErr: (text: string) => void (output += text),
  };
}

async function run(args: string[]): Promise<void> {
  const capture = io();
  const program = createProgram(capture).exitOverride();
  for (const command of program.commands) command.exitOverride();
  await runCli(args, capture, program);
}

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), "episodes-groups-"));
  const lines = ["team,score,f1,f2"];
  for (let row = 0; row < 60; row++) {
    const team = row < 30 ? "red" : "blue";
    const score = row < 30 ? row % 3 : row % 5;
    lines.push(`${team},${score},${row},${row / 2}`);
  }
  writeFileSync(join(folder, "teams.csv"), lines.join("\n") + "\n");
  writeFileSync(
    join(folder, "split.json"),
    JSON.stringify({ low: [0, 1, 2, 3, 4], high: [5, 6, 7, 8, 9] }),
  );
});

afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

describe("CLI groups", () => {
  test("info lists MNIST groups from a map", async () => {
    await run([
      "info",
      "--split",
      "test",
      "--groups",
      join(folder, "split.json"),
    ]);
    expect(output).toContain("groups: 2");
    expect(output).toMatch(/low\s+5139\s+0:980 1:1135/);
  });

  test("info lists CSV groups", async () => {
    const csv = join(folder, "teams.csv");
    await run([
      "info",
      "--data",
      csv,
      "--label-column",
      "score",
      "--group-column",
      "team",
    ]);
    expect(output).toMatch(/blue\s+30\s+0:6 1:6 2:6 3:6 4:6/);
    expect(output).toContain("item shape: 2");
  });

  test("sample writes query_groups", async () => {
    const out = join(folder, "teams.npz");
    await run([
      "sample",
      "--data",
      join(folder, "teams.csv"),
      "--label-column",
      "score",
      "--group-column",
      "team",
      "--candidates",
      "group-all",
      "--shots",
      "2",
      "-n",
      "20",
      "--seed",
      "4",
      "-q",
      "-o",
      out,
    ]);
    const entries = unzipSync(readFileSync(out));
    expect(Object.keys(entries)).toContain("query_groups.npy");
    expect(Object.keys(entries)).toContain("candidates.npy");
  });

  test("group column needs a label column", async () => {
    const error = await run(["info", "--group-column", "team"]).catch(
      (caught: { code: string }) => caught,
    );
    expect(error).toHaveProperty("code", "commander.invalidArgument");
  });

  test("group map on grouped data is rejected", async () => {
    const error = await run([
      "info",
      "--data",
      join(folder, "teams.csv"),
      "--label-column",
      "score",
      "--group-column",
      "team",
      "--groups",
      join(folder, "split.json"),
    ]).catch((caught: { code: string }) => caught);
    expect(error).toHaveProperty("code", "ERR_GROUP_MAP");
  });
});
