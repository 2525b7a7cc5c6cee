// JavaScript twin of assembly/random.ts: xoshiro128** 1.0 by David Blackman
// and Sebastiano Vigna (https://prng.di.unimi.it/xoshiro128starstar.c),
// seeded per episode through Chris Wellons' lowbias32 hash
// (https://nullprogram.com/blog/2018/07/31/). Both must return the same
// numbers; docs/determinism.md states the contract.

/** Version of the generator and draw order; bump it if any output changes. */
export const GENERATOR_VERSION = 2;

const GOLDEN = 0x9e3779b9;

/** Hashes a 32-bit integer; a bijection on 0 .. 2^32 - 1. */
export function lowbias32(value: number): number {
  let x = value >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/** Generator state of one episode. */
export class EpisodeRandom {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;

  /** Keys the generator to episode `index` of `seed`. */
  seed(seed: number, index: number): void {
    const key = lowbias32(lowbias32(seed) ^ index);
    this.s0 = lowbias32(key + GOLDEN);
    this.s1 = lowbias32(key + Math.imul(GOLDEN, 2));
    this.s2 = lowbias32(key + Math.imul(GOLDEN, 3));
    this.s3 = lowbias32(key + Math.imul(GOLDEN, 4));
  }

  /** Sets the four state words directly, for known-answer tests. */
  setState(s0: number, s1: number, s2: number, s3: number): void {
    this.s0 = s0 | 0;
    this.s1 = s1 | 0;
    this.s2 = s2 | 0;
    this.s3 = s3 | 0;
  }

  /** Returns the next 32 random bits as an unsigned integer. */
  nextU32(): number {
    const s1 = this.s1;
    const product = Math.imul(s1, 5);
    const result = Math.imul((product << 7) | (product >>> 25), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 = s1 ^ this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    return result;
  }

  /**
   * Returns an unbiased integer in [0, bound) by bitmask rejection
   * (https://www.pcg-random.org/posts/bounded-rands.html). A bound of 0 or 1
   * returns 0 without drawing.
   */
  nextBelow(bound: number): number {
    if (bound <= 1) return 0;
    const mask = 0xffffffff >>> Math.clz32(bound - 1);
    let value = (this.nextU32() & mask) >>> 0;
    while (value >= bound) value = (this.nextU32() & mask) >>> 0;
    return value;
  }
}
