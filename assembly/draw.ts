// Draw primitives of the group hot path. They repeat the private helpers of
// index.ts step for step, so both sampling loops consume the generator in the
// same way. index.ts keeps its own copies, so it can change independently.

import { nextBelow } from "./random";

// @ts-ignore: decorator
@inline
export function readI32(base: usize, index: i32): i32 {
  return load<i32>(base + (<usize>index << 2));
}

// @ts-ignore: decorator
@inline
export function writeI32(base: usize, index: i32, value: i32): void {
  store<i32>(base + (<usize>index << 2), value);
}

// @ts-ignore: decorator
@inline
export function swapScratch(scratch: usize, a: i32, b: i32): void {
  let value = readI32(scratch, a);
  writeI32(scratch, a, readI32(scratch, b));
  writeI32(scratch, b, value);
}

/** Draws positions from .. take - 1 out of n into scratch (partial Fisher-Yates). */
export function drawPositions(scratch: usize, from: i32, take: i32, n: i32): void {
  for (let t = from; t < take; t++) {
    swapScratch(scratch, t, t + <i32>nextBelow(<u32>(n - t)));
  }
}

/** Puts the identity back into scratch after a draw of `take` positions. */
export function restoreScratch(scratch: usize, take: i32): void {
  for (let t = 0; t < take; t++) {
    let value = readI32(scratch, t);
    if (value >= take) writeI32(scratch, value, value);
    writeI32(scratch, t, t);
  }
}

/** Writes a random permutation of 0 .. ways - 1 into `classes`. */
export function drawClasses(classes: usize, ways: i32): void {
  for (let w = 0; w < ways; w++) writeI32(classes, w, w);
  for (let i = ways - 1; i > 0; i--) {
    let j = <i32>nextBelow(<u32>(i + 1));
    let value = readI32(classes, i);
    writeI32(classes, i, readI32(classes, j));
    writeI32(classes, j, value);
  }
}

/** Returns the first position whose running total passes `r`. */
export function findPosition(cumulative: usize, length: i32, r: i32): i32 {
  let position = 0;
  while (position < length - 1 && readI32(cumulative, position) <= r) {
    position++;
  }
  return position;
}
