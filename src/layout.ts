// Mirror of assembly/layout.ts: byte offsets of the plan and batch records
// that the host writes into WebAssembly memory. Every field is a 32-bit
// little-endian integer. Change both files together.

export const PLAN = {
  seed: 0,
  minWays: 4,
  maxWays: 8,
  shots: 12,
  queries: 16,
  labelCount: 20,
  bucketOffsets: 24,
  bucketRows: 28,
  queryLabels: 32,
  queryCumulative: 36,
  queryLabelCount: 40,
  wayLabels: 44,
  wayPositions: 48,
  wayLabelCount: 52,
  scratch: 56,
  episodeLabels: 60,
  episodeClasses: 64,
} as const;
export const PLAN_BYTES = 68;

export const BATCH = {
  queryLabels: 0,
  queryRows: 4,
  queryClasses: 8,
  supportLabels: 12,
  supportRows: 16,
  supportClasses: 20,
  supportMask: 24,
  ways: 28,
  candidates: 32,
} as const;
export const BATCH_BYTES = 36;
