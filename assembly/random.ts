// The one generator behind every random choice: xoshiro128** 1.0 by David
// Blackman and Sebastiano Vigna (https://prng.di.unimi.it/xoshiro128starstar.c),
// seeded per episode through the lowbias32 hash by Chris Wellons
// (https://nullprogram.com/blog/2018/07/31/). src/random.ts is the same
// generator in JavaScript; docs/determinism.md states the whole contract.

const GOLDEN: u32 = 0x9e3779b9;

let s0: u32 = 0;
let s1: u32 = 0;
let s2: u32 = 0;
let s3: u32 = 0;

// @ts-ignore: decorator
@inline
function lowbias32(value: u32): u32 {
  let x = value;
  x ^= x >>> 16;
  x *= 0x7feb352d;
  x ^= x >>> 15;
  x *= 0x846ca68b;
  x ^= x >>> 16;
  return x;
}

/** Keys the generator to episode `index` of `seed`. */
export function seedEpisode(seed: u32, index: u32): void {
  // Both steps are bijections, so two episodes of one seed never share a key,
  // and the four words are distinct, so the state is never all zero.
  let key = lowbias32(lowbias32(seed) ^ index);
  s0 = lowbias32(key + GOLDEN);
  s1 = lowbias32(key + GOLDEN * 2);
  s2 = lowbias32(key + GOLDEN * 3);
  s3 = lowbias32(key + GOLDEN * 4);
}

/** Returns the next 32 random bits. */
// @ts-ignore: decorator
@inline
export function nextU32(): u32 {
  let result = rotl<u32>(s1 * 5, 7) * 9;
  let t = s1 << 9;
  s2 ^= s0;
  s3 ^= s1;
  s1 ^= s2;
  s0 ^= s3;
  s2 ^= t;
  s3 = rotl<u32>(s3, 11);
  return result;
}

/**
 * Returns an unbiased integer in [0, bound) by bitmask rejection
 * (https://www.pcg-random.org/posts/bounded-rands.html). A bound of 0 or 1
 * returns 0 without drawing; each try succeeds with probability above 1/2.
 */
export function nextBelow(bound: u32): u32 {
  if (bound <= 1) return 0;
  let mask = <u32>0xffffffff >>> clz<u32>(bound - 1);
  let value = nextU32() & mask;
  while (value >= bound) value = nextU32() & mask;
  return value;
}
