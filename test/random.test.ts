import { describe, expect, test } from "vitest";
import { EpisodeRandom, lowbias32 } from "../src/random.js";

// Known outputs from a C program written from the published algorithms
// (xoshiro128** 1.0 and lowbias32) with uint32_t arithmetic, compiled with
// gcc 12.
const LOWBIAS32_TABLE: [number, number][] = [
  [0, 0x00000000],
  [1, 0x688990c0],
  [2, 0xd1132181],
  [0xdeadbeef, 0xe628c683],
  [0xffffffff, 0x6768824a],
];
const STATE_1234_OUTPUTS = [
  0x00002d00, 0x00000000, 0x005a7080, 0x04389d80, 0x79199d9b, 0x61963b24,
];
const EPISODE_42_7_OUTPUTS = [
  0x7ba7464d, 0xc49664d9, 0x0e332df2, 0x3cc26dd6, 0x6f443d43, 0x7848b395,
];

describe("lowbias32", () => {
  test.each(LOWBIAS32_TABLE)("hash of %i", (input, expected) => {
    expect(lowbias32(input)).toBe(expected);
  });
});

describe("EpisodeRandom", () => {
  test("xoshiro128** from state 1,2,3,4", () => {
    const random = new EpisodeRandom();
    random.setState(1, 2, 3, 4);
    const outputs = STATE_1234_OUTPUTS.map(() => random.nextU32());
    expect(outputs).toEqual(STATE_1234_OUTPUTS);
  });

  test("episode 7 of seed 42", () => {
    const random = new EpisodeRandom();
    random.seed(42, 7);
    const outputs = EPISODE_42_7_OUTPUTS.map(() => random.nextU32());
    expect(outputs).toEqual(EPISODE_42_7_OUTPUTS);
  });

  test("nextBelow stays in range and covers it", () => {
    const random = new EpisodeRandom();
    random.seed(1, 0);
    for (const bound of [2, 3, 7, 10, 1000, 2 ** 31 + 1]) {
      const seen = new Set<number>();
      for (let i = 0; i < 2000; i++) {
        const value = random.nextBelow(bound);
        expect(Number.isInteger(value)).toBe(true);
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThan(bound);
        seen.add(value);
      }
      if (bound <= 10) expect(seen.size).toBe(bound);
    }
  });

  test("nextBelow of 0 and 1 draws nothing", () => {
    const random = new EpisodeRandom();
    random.seed(3, 3);
    expect(random.nextBelow(1)).toBe(0);
    expect(random.nextBelow(0)).toBe(0);
    const untouched = new EpisodeRandom();
    untouched.seed(3, 3);
    expect(random.nextU32()).toBe(untouched.nextU32());
  });

  test("nextBelow(3) is unbiased where modulo is not", () => {
    // With bound 3, modulo of a 2-bit draw would give 0 twice as often.
    const random = new EpisodeRandom();
    random.seed(9, 9);
    const counts = [0, 0, 0];
    const draws = 300_000;
    for (let i = 0; i < draws; i++) counts[random.nextBelow(3)]!++;
    for (const count of counts) {
      // 6 standard deviations of a binomial(300000, 1/3) is about 1550.
      expect(Math.abs(count - draws / 3)).toBeLessThan(1550);
    }
  });
});
