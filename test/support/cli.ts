// Runs the `episodes` CLI in-process with captured output and commander's
// exitOverride, so a failure comes back as an error code, not an exit.

import { CommanderError } from "commander";
import { createProgram, runCli } from "../../src/cli.js";

/** What one CLI run printed, and how it ended. */
export interface CliRun {
  readonly out: string;
  readonly err: string;
  /** Commander or library error code; undefined on success. */
  readonly code?: string;
  readonly exitCode: number;
}

/** Runs `episodes ...argv` and returns its output and error code. */
export async function runEpisodes(argv: readonly string[]): Promise<CliRun> {
  let out = "";
  let err = "";
  const io = {
    writeOut: (text: string) => void (out += text),
    writeErr: (text: string) => void (err += text),
  };
  const program = createProgram(io).exitOverride();
  for (const command of program.commands) command.exitOverride();
  try {
    await runCli(argv, io, program);
    return { out, err, exitCode: 0 };
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    return { out, err, code: error.code, exitCode: error.exitCode };
  }
}
