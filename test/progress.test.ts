import { describe, expect, test } from "vitest";
import {
  createProgressBar,
  formatDuration,
  progressLine,
} from "../src/cli/progress.js";
import type { CliIo } from "../src/cli/io.js";

function captureIo(isTerminal: boolean): { io: CliIo; err: () => string } {
  let err = "";
  const io: CliIo = {
    writeOut: () => undefined,
    writeErr: (text) => (err += text),
    isTerminal,
  };
  return { io, err: () => err };
}

describe("progressLine", () => {
  test("shows done, rate and time left", () => {
    const line = progressLine(250, 1000, 2);
    expect(line).toContain(" 25% [######------------------]");
    expect(line).toContain("250/1,000 episodes");
    expect(line).toContain("125 episodes/s");
    expect(line).toContain("0:06 left");
  });

  test("formatDuration switches to hours", () => {
    expect(formatDuration(59.4)).toBe("0:59");
    expect(formatDuration(3725)).toBe("1:02:05");
  });
});

describe("createProgressBar", () => {
  test("terminal gets a live line, then the summary", () => {
    const { io, err } = captureIo(true);
    const bar = createProgressBar(io, 10, false);
    bar.update(10);
    bar.finish("done");
    expect(err()).toMatch(/^\r100% \[#+\] 10\/10 episodes/);
    expect(err().endsWith("\ndone\n")).toBe(true);
  });

  test("pipe gets only the summary", () => {
    const { io, err } = captureIo(false);
    const bar = createProgressBar(io, 10, false);
    bar.update(5);
    bar.update(10);
    bar.finish("done");
    expect(err()).toBe("done\n");
  });

  test("quiet prints nothing on a terminal", () => {
    const { io, err } = captureIo(true);
    const bar = createProgressBar(io, 10, true);
    bar.update(10);
    bar.finish("done");
    expect(err()).toBe("");
  });
});
