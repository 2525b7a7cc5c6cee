// Public types of episode-sampler. docs/terminology.md defines the words.

/** Engine that draws episodes; both give the same bytes for the same input. */
export type Engine = "wasm" | "js";

/** Element type of the image outputs: raw bytes, or byte / 255 as float32. */
export type Dtype = "uint8" | "float32";

/** A labelled set of fixed-size uint8 items, such as one MNIST split. */
export interface Dataset {
  /** Pixels of every item, row after row: `count * itemBytes` bytes. */
  readonly images: Uint8Array;
  /** Label of every item, an integer in `0 .. labelCount - 1`. */
  readonly labels: Int32Array;
  /** Shape of one item, e.g. `[28, 28]` for MNIST. */
  readonly itemShape: readonly number[];
  /** Number of labels; labels run from 0 to `labelCount - 1`. */
  readonly labelCount: number;
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
  /** Element type of `queryImages` and `supportImages`. @default "uint8" */
  dtype?: Dtype;
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
}

/** Draws episodes; create one with {@link createSampler}. */
export interface Sampler {
  /** Resolved options, after defaults. */
  readonly options: ResolvedOptions;
  /** Shape of one item of the dataset. */
  readonly itemShape: readonly number[];
  /** Number of labels in the dataset (L). */
  readonly labelCount: number;
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
  readonly workers: number;
}
