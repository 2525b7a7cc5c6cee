export { createSampler } from "./sampler.js";
export { EpisodeSamplerError, ErrorCode } from "./errors.js";
export type { ErrorCodeValue, ErrorLocation } from "./errors.js";
export { MAX_BATCH_BYTES } from "./batch.js";
export { MAX_SEED } from "./plan.js";
export { GENERATOR_VERSION } from "./random.js";
export { parseIdx, datasetFromIdx, concatDatasets } from "./idx.js";
export { loadMnist, defaultMnistDir, SPLITS } from "./mnist.js";
export type { Split } from "./mnist.js";
export { readDataset } from "./formats/read.js";
export { DATA_FORMATS } from "./formats/detect.js";
export { DEFAULT_MAX_BYTES } from "./formats/decompress.js";
export { summarizeDataset } from "./formats/summary.js";
export type { DatasetSummary } from "./formats/summary.js";
export { npyHeader } from "./npy.js";
export type { NpyDtype } from "./npy.js";
export { createNpzFileWriter } from "./npz-file.js";
export type { NpzArraySpec, NpzFileWriter } from "./npz-file.js";
export { writeEpisodesNpz, npzSpecs, npzArrays } from "./write-npz.js";
export type { WriteNpzOptions, Progress } from "./write-npz.js";
export { crc32 } from "./crc32.js";
export type {
  DataFormat,
  DataSource,
  Dataset,
  Dtype,
  Engine,
  EpisodeBatch,
  ReadDataOptions,
  ImageArray,
  ResolvedOptions,
  SampleOptions,
  Sampler,
  SamplerOptions,
} from "./types.js";
