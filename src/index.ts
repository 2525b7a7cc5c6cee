export { createSampler } from "./sampler.js";
export { EpisodeSamplerError, ErrorCode } from "./errors.js";
export type { ErrorCodeValue } from "./errors.js";
export { MAX_BATCH_BYTES } from "./batch.js";
export { MAX_SEED } from "./plan.js";
export { GENERATOR_VERSION } from "./random.js";
export { parseIdx, datasetFromIdx, concatDatasets } from "./idx.js";
export { loadMnist, defaultMnistDir, SPLITS } from "./mnist.js";
export type { Split } from "./mnist.js";
export { npyHeader } from "./npy.js";
export type { NpyDtype } from "./npy.js";
export { createNpzFileWriter } from "./npz-file.js";
export type { NpzArraySpec, NpzFileWriter } from "./npz-file.js";
export { writeEpisodesNpz, npzSpecs, npzArrays } from "./write-npz.js";
export type { WriteNpzOptions, Progress } from "./write-npz.js";
export { crc32 } from "./crc32.js";
export { applyGroupMap, parseGroupMap } from "./group-map.js";
export type { GroupMap } from "./group-map.js";
export { summarizeGroups } from "./groups.js";
export type { GroupSummary, GroupLabelCount } from "./groups.js";
export {
  loadCsvFeatures,
  parseCsvFeatures,
  parseCsvRows,
} from "./formats/csv-features.js";
export type { CsvFeatureOptions, CsvFeatures } from "./formats/csv-features.js";
export type {
  CandidateMode,
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
