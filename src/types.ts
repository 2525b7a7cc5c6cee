// Public types of episode-sampler. docs/terminology.md defines the words.

import type { Split } from "./mnist.js";

/** Engine that draws episodes; both give the same bytes for the same input. */
export type Engine = "wasm" | "js";

/**
 * Element type of the image outputs: raw bytes, or byte / 255 as float32.
 * Records of a float32 dataset are copied as they are.
 */
export type Dtype = "uint8" | "float32";

/**
 * Source of an episode's support labels. `dataset` draws them from every
 * allowed label, and `group` from the labels of the query's group.
 * `group-all` takes every label of the query's group.
 */
export type CandidateMode = "dataset" | "group" | "group-all";

/**
 * A labelled set of fixed-size records, such as one MNIST split (28x28
 * uint8 images) or rows of D float32 features.
 */
export interface Dataset {
  /**
   * Elements of every record, record after record: `count * product of
   * itemShape` elements. Uint8Array for bytes, Float32Array for numbers.
   */
  readonly images: Uint8Array | Float32Array;
  /** Label of every item, an integer in `0 .. labelCount - 1`. */
  readonly labels: Int32Array;
  /** Shape of one item, e.g. `[28, 28]` for MNIST. */
  readonly itemShape: readonly number[];
  /** Number of labels; labels run from 0 to `labelCount - 1`. */
  readonly labelCount: number;
  /**
   * Original value of each label id as found in the data file (a number
   * such as "7" or a name such as "cat"), `labelCount` entries. Readers set
   * it; NPZ output stores it as `label_names`.
   */
  readonly labelNames?: readonly string[];
  /**
   * Group of every item, an integer in `0 .. group count - 1`; the group
   * count is `groupNames.length` when names are given, else max + 1. Groups
   * may share labels. Needed by the `group` and `group-all` candidates.
   */
  readonly groups?: Int32Array;
  /** Name of each group, indexed by group id. @default the id as text */
  readonly groupNames?: readonly string[];
}

/** Input formats that {@link readDataset} reads. */
export type DataFormat = "idx" | "npz" | "npy" | "csv" | "png";

/** Options of {@link readDataset}. */
export interface ReadDataOptions {
  /** Format of the path; detected from its content when omitted. */
  format?: DataFormat;
  /**
   * Part to read, for formats with splits (IDX, Keras-style NPZ/NPY).
   * @default "train"
   */
  split?: Split;
  /** Name of the image array in an NPZ archive or NPY folder. */
  imagesKey?: string;
  /** Name of the label array in an NPZ archive or NPY folder. */
  labelsKey?: string;
  /**
   * CSV label column: a header name, or a 0-based column index.
   * @default the first column
   */
  labelColumn?: string;
  /**
   * Ceiling on the bytes decompressed from one gzip file or one NPZ
   * archive, and on the decoded images of a PNG folder. More is rejected as
   * a likely zip bomb.
   * @default 2 GiB
   */
  maxBytes?: number;
}

/** A dataset read by {@link readDataset}, with where it came from. */
export interface DataSource {
  readonly dataset: Dataset;
  readonly format: DataFormat;
  /** Absolute path that was read. */
  readonly path: string;
  /** Split that was read, for formats with splits. */
  readonly split?: Split;
}

/** Options of {@link createSampler}. */
export interface SamplerOptions {
  /** Items to draw episodes from. */
  dataset: Dataset;
  /**
   * Number of ways N: a fixed number, or `[min, max]` to draw N uniformly
   * from that inclusive range for every episode.
   * @default [1, number of labels that can be a way]
   */
  ways?: number | readonly [number, number];
  /** Support images per way (K), at least 1. @default 1 */
  shots?: number;
  /** Query images per episode (Q), all of one label, at least 1. @default 1 */
  queries?: number;
  /** Labels that appear nowhere in any episode. @default [] */
  exclude?: readonly number[];
  /** Seed of the run, an integer in `0 .. 2^32 - 1`. @default 0 */
  seed?: number;
  /** Engine that draws and gathers. @default "wasm" */
  engine?: Engine;
  /**
   * Element type of `queryImages` and `supportImages`. A float32 dataset
   * only allows float32, copied as is.
   * @default "uint8" for a uint8 dataset, "float32" for a float32 one
   */
  dtype?: Dtype;
  /**
   * Source of the support labels; the group modes need `dataset.groups`.
   * Under `group-all` the group sets the ways, so `ways` must be unset.
   * @default "dataset"
   */
  candidates?: CandidateMode;
  /**
   * Worker threads that draw each batch, 0 to 64 (Node only). With 0 the
   * calling thread draws; with n >= 1, each batch is split into n runs of
   * episodes drawn in parallel over one shared copy of the dataset, and the
   * bytes are the same for every n. Call {@link Sampler.close} when done.
   * @default 0
   */
  workers?: number;
}

/** Options of {@link Sampler.sample}. */
export interface SampleOptions {
  /**
   * Index of the first episode. Episode i of a seed is the same whatever
   * the batch it comes in, so batches can start anywhere.
   * @default 0
   */
  start?: number;
}

/** Image array matching the sampler's dtype. */
export type ImageArray = Uint8Array | Float32Array;

/**
 * A batch of B episodes. Every array is flat, in C order, with the shape
 * given beside it; S = maxWays * shots support slots per episode, and slots
 * past `ways * shots` of an episode are padding.
 */
export interface EpisodeBatch {
  /** Number of episodes B. */
  readonly count: number;
  /** Index of the first episode. */
  readonly start: number;
  /** Query images per episode (Q). */
  readonly queries: number;
  /** Support slots per episode (S). */
  readonly supportSlots: number;
  /** Number of labels in the dataset (L). */
  readonly labelCount: number;
  /** Shape of one item, e.g. `[28, 28]`. */
  readonly itemShape: readonly number[];
  readonly dtype: Dtype;
  /** Shape B, Q, ...itemShape. */
  readonly queryImages: ImageArray;
  /** Shape B, Q: dataset label of each query. */
  readonly queryLabels: Int32Array;
  /** Shape B, Q: row of each query in the dataset. */
  readonly queryIndices: Int32Array;
  /** Shape B, Q: episode-local class id of the query's label. */
  readonly queryClasses: Int32Array;
  /** Shape B, S, ...itemShape; zeros in padding. */
  readonly supportImages: ImageArray;
  /** Shape B, S: dataset label, -1 in padding. */
  readonly supportLabels: Int32Array;
  /** Shape B, S: dataset row, -1 in padding. */
  readonly supportIndices: Int32Array;
  /** Shape B, S: local class id (slot = class * shots + shot), -1 in padding. */
  readonly supportClasses: Int32Array;
  /** Shape B, S: 1 for a real slot, 0 for padding. */
  readonly supportMask: Uint8Array;
  /** Shape B: number of ways N of each episode. */
  readonly ways: Int32Array;
  /** Shape B, L: 1 where the label is in the episode's support set. */
  readonly candidates: Uint8Array;
  /** Shape B, Q: group of each query; only in the group candidate modes. */
  readonly queryGroups?: Int32Array;
}

/** Draws episodes; create one with {@link createSampler}. */
export interface Sampler {
  /** Resolved options, after defaults. */
  readonly options: ResolvedOptions;
  /** Shape of one item of the dataset. */
  readonly itemShape: readonly number[];
  /** Number of labels in the dataset (L). */
  readonly labelCount: number;
  /** Original value of each label id, when the dataset has them. */
  readonly labelNames?: readonly string[];
  /** Group names, indexed by the ids in `queryGroups`; group modes only. */
  readonly groupNames?: readonly string[];
  /**
   * Draws `count` episodes starting at episode `start`.
   * @throws EpisodeSamplerError with code ERR_INVALID_OPTION when count or
   *   start is not a non-negative integer, or the batch would pass
   *   MAX_BATCH_BYTES.
   */
  sample(count: number, options?: SampleOptions): EpisodeBatch;
  /**
   * Allocates a batch of `count` episodes for {@link Sampler.sampleInto}; its
   * arrays are zeros until filled.
   * @throws EpisodeSamplerError ERR_INVALID_OPTION as for `sample`.
   */
  createBatch(count: number): EpisodeBatch;
  /**
   * Draws `count` episodes starting at episode `start` into the first `count`
   * episodes of `out`, allocating no arrays. `out` needs this sampler's
   * dtype, queries, support slots and labels, and room for `count` episodes;
   * `out.count` and `out.start` are left as they are. An `out` from
   * {@link Sampler.createBatch} with `count` episodes avoids even the small
   * view objects that a larger one needs.
   * @throws EpisodeSamplerError ERR_INVALID_OPTION when `out` does not fit,
   *   or as for `sample`.
   */
  sampleInto(out: EpisodeBatch, count: number, options?: SampleOptions): void;
  /**
   * Draws `count` episodes into arrays the sampler owns and returns them
   * without a copy. The arrays are only valid until the next call to this
   * sampler: copy what you keep. This is the fastest way to get episodes,
   * since the wasm engine hands out views of its memory.
   * @throws EpisodeSamplerError as for `sample`.
   */
  sampleView(count: number, options?: SampleOptions): EpisodeBatch;
  /** Stops the worker threads, if any; sampling after close() throws. */
  close(): Promise<void>;
}

/** Options after defaults and validation. */
export interface ResolvedOptions {
  readonly minWays: number;
  readonly maxWays: number;
  readonly shots: number;
  readonly queries: number;
  readonly exclude: readonly number[];
  readonly seed: number;
  readonly engine: Engine;
  readonly dtype: Dtype;
  readonly candidates: CandidateMode;
  readonly workers: number;
}
