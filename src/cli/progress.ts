// Progress of a long run on stderr: a live bar when stderr is a terminal,
// nothing until the summary line otherwise, so logs stay clean.

import type { CliIo } from "./io.js";

/** Updates the live bar at most this often, in milliseconds. */
const REDRAW_INTERVAL_MS = 100;
const BAR_WIDTH = 24;

/** Reports progress; create one with {@link createProgressBar}. */
export interface ProgressBar {
  /** Records that `done` of the episodes are written. */
  update(done: number): void;
  /** Ends the live line and, unless quiet, prints `summary`. */
  finish(summary: string): void;
  /** Ends the live line without a summary, before an error message. */
  stop(): void;
  /** Seconds since the bar was created. */
  elapsedSeconds(): number;
}

/** Formats a rate such as "123,456 episodes/s". */
export function formatRate(episodes: number, seconds: number): string {
  const rate = Math.round(episodes / Math.max(seconds, 1e-9));
  return `${rate.toLocaleString("en-US")} episodes/s`;
}

/** Formats seconds as m:ss or h:mm:ss. */
export function formatDuration(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  const s = String(whole % 60).padStart(2, "0");
  const minutes = Math.floor(whole / 60);
  if (minutes < 60) return `${minutes}:${s}`;
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, "0")}:${s}`;
}

/** Returns the live line for `done` of `total` after `seconds`. */
export function progressLine(
  done: number,
  total: number,
  seconds: number,
): string {
  const fraction = total === 0 ? 1 : done / total;
  const filled = Math.round(fraction * BAR_WIDTH);
  const bar = "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled);
  const rate = done / Math.max(seconds, 1e-9);
  const left = rate > 0 ? formatDuration((total - done) / rate) : "?";
  const percent = String(Math.floor(fraction * 100)).padStart(3);
  return `${percent}% [${bar}] ${done.toLocaleString("en-US")}/${total.toLocaleString("en-US")} episodes, ${formatRate(done, seconds)}, ${left} left`;
}

/**
 * Creates the progress reporter of a run of `total` episodes. The live bar
 * shows only when `io.isTerminal` is true and `quiet` is false.
 */
export function createProgressBar(
  io: CliIo,
  total: number,
  quiet: boolean,
): ProgressBar {
  const started = performance.now();
  const live = io.isTerminal === true && !quiet;
  let lastDraw = -Infinity;
  let drawn = false;
  const elapsedSeconds = () => (performance.now() - started) / 1000;

  const endLine = () => {
    if (drawn) io.writeErr("\n");
    drawn = false;
  };

  return {
    update(done) {
      const now = performance.now();
      if (!live || (now - lastDraw < REDRAW_INTERVAL_MS && done < total)) {
        return;
      }
      lastDraw = now;
      drawn = true;
      // \r returns to the line start and \x1b[K clears what is left of it.
      io.writeErr(`\r${progressLine(done, total, elapsedSeconds())}\x1b[K`);
    },
    finish(summary) {
      endLine();
      if (!quiet) io.writeErr(summary + "\n");
    },
    stop: endLine,
    elapsedSeconds,
  };
}
