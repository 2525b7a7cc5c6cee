import type { Writable } from "node:stream";

/** Output streams of the CLI; tests pass their own. */
export interface CliIo {
  writeOut(text: string): void;
  writeErr(text: string): void;
  /** True when stderr is a terminal, which turns on the live progress line. */
  isTerminal?: boolean;
  /**
   * Stream behind writeOut, for output streamed with backpressure
   * (`sample --out -`). Without it, streamed text goes through writeOut.
   */
  stdout?: Writable;
}

/** The process's own stdout and stderr. */
export const NODE_IO: CliIo = {
  writeOut: (text) => process.stdout.write(text),
  writeErr: (text) => process.stderr.write(text),
  isTerminal: process.stderr.isTTY === true,
  stdout: process.stdout,
};
