// The browser entry point: everything in index.ts that needs no Node module.
// Datasets come from fetched IDX bytes or typed arrays instead of paths, and
// NPZ files are built in memory instead of written to disk.

export { createSampler } from "./sampler.js";
export { EpisodeSamplerError, ErrorCode } from "./errors.js";
export type { ErrorCodeValue } from "./errors.js";
export { MAX_BATCH_BYTES } from "./batch.js";
export { MAX_SEED } from "./plan.js";
export { GENERATOR_VERSION } from "./random.js";
export { parseIdx, datasetFromIdx, concatDatasets } from "./idx.js";
export { datasetFromArrays, fetchIdxDataset } from "./dataset.js";
export type { DatasetArrays, IdxUrls } from "./dataset.js";
export { setHotPathSource } from "./wasm-source.js";
export type { HotPathSource } from "./wasm-source.js";
export { npyHeader } from "./npy.js";
export type { NpyDtype } from "./npy.js";
export { npzSpecs, npzArrays } from "./npz-layout.js";
export type { NpzArraySpec } from "./npz-layout.js";
export {
  createNpzMemoryWriter,
  encodeEpisodesNpz,
  MAX_MEMORY_NPZ_BYTES,
} from "./npz-memory.js";
export type { EncodeNpzOptions, NpzMemoryWriter } from "./npz-memory.js";
export { crc32 } from "./crc32.js";
export type {
  Dataset,
  Dtype,
  Engine,
  EpisodeBatch,
  ImageArray,
  ResolvedOptions,
  SampleOptions,
  Sampler,
  SamplerOptions,
} from "./types.js";
