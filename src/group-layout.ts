// Mirror of assembly/group-layout.ts: byte offsets of the group plan record
// that the host writes into WebAssembly memory. Every field is a 32-bit
// little-endian integer. Change both files together.

export const GROUP_PLAN = {
  plan: 0,
  groupAll: 4,
  cellGroups: 8,
  cellLabels: 12,
  cellOffsets: 16,
  cellRows: 20,
  queryCells: 24,
  queryCumulative: 28,
  queryCellCount: 32,
  wayOffsets: 36,
  wayCells: 40,
  cellWayPositions: 44,
  episodeCells: 48,
} as const;
export const GROUP_PLAN_BYTES = 52;
