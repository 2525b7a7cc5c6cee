// Record layout of the group plan, shared with the host. src/group-layout.ts
// mirrors these numbers; change both files together. Every field is a 32-bit
// little-endian integer (a pointer, a count or a flag), so a field offset is
// 4 * its position. Seed, ways, shots, queries, label count, scratch and the
// per-episode buffers come from the ordinary plan record (layout.ts).

export const GROUP_PLAN: i32 = 0; // ptr to the ordinary plan record
export const GROUP_ALL: i32 = 4; // 1 under group-all, else 0
export const GROUP_CELL_GROUPS: i32 = 8; // ptr to cell count i32: group of cell
export const GROUP_CELL_LABELS: i32 = 12; // ptr to cell count i32: label of cell
export const GROUP_CELL_OFFSETS: i32 = 16; // ptr to cell count + 1 i32 starts
export const GROUP_CELL_ROWS: i32 = 20; // ptr to row indices grouped by cell
export const GROUP_QUERY_CELLS: i32 = 24; // ptr to cells that can be queried
export const GROUP_QUERY_CUMULATIVE: i32 = 28; // ptr to running item counts
export const GROUP_QUERY_CELL_COUNT: i32 = 32; // length of both lists above
export const GROUP_WAY_OFFSETS: i32 = 36; // ptr to group count + 1 i32 starts
export const GROUP_WAY_CELLS: i32 = 40; // ptr to way cells, group by group
export const GROUP_CELL_WAY_POSITIONS: i32 = 44; // ptr to cell -> way position
export const GROUP_EPISODE_CELLS: i32 = 48; // ptr to maxWays i32
export const GROUP_PLAN_BYTES: i32 = 52;
