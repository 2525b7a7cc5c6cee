// Building a Dataset without a file system: from typed arrays the caller
// already has, or from IDX files fetched over HTTP. Runs in browsers, Web
// Workers and Node alike; gzipped IDX files are inflated in JavaScript.

import { EpisodeSamplerError, ErrorCode } from "./errors.js";
import { datasetFromIdx } from "./idx.js";
import { checkDataset } from "./plan.js";
import type { Dataset } from "./types.js";

/** Typed arrays of {@link datasetFromArrays}. */
export interface DatasetArrays {
  /** Pixels of every item, row after row. */
  readonly images: Uint8Array;
  /** Label of every item; Uint8Array as in MNIST files, or Int32Array. */
  readonly labels: Uint8Array | Int32Array;
  /** Shape of one item, e.g. `[28, 28]`. */
  readonly itemShape: readonly number[];
  /** Number of labels. @default largest label + 1 */
  readonly labelCount?: number;
}

/**
 * Builds a dataset from typed arrays, copying labels to Int32Array when
 * needed; the images are used as they are, not copied.
 * @throws EpisodeSamplerError ERR_INVALID_DATASET when sizes or labels
 *   disagree.
 */
export function datasetFromArrays(arrays: DatasetArrays): Dataset {
  const labels =
    arrays.labels instanceof Uint8Array
      ? Int32Array.from(arrays.labels)
      : arrays.labels;
  const largest = labels.reduce((max, label) => Math.max(max, label), -1);
  return checkDataset({
    images: arrays.images,
    labels,
    itemShape: [...arrays.itemShape],
    labelCount: arrays.labelCount ?? largest + 1,
  });
}

/** URLs of an IDX image file and its label file, plain or gzipped. */
export interface IdxUrls {
  readonly images: string | URL;
  readonly labels: string | URL;
}

async function fetchBytes(url: string | URL): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new EpisodeSamplerError(
      ErrorCode.notFound,
      `Cannot fetch ${String(url)}: ${(error as Error).message}; check the URL and that the server is running`,
    );
  }
  if (!response.ok) {
    throw new EpisodeSamplerError(
      ErrorCode.notFound,
      `Cannot fetch ${String(url)}: HTTP ${response.status}; check the URL`,
    );
  }
  return new Uint8Array(await response.arrayBuffer());
}

/**
 * Fetches an IDX image file and label file (such as one MNIST split) and
 * builds a dataset from them. Files starting with the gzip magic bytes are
 * inflated, whatever the server's Content-Encoding.
 * @throws EpisodeSamplerError ERR_NOT_FOUND when a fetch fails, or an IDX
 *   error code when a file is malformed.
 */
export async function fetchIdxDataset(urls: IdxUrls): Promise<Dataset> {
  const [images, labels] = await Promise.all([
    fetchBytes(urls.images),
    fetchBytes(urls.labels),
  ]);
  return datasetFromIdx(images, labels, {
    images: String(urls.images),
    labels: String(urls.labels),
  });
}
