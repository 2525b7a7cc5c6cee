// Record layouts shared with the host. src/layout.ts mirrors these numbers;
// change both files together. Every field is a 32-bit little-endian integer
// (a pointer, a count or a seed), so a field offset is 4 * its position.

// Sampling plan: what every episode of one sampler shares.
export const PLAN_SEED: i32 = 0; // u32 seed of the run
export const PLAN_MIN_WAYS: i32 = 4; // smallest number of ways
export const PLAN_MAX_WAYS: i32 = 8; // largest number of ways
export const PLAN_SHOTS: i32 = 12; // support images per way (K)
export const PLAN_QUERIES: i32 = 16; // query images per episode (Q)
export const PLAN_LABEL_COUNT: i32 = 20; // labels in the dataset (L)
export const PLAN_BUCKET_OFFSETS: i32 = 24; // ptr to L + 1 i32 bucket starts
export const PLAN_BUCKET_ROWS: i32 = 28; // ptr to row indices grouped by label
export const PLAN_QUERY_LABELS: i32 = 32; // ptr to labels that can be queried
export const PLAN_QUERY_CUMULATIVE: i32 = 36; // ptr to running image counts
export const PLAN_QUERY_LABEL_COUNT: i32 = 40; // length of both lists above
export const PLAN_WAY_LABELS: i32 = 44; // ptr to labels that can be a way
export const PLAN_WAY_POSITIONS: i32 = 48; // ptr to L i32: label -> position
export const PLAN_WAY_LABEL_COUNT: i32 = 52; // length of the way label list
export const PLAN_SCRATCH: i32 = 56; // ptr to identity-filled i32 scratch
export const PLAN_EPISODE_LABELS: i32 = 60; // ptr to maxWays i32
export const PLAN_EPISODE_CLASSES: i32 = 64; // ptr to maxWays i32
export const PLAN_BYTES: i32 = 68;

// Batch outputs: where sampleEpisodes writes B episodes (S = maxWays * K).
export const BATCH_QUERY_LABELS: i32 = 0; // ptr to B * Q i32
export const BATCH_QUERY_ROWS: i32 = 4; // ptr to B * Q i32
export const BATCH_QUERY_CLASSES: i32 = 8; // ptr to B * Q i32
export const BATCH_SUPPORT_LABELS: i32 = 12; // ptr to B * S i32, -1 in padding
export const BATCH_SUPPORT_ROWS: i32 = 16; // ptr to B * S i32, -1 in padding
export const BATCH_SUPPORT_CLASSES: i32 = 20; // ptr to B * S i32, -1 in padding
export const BATCH_SUPPORT_MASK: i32 = 24; // ptr to B * S u8
export const BATCH_WAYS: i32 = 28; // ptr to B i32
export const BATCH_CANDIDATES: i32 = 32; // ptr to B * L u8
export const BATCH_BYTES: i32 = 36;
