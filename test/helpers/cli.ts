// Running the CLI in-process with captured output, and in a child process
// from the built dist/cli.js.

import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { CommanderError } from "commander";
import { createProgram, runCli, type CliIo } from "../../src/cli.js";

/** Output of one in-process CLI run. */
export interface CliResult {
  out: string;
  err: string;
  /** Commander's error code when the run failed, such as ERR_OUTPUT_PATH. */
  code?: string;
}

/** Runs `episodes argv...` in-process; never exits the test process. */
export async function runCaptured(
  argv: readonly string[],
  extra: Partial<CliIo> = {},
): Promise<CliResult> {
  const result: CliResult = { out: "", err: "" };
  const io: CliIo = {
    writeOut: (text) => (result.out += text),
    writeErr: (text) => (result.err += text),
    isTerminal: false,
    ...extra,
  };
  const program = createProgram(io).exitOverride();
  for (const command of program.commands) command.exitOverride();
  try {
    await runCli(argv, io, program);
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    result.code = error.code;
  }
  return result;
}

/** Absolute path of the built CLI. */
export const CLI_PATH = fileURLToPath(
  new URL("../../dist/cli.js", import.meta.url),
);

/** Creates a temporary folder and returns it with a cleanup function. */
export function temporaryFolder(): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), "episodes-test-"));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Result of a child process. */
export interface ChildResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs a shell command line and collects its output. */
export function runShell(
  commandLine: string,
  cwd: string,
): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", ["-o", "pipefail", "-c", commandLine], { cwd });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (status, signal) =>
      resolve({ status, signal, stdout, stderr }),
    );
  });
}

/** Runs python3 with `script` and returns its stdout; rejects on failure. */
export async function runPython(script: string, cwd: string): Promise<string> {
  const child = spawn("python3", ["-c", script], { cwd });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const status = await new Promise<number | null>((resolve) =>
    child.on("close", resolve),
  );
  if (status !== 0) throw new Error(`python3 failed: ${stderr}`);
  return stdout;
}
