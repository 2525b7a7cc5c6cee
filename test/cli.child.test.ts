// The CLI as users run it: built dist/cli.js in a child process, with a
// real pipe and a real SIGINT.

import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { afterAll, describe, expect, test } from "vitest";
import { CLI_PATH, runShell, temporaryFolder } from "./helpers/cli.js";

const folder = temporaryFolder();
afterAll(folder.remove);

describe("closed pipe", () => {
  test("head ends the stream with exit 0", async () => {
    const result = await runShell(
      `node ${CLI_PATH} sample -n 1000000 --seed 1 --out - | head -n 3`,
      folder.path,
    );
    expect(result.status).toBe(0);
    expect(result.stdout.trim().split("\n")).toHaveLength(3);
    expect(result.stderr).toBe("");
  });

  test("--format jsonl streams to stdout by default", async () => {
    const result = await runShell(
      `node ${CLI_PATH} sample -n 5 --seed 1 --format jsonl -q`,
      folder.path,
    );
    const lines = result.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((line) => line.episode)).toEqual([0, 1, 2, 3, 4]);
  });
});

/** Starts a long run, sends a signal once its temporary output exists. */
async function interrupt(args: string[], signal: NodeJS.Signals = "SIGINT") {
  const child = spawn("node", [CLI_PATH, "sample", ...args], {
    cwd: folder.path,
  });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) =>
    child.on("close", resolve),
  );
  while (!readdirSync(folder.path).some((name) => name.endsWith(".tmp"))) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  child.kill(signal);
  return { status: await exited, stderr };
}

describe.each([
  ["npz", "run.npz"],
  ["jsonl", "run.jsonl"],
  ["bin", "run-bin"],
])("SIGINT during %s", (format, out) => {
  test("leaves no output and says how far it got", async () => {
    const args = [
      "-n",
      "5000000",
      "--seed",
      "1",
      "--format",
      format,
      "--out",
      out,
    ];
    const { status, stderr } = await interrupt(args);
    expect(status).toBe(130);
    expect(stderr).toMatch(
      /Interrupted by SIGINT after writing \d+ of 5000000 episodes/,
    );
    expect(stderr).toContain(out);
    expect(readdirSync(folder.path)).toEqual([]);
  });
});

describe("SIGTERM during npz", () => {
  test("leaves no output and exits 143", async () => {
    const args = ["-n", "5000000", "--seed", "1", "--out", "run.npz"];
    const { status, stderr } = await interrupt(args, "SIGTERM");
    expect(status).toBe(143);
    expect(stderr).toMatch(/Interrupted by SIGTERM after writing \d+ of/);
    expect(readdirSync(folder.path)).toEqual([]);
  });
});
