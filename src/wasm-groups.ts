// The group candidate modes on the WebAssembly engine: writes the group plan
// record (src/group-layout.ts) next to the ordinary plan and calls
// sampleGroupEpisodes. src/wasm.ts owns the instance and calls in here.

import { GROUP_PLAN, GROUP_PLAN_BYTES } from "./group-layout.js";
import { copyIn, writeRecord, type HotPathExports } from "./wasm.js";
import type { GroupTables } from "./group-plan.js";
import type { SamplingPlan } from "./plan.js";

interface GroupExports {
  sampleGroupEpisodes(
    groupPlan: number,
    batch: number,
    queryGroups: number,
    start: number,
    count: number,
  ): void;
}

/** Draws group episodes inside one instance. */
export interface GroupHotPath {
  /** Fills the batch record and the query groups of `count` episodes. */
  sample(batchRecord: number, start: number, count: number): void;
  /** Returns a view of the query groups of the last `sample` call. */
  view(memory: ArrayBuffer, count: number): Int32Array;
}

/** Writes the group plan into instance memory next to `planRecord`. */
export function createGroupHotPath(
  wasm: HotPathExports,
  planRecord: number,
  tables: GroupTables,
  plan: SamplingPlan,
): GroupHotPath {
  const fields: Record<keyof typeof GROUP_PLAN, number> = {
    plan: planRecord,
    groupAll: tables.groupAll ? 1 : 0,
    cellGroups: copyIn(wasm, tables.cellGroups),
    cellLabels: copyIn(wasm, tables.cellLabels),
    cellOffsets: copyIn(wasm, tables.cellOffsets),
    cellRows: copyIn(wasm, tables.cellRows),
    queryCells: copyIn(wasm, tables.queryCells),
    queryCumulative: copyIn(wasm, tables.queryCumulative),
    queryCellCount: tables.queryCells.length,
    wayOffsets: copyIn(wasm, tables.wayOffsets),
    wayCells: copyIn(wasm, tables.wayCells),
    cellWayPositions: copyIn(wasm, tables.cellWayPositions),
    episodeCells: wasm.alloc(plan.maxWays * 4),
  };
  const record = wasm.alloc(GROUP_PLAN_BYTES);
  writeRecord(wasm, record, GROUP_PLAN, fields);
  const exports = wasm as HotPathExports & GroupExports;
  let capacity = 0;
  let queryGroups = 0;

  return {
    sample(batchRecord, start, count) {
      if (count > capacity) {
        queryGroups = wasm.alloc(count * plan.queries * 4);
        capacity = count;
      }
      exports.sampleGroupEpisodes(
        record,
        batchRecord,
        queryGroups,
        start,
        count,
      );
    },
    view(memory, count) {
      return new Int32Array(memory, queryGroups, count * plan.queries);
    },
  };
}
