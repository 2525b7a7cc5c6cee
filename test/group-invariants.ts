// Checks shared by the group sampling tests: every property an episode of a
// group candidate mode must have, whatever the dataset.

import { expect } from "vitest";
import type { Dataset, EpisodeBatch } from "../src/index.js";

/** Labels with items in each group, after exclusions, as sorted lists. */
export function groupLabelSets(
  dataset: Dataset,
  exclude: readonly number[] = [],
): Map<number, number[]> {
  const sets = new Map<number, Set<number>>();
  dataset.labels.forEach((label, row) => {
    if (exclude.includes(label)) return;
    const group = dataset.groups![row]!;
    if (!sets.has(group)) sets.set(group, new Set());
    sets.get(group)!.add(label);
  });
  const lists = new Map<number, number[]>();
  for (const [group, set] of sets) {
    lists.set(
      group,
      [...set].sort((a, b) => a - b),
    );
  }
  return lists;
}

function candidateLabels(batch: EpisodeBatch, e: number): number[] {
  const labels: number[] = [];
  for (let label = 0; label < batch.labelCount; label++) {
    if (batch.candidates[e * batch.labelCount + label] === 1)
      labels.push(label);
  }
  return labels;
}

/** Asserts the group invariants of every episode of `batch`. */
export function expectGroupEpisodes(
  batch: EpisodeBatch,
  dataset: Dataset,
  options: { exclude?: number[]; shots: number; groupAll: boolean },
): void {
  const exclude = options.exclude ?? [];
  const groupLabels = groupLabelSets(dataset, exclude);
  const { queries, supportSlots: slots } = batch;
  for (let e = 0; e < batch.count; e++) {
    const group = batch.queryGroups![e * queries]!;
    const queryLabel = batch.queryLabels[e * queries]!;
    const rows: number[] = [];
    for (let q = e * queries; q < (e + 1) * queries; q++) {
      const row = batch.queryIndices[q]!;
      expect(batch.queryGroups![q]).toBe(group);
      expect(dataset.groups![row]).toBe(group);
      expect(dataset.labels[row]).toBe(queryLabel);
      rows.push(row);
    }
    const supportLabels = new Set<number>();
    for (let slot = e * slots; slot < (e + 1) * slots; slot++) {
      const row = batch.supportIndices[slot]!;
      if (row < 0) continue;
      expect(dataset.groups![row]).toBe(group);
      expect(dataset.labels[row]).toBe(batch.supportLabels[slot]);
      supportLabels.add(batch.supportLabels[slot]!);
      rows.push(row);
    }
    const candidates = candidateLabels(batch, e);
    expect([...supportLabels].sort((a, b) => a - b)).toEqual(candidates);
    expect(candidates).toContain(queryLabel);
    expect(candidates.length).toBe(batch.ways[e]);
    expect(new Set(rows).size).toBe(rows.length);
    for (const label of exclude) expect(candidates).not.toContain(label);
    const allowed = groupLabels.get(group)!;
    if (options.groupAll) expect(candidates).toEqual(allowed);
    else for (const label of candidates) expect(allowed).toContain(label);
  }
}

function bytesOf(view: ArrayBufferView): Buffer {
  return Buffer.from(view.buffer, view.byteOffset, view.byteLength);
}

/** Asserts that two batches hold the same bytes in every array. */
export function expectSameBatch(a: EpisodeBatch, b: EpisodeBatch): void {
  for (const key of Object.keys(a) as (keyof EpisodeBatch)[]) {
    const value = a[key];
    if (!ArrayBuffer.isView(value)) continue;
    // Comparing bytes keeps large image arrays fast to check.
    const other = b[key] as ArrayBufferView;
    expect(bytesOf(value).equals(bytesOf(other)), key).toBe(true);
  }
}
