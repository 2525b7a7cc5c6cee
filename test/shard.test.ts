import { describe, expect, test } from "vitest";
import { InvalidArgumentError } from "commander";
import { parseShard } from "../src/cli/sample.js";
import { ErrorCode } from "../src/errors.js";
import { shardRange } from "../src/shard.js";

describe("shardRange", () => {
  test.each([
    [10, 3],
    [1000, 7],
    [5, 5],
    [3, 4],
    [2 ** 32, 3],
  ])("%i episodes in %i shards tile the run", (total, count) => {
    let next = 0;
    const sizes: number[] = [];
    for (let index = 0; index < count; index++) {
      const range = shardRange(total, { index, count });
      expect(range.start).toBe(next);
      next += range.count;
      sizes.push(range.count);
    }
    expect(next).toBe(total);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  });

  test("start shifts every shard", () => {
    expect(shardRange(10, { index: 1, count: 2 }, 100)).toEqual({
      start: 105,
      count: 5,
    });
  });

  test("index past the count is rejected", () => {
    expect(() => shardRange(10, { index: 3, count: 3 })).toThrow(
      expect.objectContaining({ code: ErrorCode.invalidOption }),
    );
  });
});

describe("parseShard", () => {
  test("reads k/n", () => {
    expect(parseShard("2/4")).toEqual({ index: 2, count: 4 });
  });

  test.each(["4/4", "1", "-1/3", "a/b", "1/0"])("rejects %s", (text) => {
    expect(() => parseShard(text)).toThrow(InvalidArgumentError);
  });
});
