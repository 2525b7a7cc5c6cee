export { createSampler } from "./sampler.js";
export { EpisodeSamplerError, ErrorCode } from "./errors.js";
export type { ErrorCodeValue, ErrorLocation } from "./errors.js";
export { MAX_BATCH_BYTES } from "./batch.js";
export { MAX_SEED } from "./plan.js";
export { GENERATOR_VERSION } from "./random.js";
export { parseIdx, datasetFromIdx, concatDatasets } from "./idx.js";
export { datasetFromArrays, fetchIdxDataset } from "./dataset.js";
export type { DatasetArrays, IdxUrls } from "./dataset.js";
export { setHotPathSource } from "./wasm-source.js";
export type { HotPathSource } from "./wasm-source.js";
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
export {
  createNpzMemoryWriter,
  encodeEpisodesNpz,
  MAX_MEMORY_NPZ_BYTES,
} from "./npz-memory.js";
export type { EncodeNpzOptions, NpzMemoryWriter } from "./npz-memory.js";
export { createNpzSink } from "./write-npz.js";
export { runEpisodes } from "./run-episodes.js";
export type { EpisodeSink, RunOptions } from "./run-episodes.js";
export {
  createJsonlFileSink,
  createJsonlStreamSink,
  episodeLines,
} from "./write-jsonl.js";
export { createBinSink, DEFAULT_EPISODES_PER_FILE } from "./write-bin.js";
export type { BinRunInfo } from "./write-bin.js";
export { recordLayout, packRecords } from "./record-layout.js";
export type { RecordField, RecordLayout } from "./record-layout.js";
export { readManifest } from "./manifest.js";
export type { Manifest, ManifestFile } from "./manifest.js";
export { readRecords } from "./read-bin.js";
export { mergeShards } from "./merge-shards.js";
export { replayEpisodes } from "./replay.js";
export { shardRange } from "./shard.js";
export type { Shard, EpisodeRange } from "./shard.js";
export { datasetSha256 } from "./dataset-hash.js";
export { encodePng } from "./png.js";
export { drawEpisodeGrid } from "./preview-grid.js";
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
  DataFormat,
  DataSource,
  CandidateMode,
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
