// Temporary names for output written in place and renamed when complete, so
// the final path never holds a partial file.

import { openSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { EpisodeSamplerError, ErrorCode } from "./errors.js";

/**
 * Returns a hidden name beside `path`: `.NAME.PID.TIME.tmp`. The process id
 * and time keep two runs writing the same target apart.
 */
export function temporaryPath(path: string): string {
  const stamp = `${process.pid}.${Date.now().toString(36)}`;
  return join(dirname(path), `.${basename(path)}.${stamp}.tmp`);
}

/**
 * Creates a new temporary file beside `path` and returns its name and file
 * descriptor.
 * @throws EpisodeSamplerError ERR_OUTPUT_PATH when it cannot be created.
 */
export function openTemporaryFile(path: string): {
  temporary: string;
  fd: number;
} {
  const temporary = temporaryPath(path);
  try {
    return { temporary, fd: openSync(temporary, "wx") };
  } catch (error) {
    throw new EpisodeSamplerError(
      ErrorCode.outputPath,
      `Cannot write ${path}: ${(error as Error).message}`,
    );
  }
}
