// Draw primitives shared by both sampling loops (index.ts and groups.ts), so
// they consume the generator in the same way. src/engine-draw.ts is their
// JavaScript twin.

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

/**
 * Draws `take` distinct positions out of `n` into scratch[from .. take) with
 * a partial Fisher-Yates shuffle; no draw is ever rejected for being a
 * repeat. The scratch is the identity before the call and restoreScratch
 * puts it back, so each draw costs O(take) whatever the bucket size.
 */
export function drawPositions(scratch: usize, from: i32, take: i32, n: i32): void {
  for (let t = from; t < take; t++) {
    swapScratch(scratch, t, t + <i32>nextBelow(<u32>(n - t)));
  }
}

/**
 * Puts the identity back into scratch after a draw of `take` positions. A
 * value >= take only ever moves into the head [0, take), so the tail
 * positions that moved are exactly the head's values >= take; each head slot
 * is reset only after it is read.
 */
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
