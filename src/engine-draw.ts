// Draw primitives shared by the JavaScript engines (engine-js.ts and
// engine-groups.ts), the twin of assembly/draw.ts: every engine consumes the
// generator through these, in the same order.

import type { MutableBatch } from "./batch.js";
import type { EpisodeRandom } from "./random.js";

/**
 * Partial Fisher-Yates draws over a scratch array that is the identity
 * between draws, so no draw is ever rejected for being a repeat and each
 * costs O(take) whatever the bucket size.
 */
export class ScratchDraws {
  readonly values: Int32Array;

  constructor(
    private readonly random: EpisodeRandom,
    size: number,
  ) {
    this.values = Int32Array.from({ length: size }, (_, i) => i);
  }

  /** Swaps two positions; used to force the first query into place. */
  swap(a: number, b: number): void {
    const values = this.values;
    const value = values[a]!;
    values[a] = values[b]!;
    values[b] = value;
  }

  /** Draws positions out of `n` into values[from .. take). */
  draw(from: number, take: number, n: number): void {
    for (let t = from; t < take; t++) {
      this.swap(t, t + this.random.nextBelow(n - t));
    }
  }

  /**
   * Puts the identity back after a draw of `take` positions. A value >= take
   * only ever moves into the head [0, take), so the tail positions that moved
   * are exactly the head's values >= take; each head slot is reset only after
   * it is read.
   */
  restore(take: number): void {
    const values = this.values;
    for (let t = 0; t < take; t++) {
      const value = values[t]!;
      if (value >= take) values[value] = value;
      values[t] = t;
    }
  }
}

/** Writes a random permutation of 0 .. ways - 1 into `classes`. */
export function drawClasses(
  random: EpisodeRandom,
  classes: Int32Array,
  ways: number,
): void {
  for (let w = 0; w < ways; w++) classes[w] = w;
  for (let i = ways - 1; i > 0; i--) {
    const j = random.nextBelow(i + 1);
    const value = classes[i]!;
    classes[i] = classes[j]!;
    classes[j] = value;
  }
}

/** Returns the first position whose running total passes `r`. */
export function findPosition(
  cumulative: Int32Array,
  length: number,
  r: number,
): number {
  let position = 0;
  while (position < length - 1 && cumulative[position]! <= r) position++;
  return position;
}

/**
 * Writes the end of episode `e`: -1 and 0 in the support slots past
 * `ways * shots`, the way count, and the candidate mask of the labels
 * `wayLabels[0 .. ways - 1]`.
 */
export function writeEpisodeTail(
  batch: MutableBatch,
  e: number,
  ways: number,
  shots: number,
  wayLabels: Int32Array,
): void {
  const slots = batch.supportSlots;
  const slotBase = e * slots;
  const firstPadding = slotBase + ways * shots;
  batch.supportIndices.fill(-1, firstPadding, slotBase + slots);
  batch.supportLabels.fill(-1, firstPadding, slotBase + slots);
  batch.supportClasses.fill(-1, firstPadding, slotBase + slots);
  batch.supportMask.fill(0, firstPadding, slotBase + slots);
  batch.ways[e] = ways;

  const labelCount = batch.labelCount;
  const candidates = e * labelCount;
  batch.candidates.fill(0, candidates, candidates + labelCount);
  for (let w = 0; w < ways; w++) {
    batch.candidates[candidates + wayLabels[w]!] = 1;
  }
}
