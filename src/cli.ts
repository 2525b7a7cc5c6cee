#!/usr/bin/env node
// The `episodes` command. All output goes through the injectable writeOut
// and writeErr, so tests run the CLI in-process and read what it printed.

import { realpathSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { Command, InvalidArgumentError } from "commander";
import { EpisodeSamplerError, ErrorCode } from "./errors.js";
import { addInfoCommand } from "./cli/info.js";
import { NODE_IO, type CliIo } from "./cli/io.js";
import { addMergeCommand } from "./cli/merge.js";
import { addPreviewCommand } from "./cli/preview.js";
import { addReplayCommand } from "./cli/replay.js";
import { addSampleCommand } from "./cli/sample.js";

export type { CliIo } from "./cli/io.js";

// dist/cli.js and src/cli.ts both sit one folder below package.json.
function packageVersion(): string {
  const require = createRequire(import.meta.url);
  return (require("../package.json") as { version: string }).version;
}

/** Builds the `episodes` program; call `parseAsync` on the result. */
export function createProgram(io: CliIo = NODE_IO): Command {
  const program = new Command("episodes")
    .description(
      "Draw few-shot episodes from labelled image datasets (MNIST by default).",
    )
    .version(packageVersion(), "-V, --version")
    .configureOutput({ writeOut: io.writeOut, writeErr: io.writeErr })
    .showHelpAfterError("(run with --help for usage)");
  addSampleCommand(program, io);
  addInfoCommand(program, io);
  addPreviewCommand(program, io);
  addReplayCommand(program, io);
  addMergeCommand(program, io);
  return program;
}

// 128 + the signal number is the shell's convention for a run a signal
// stopped: 130 for SIGINT, 143 for SIGTERM.
function exitCodeOf(error: EpisodeSamplerError | InvalidArgumentError) {
  if (error.code !== ErrorCode.interrupted) return 1;
  return / by SIGTERM /.test(error.message) ? 143 : 130;
}

/**
 * Runs the CLI on `argv` (without node and the script). Library errors and
 * argument errors become commander errors: "error: ..." on stderr, exit 1,
 * or 130 and 143 for a run stopped by SIGINT and SIGTERM.
 * Pass a program built with exitOverride() to get a thrown error instead.
 */
export async function runCli(
  argv: readonly string[],
  io: CliIo = NODE_IO,
  program: Command = createProgram(io),
): Promise<void> {
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (error) {
    if (
      error instanceof EpisodeSamplerError ||
      error instanceof InvalidArgumentError
    ) {
      // These come from the data or the run, not from the usage, so the
      // hint to read --help would mislead.
      program.showHelpAfterError(false);
      program.error(`error: ${error.message}`, {
        code: error.code,
        exitCode: exitCodeOf(error),
      });
    }
    throw error;
  }
}

const invokedDirectly =
  process.argv[1] !== undefined &&
  realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  await runCli(process.argv.slice(2));
}
