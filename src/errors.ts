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
  /** A data file is shorter than its header says. */
  truncatedFile: "ERR_TRUNCATED_FILE",
  /** A data file has the wrong magic number or header. */
  badHeader: "ERR_BAD_HEADER",
  /** An image file and its label file disagree on the item count. */
  countMismatch: "ERR_COUNT_MISMATCH",
  /** An input file or folder does not exist. */
  notFound: "ERR_NOT_FOUND",
  /** The output path cannot be written. */
  outputPath: "ERR_OUTPUT_PATH",
  /** The sampler was used after close(). */
  samplerClosed: "ERR_SAMPLER_CLOSED",
  /** A worker thread failed to start or to draw its episodes. */
  workerFailed: "ERR_WORKER_FAILED",
} as const;

export type ErrorCodeValue = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Error raised by episode-sampler, with a stable `code` to branch on. */
export class EpisodeSamplerError extends Error {
  readonly code: ErrorCodeValue;

  constructor(code: ErrorCodeValue, message: string) {
    super(message);
    this.name = "EpisodeSamplerError";
    this.code = code;
  }
}

/** Describes a received value for a message: `3 of type number`. */
export function describe(value: unknown): string {
  if (typeof value === "string") return `"${value}" of type string`;
  if (Array.isArray(value)) return `[${value.join(", ")}] of type array`;
  return `${String(value)} of type ${typeof value}`;
}
