/** Stable codes of every error the library raises; tests assert these. */
export const ErrorCode = {
  /** An option has the wrong type or is out of its range. */
  invalidOption: "ERR_INVALID_OPTION",
  /** The ways range has min above max. */
  waysRange: "ERR_WAYS_RANGE",
  /** More ways were requested than there are labels that can be a way. */
  tooManyWays: "ERR_TOO_MANY_WAYS",
  /** No label has enough images to be the query label. */
  noQueryLabel: "ERR_NO_QUERY_LABEL",
  /** An excluded label is not a label of the dataset. */
  unknownLabel: "ERR_UNKNOWN_LABEL",
  /** The dataset object is malformed (sizes or labels disagree). */
  invalidDataset: "ERR_INVALID_DATASET",
  /** A data file is shorter than its header declares. */
  truncatedFile: "ERR_TRUNCATED_FILE",
  /** A data file has the wrong magic number or header. */
  badHeader: "ERR_BAD_HEADER",
  /** An image file and its label file disagree on the item count. */
  countMismatch: "ERR_COUNT_MISMATCH",
  /** An input file or folder does not exist. */
  notFound: "ERR_NOT_FOUND",
  /** The output path cannot be written. */
  outputPath: "ERR_OUTPUT_PATH",
  /** Writing the output failed part way, for example on a full disk. */
  writeFailed: "ERR_WRITE_FAILED",
  /** The run was stopped by SIGINT before it finished. */
  interrupted: "ERR_INTERRUPTED",
  /** The reader of a streamed output closed it, as `head` does. */
  outputClosed: "ERR_OUTPUT_CLOSED",
  /** A manifest file is missing fields or has values of the wrong type. */
  invalidManifest: "ERR_INVALID_MANIFEST",
  /** Shard manifests disagree, overlap or leave a gap, so cannot merge. */
  manifestMismatch: "ERR_MANIFEST_MISMATCH",
  /** The dataset's SHA-256 differs from the one a manifest records. */
  datasetMismatch: "ERR_DATASET_MISMATCH",
  /** A regenerated episode differs from the stored record. */
  replayMismatch: "ERR_REPLAY_MISMATCH",
  /** The data path is not in any supported format, or not in the one named. */
  unknownFormat: "ERR_UNKNOWN_FORMAT",
  /** An array has an element type or memory order the reader does not take. */
  unsupportedDtype: "ERR_UNSUPPORTED_DTYPE",
  /** An NPZ archive or NPY folder lacks the array a key names. */
  missingKey: "ERR_MISSING_KEY",
  /** Decompressed data would pass the size limit (a zip or gzip bomb). */
  sizeLimit: "ERR_SIZE_LIMIT",
  /** Compressed data or an archive record is corrupt (bad CRC, bad stream). */
  corruptData: "ERR_CORRUPT_DATA",
  /** A pixel or label value is not a number, or outside its range. */
  badValue: "ERR_BAD_VALUE",
  /** A CSV row has a different number of columns from the first row. */
  columnCount: "ERR_COLUMN_COUNT",
  /** The images of a folder do not all have one width and height. */
  mixedSizes: "ERR_MIXED_SIZES",
  /** The data contains no images. */
  emptyDataset: "ERR_EMPTY_DATASET",
  /** A group candidate mode was chosen for a dataset without groups. */
  noGroups: "ERR_NO_GROUPS",
  /** A group has too few labels for the ways or the candidate mode. */
  groupTooSmall: "ERR_GROUP_TOO_SMALL",
  /** A label-to-group map is malformed or disagrees with the dataset. */
  groupMap: "ERR_GROUP_MAP",
  /** A CSV file lacks a named column or has a row of the wrong width. */
  csvColumn: "ERR_CSV_COLUMN",
  /** A CSV cell that must hold a number or a label does not. */
  csvValue: "ERR_CSV_VALUE",
  /** The sampler was used after close(). */
  samplerClosed: "ERR_SAMPLER_CLOSED",
  /** A worker thread failed to start or to draw its episodes. */
  workerFailed: "ERR_WORKER_FAILED",
} as const;

export type ErrorCodeValue = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Position in an input file where an error was found. */
export interface ErrorLocation {
  /** Path of the file or folder, as the caller gave it. */
  readonly file: string;
  /** Position inside it, such as `byte 16` or `line 3, column 2`. */
  readonly position?: string;
}

/** Error raised by episode-sampler, with a stable `code` to branch on. */
export class EpisodeSamplerError extends Error {
  readonly code: ErrorCodeValue;
  /** File and position of the bad input, for errors about data files. */
  readonly location?: ErrorLocation;

  constructor(code: ErrorCodeValue, message: string, location?: ErrorLocation) {
    super(message);
    this.name = "EpisodeSamplerError";
    this.code = code;
    if (location) this.location = location;
  }
}

/** Describes a received value for a message: `3 of type number`. */
export function describe(value: unknown): string {
  if (typeof value === "string") return `"${value}" of type string`;
  if (Array.isArray(value)) return `[${value.join(", ")}] of type array`;
  return `${String(value)} of type ${typeof value}`;
}
