// The pure-JavaScript engine. It follows assembly/index.ts draw for draw, so
// both engines return the same bytes; docs/determinism.md lists the steps.

import {
  ScratchDraws,
  drawClasses,
  findPosition,
  writeEpisodeTail,
} from "./engine-draw.js";
import { EpisodeRandom } from "./random.js";
import type { MutableBatch } from "./batch.js";
import type { SamplingPlan } from "./plan.js";
import type { Dataset } from "./types.js";

/** Groups rows by label: label l owns rows[offsets[l] .. offsets[l + 1]). */
export function buildBuckets(
  labels: Int32Array,
  labelCount: number,
): { offsets: Int32Array; rows: Int32Array } {
  const offsets = new Int32Array(labelCount + 1);
  for (const label of labels) offsets[label + 1]!++;
  for (let l = 0; l < labelCount; l++) offsets[l + 1]! += offsets[l]!;
  const cursors = offsets.slice(0, labelCount);
  const rows = new Int32Array(labels.length);
  for (let row = 0; row < labels.length; row++) {
    rows[cursors[labels[row]!]!++] = row;
  }
  return { offsets, rows };
}

/** An engine fills a batch with episodes start .. start + count - 1. */
export interface EngineBackend {
  sampleInto(batch: MutableBatch, start: number, count: number): void;
  /**
   * Samples into engine-owned arrays and returns views of them, valid until
   * the next call. Engines without it get a reused batch from the sampler.
   */
  sampleView?(start: number, count: number): MutableBatch;
}

/** Creates the JavaScript engine for one dataset and plan. */
export function createJsEngine(
  dataset: Dataset,
  plan: SamplingPlan,
): EngineBackend {
  const { offsets, rows: bucketRows } = buildBuckets(
    dataset.labels,
    plan.labelCount,
  );
  const random = new EpisodeRandom();
  const draws = new ScratchDraws(
    random,
    Math.max(plan.largestBucket, plan.wayLabels.length),
  );
  const scratch = draws.values;
  const episodeLabels = new Int32Array(plan.maxWays);
  const classes = new Int32Array(plan.maxWays);
  const { queries, shots, supportSlots: slots } = plan;

  function writeSupport(
    batch: MutableBatch,
    slotBase: number,
    label: number,
    localClass: number,
    first: number,
    bucketStart: number,
  ): void {
    const slot = slotBase + localClass * shots;
    for (let s = 0; s < shots; s++) {
      batch.supportIndices[slot + s] =
        bucketRows[bucketStart + scratch[first + s]!]!;
      batch.supportLabels[slot + s] = label;
      batch.supportClasses[slot + s] = localClass;
      batch.supportMask[slot + s] = 1;
    }
  }

  function sampleEpisode(batch: MutableBatch, e: number, index: number) {
    random.seed(plan.seed, index);

    // 1. Ways, 2. the first query image, 3. the local class of each way.
    const ways =
      plan.minWays + random.nextBelow(plan.maxWays - plan.minWays + 1);
    const poolSize = plan.queryCumulative[plan.queryLabels.length - 1]!;
    const r = random.nextBelow(poolSize);
    const position = findPosition(
      plan.queryCumulative,
      plan.queryLabels.length,
      r,
    );
    const queryLabel = plan.queryLabels[position]!;
    const first = position > 0 ? r - plan.queryCumulative[position - 1]! : r;
    drawClasses(random, classes, ways);
    episodeLabels[0] = queryLabel;

    // 4. The other queries and the query label's shots.
    const bucketStart = offsets[queryLabel]!;
    const bucketSize = offsets[queryLabel + 1]! - bucketStart;
    const take = queries + shots;
    draws.swap(0, first);
    draws.draw(1, take, bucketSize);
    const queryClass = classes[0]!;
    for (let q = 0; q < queries; q++) {
      const at = e * queries + q;
      batch.queryIndices[at] = bucketRows[bucketStart + scratch[q]!]!;
      batch.queryLabels[at] = queryLabel;
      batch.queryClasses[at] = queryClass;
    }
    writeSupport(
      batch,
      e * slots,
      queryLabel,
      queryClass,
      queries,
      bucketStart,
    );
    draws.restore(take);

    // 5. The other labels, from the way labels without the query label.
    const skip = plan.wayPositions[queryLabel]!;
    draws.draw(0, ways - 1, plan.wayLabels.length - 1);
    for (let w = 1; w < ways; w++) {
      const p = scratch[w - 1]!;
      episodeLabels[w] = plan.wayLabels[p < skip ? p : p + 1]!;
    }
    draws.restore(ways - 1);

    // 6. Each other label's shots, in the order the labels were drawn.
    for (let w = 1; w < ways; w++) {
      const label = episodeLabels[w]!;
      const start = offsets[label]!;
      draws.draw(0, shots, offsets[label + 1]! - start);
      writeSupport(batch, e * slots, label, classes[w]!, 0, start);
      draws.restore(shots);
    }

    writeEpisodeTail(batch, e, ways, shots, episodeLabels);
  }

  return {
    sampleInto(batch, start, count) {
      for (let e = 0; e < count; e++) {
        sampleEpisode(batch, e, (start + e) >>> 0);
      }
      gather(
        dataset.images,
        plan.itemBytes,
        batch.queryIndices,
        batch.queryImages,
      );
      gather(
        dataset.images,
        plan.itemBytes,
        batch.supportIndices,
        batch.supportImages,
      );
    },
  };
}

/**
 * Copies the rows named by `rows` into `out`; row -1 writes zeros. A row is
 * `rowBytes` elements: uint8 rows go to uint8 as they are or to float32 as
 * byte / 255, and float32 rows go to float32 as they are.
 */
export function gather(
  images: Uint8Array | Float32Array,
  rowBytes: number,
  rows: Int32Array,
  out: Uint8Array | Float32Array,
): void {
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const target = i * rowBytes;
    if (row < 0) {
      out.fill(0, target, target + rowBytes);
    } else if (out instanceof Uint8Array || images instanceof Float32Array) {
      out.set(
        images.subarray(row * rowBytes, row * rowBytes + rowBytes),
        target,
      );
    } else {
      const source = row * rowBytes;
      for (let b = 0; b < rowBytes; b++)
        out[target + b] = images[source + b]! / 255;
    }
  }
}
