// The pure-JavaScript engine of the group candidate modes. It follows
// sampleGroupEpisodes in assembly/groups.ts draw for draw, so both engines
// return the same bytes; docs/groups.md lists the steps.

import { gather, type EngineBackend } from "./engine-js.js";
import {
  ScratchDraws,
  drawClasses,
  findPosition,
  writeEpisodeTail,
} from "./engine-draw.js";
import { EpisodeRandom } from "./random.js";
import type { MutableBatch } from "./batch.js";
import type { GroupPlan } from "./group-plan.js";
import type { Dataset } from "./types.js";

/** Creates the JavaScript engine of a group plan. */
export function createGroupJsEngine(
  dataset: Dataset,
  plan: GroupPlan,
): EngineBackend {
  const tables = plan.groups;
  const random = new EpisodeRandom();
  const scratch = new ScratchDraws(random, plan.largestBucket);
  const episodeCells = new Int32Array(plan.maxWays);
  const episodeLabels = new Int32Array(plan.maxWays);
  const classes = new Int32Array(plan.maxWays);
  const { queries, shots, supportSlots: slots } = plan;
  const poolSize = tables.queryCumulative[tables.queryCells.length - 1]!;

  function writeSupport(
    batch: MutableBatch,
    slotBase: number,
    cell: number,
    localClass: number,
    first: number,
  ): void {
    const slot = slotBase + localClass * shots;
    const cellStart = tables.cellOffsets[cell]!;
    for (let s = 0; s < shots; s++) {
      const at = cellStart + scratch.values[first + s]!;
      batch.supportIndices[slot + s] = tables.cellRows[at]!;
      batch.supportLabels[slot + s] = tables.cellLabels[cell]!;
      batch.supportClasses[slot + s] = localClass;
      batch.supportMask[slot + s] = 1;
    }
  }

  function writeQueries(batch: MutableBatch, e: number, cell: number) {
    const cellStart = tables.cellOffsets[cell]!;
    for (let q = 0; q < queries; q++) {
      const at = e * queries + q;
      batch.queryIndices[at] = tables.cellRows[cellStart + scratch.values[q]!]!;
      batch.queryLabels[at] = tables.cellLabels[cell]!;
      batch.queryClasses[at] = classes[0]!;
      batch.queryGroups![at] = tables.cellGroups[cell]!;
    }
  }

  function sampleEpisode(batch: MutableBatch, e: number, index: number) {
    random.seed(plan.seed, index);

    // 1. The first query item, so cells follow their item counts.
    const r = random.nextBelow(poolSize);
    const position = findPosition(
      tables.queryCumulative,
      tables.queryCells.length,
      r,
    );
    const queryCell = tables.queryCells[position]!;
    const first = position > 0 ? r - tables.queryCumulative[position - 1]! : r;
    const group = tables.cellGroups[queryCell]!;
    const wayStart = tables.wayOffsets[group]!;
    const wayCount = tables.wayOffsets[group + 1]! - wayStart;

    // 2. Ways (the whole group under group-all), 3. local classes.
    const ways = tables.groupAll
      ? wayCount
      : plan.minWays + random.nextBelow(plan.maxWays - plan.minWays + 1);
    drawClasses(random, classes, ways);
    episodeCells[0] = queryCell;

    // 4. The other queries and the query cell's shots.
    const take = queries + shots;
    const cellSize =
      tables.cellOffsets[queryCell + 1]! - tables.cellOffsets[queryCell]!;
    scratch.swap(0, first);
    scratch.draw(1, take, cellSize);
    writeQueries(batch, e, queryCell);
    writeSupport(batch, e * slots, queryCell, classes[0]!, queries);
    scratch.restore(take);

    // 5. The other cells of the group, without the query cell: drawn under
    // group, all of them in list order under group-all.
    const skip = tables.cellWayPositions[queryCell]!;
    if (!tables.groupAll) scratch.draw(0, ways - 1, wayCount - 1);
    for (let w = 1; w < ways; w++) {
      const p = tables.groupAll ? w - 1 : scratch.values[w - 1]!;
      episodeCells[w] = tables.wayCells[wayStart + (p < skip ? p : p + 1)]!;
    }
    if (!tables.groupAll) scratch.restore(ways - 1);

    // 6. Each other cell's shots, in the order of episodeCells.
    for (let w = 1; w < ways; w++) {
      const cell = episodeCells[w]!;
      const size = tables.cellOffsets[cell + 1]! - tables.cellOffsets[cell]!;
      scratch.draw(0, shots, size);
      writeSupport(batch, e * slots, cell, classes[w]!, 0);
      scratch.restore(shots);
    }

    for (let w = 0; w < ways; w++) {
      episodeLabels[w] = tables.cellLabels[episodeCells[w]!]!;
    }
    writeEpisodeTail(batch, e, ways, shots, episodeLabels);
  }

  return {
    sampleInto(batch, start, count) {
      for (let e = 0; e < count; e++) {
        sampleEpisode(batch, e, (start + e) >>> 0);
      }
      const rowSize = plan.itemBytes;
      gather(dataset.images, rowSize, batch.queryIndices, batch.queryImages);
      gather(
        dataset.images,
        rowSize,
        batch.supportIndices,
        batch.supportImages,
      );
    },
  };
}
