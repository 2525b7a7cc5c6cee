// Datasets kept as numpy arrays: an .npz archive, or a folder of .npy
// files whose names are the keys. Three layouts are found by key: the
// Keras mnist.npz one (x_train, y_train, x_test, y_test), a single images
// + labels pair, or any two keys the caller names.

import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { ErrorCode } from "../errors.js";
import type { Split } from "../mnist.js";
import type { Dataset, ReadDataOptions } from "../types.js";
import { dataError } from "./data-error.js";
import { DEFAULT_MAX_BYTES, readBytes } from "./decompress.js";
import { denseNamedLabels, denseNumericLabels } from "./labels.js";
import { parseNpy, type NpyArray } from "./npy-array.js";
import { npyImages, npyLabels, type LabelValues } from "./npy-values.js";
import { extractZipEntry, readZipDirectory } from "./zip-reader.js";

/** Named arrays of one archive or folder. */
interface ArrayStore {
  readonly file: string;
  readonly keys: readonly string[];
  /** Uncompressed bytes of the array `key`. */
  byteLength(key: string): number;
  read(key: string): Promise<NpyArray>;
}

interface KeyPair {
  readonly images: string;
  readonly labels: string;
}

const KERAS_KEYS = {
  train: { images: "x_train", labels: "y_train" },
  test: { images: "x_test", labels: "y_test" },
} as const;

function npyKey(name: string): string | undefined {
  return name.endsWith(".npy") ? name.slice(0, -4) : undefined;
}

function openNpz(path: string, bytes: Uint8Array): ArrayStore {
  const entries = new Map<string, ReturnType<typeof readZipDirectory>[0]>();
  for (const entry of readZipDirectory(bytes, path)) {
    const key = npyKey(entry.name);
    if (key !== undefined) entries.set(key, entry);
  }
  return {
    file: path,
    keys: [...entries.keys()],
    byteLength: (key) => entries.get(key)!.uncompressedBytes,
    read: async (key) =>
      parseNpy(
        extractZipEntry(bytes, entries.get(key)!, path),
        `${path}: ${key}.npy`,
      ),
  };
}

async function openNpyFolder(dir: string): Promise<ArrayStore> {
  const keys = (await readdir(dir))
    .map(npyKey)
    .filter((key): key is string => key !== undefined)
    .sort();
  return {
    file: dir,
    keys,
    byteLength: () => 0, // plain files: their size is the disk size
    read: async (key) => {
      const path = join(dir, `${key}.npy`);
      return parseNpy(await readBytes(path), path);
    },
  };
}

function missingKey(store: ArrayStore, wanted: string, hint: string) {
  return dataError(
    ErrorCode.missingKey,
    { file: store.file },
    `an array named ${JSON.stringify(wanted)}`,
    store.keys.length === 0
      ? "no arrays"
      : `only ${store.keys.map((key) => JSON.stringify(key)).join(", ")}`,
    hint,
  );
}

/** Picks the key pairs to read, one per split. */
function chooseKeys(
  store: ArrayStore,
  options: ReadDataOptions,
): { pairs: KeyPair[]; others: KeyPair[]; split?: Split } {
  const has = (key: string) => store.keys.includes(key);
  const { imagesKey, labelsKey, split } = options;
  const keras = has("x_train") || has("x_test");
  if (imagesKey !== undefined || labelsKey !== undefined || !keras) {
    if (split !== undefined) {
      throw dataError(
        ErrorCode.invalidOption,
        { file: store.file },
        "no --split when arrays are chosen by key",
        `--split ${split}`,
        "leave out --split",
      );
    }
    const pair = {
      images: imagesKey ?? "images",
      labels: labelsKey ?? "labels",
    };
    for (const key of [pair.images, pair.labels]) {
      if (!has(key)) {
        throw missingKey(
          store,
          key,
          "name the arrays with --images-key and --labels-key",
        );
      }
    }
    return { pairs: [pair], others: [] };
  }
  const wanted: ("train" | "test")[] =
    split === "all" ? ["train", "test"] : [split ?? "train"];
  const pairs = wanted.map((name) => KERAS_KEYS[name]);
  for (const pair of pairs) {
    for (const key of [pair.images, pair.labels]) {
      if (!has(key)) throw missingKey(store, key, "choose another --split");
    }
  }
  const others = (["train", "test"] as const)
    .filter((name) => !wanted.includes(name) && has(KERAS_KEYS[name].labels))
    .map((name) => KERAS_KEYS[name]);
  return { pairs, others, split: split ?? "train" };
}

function checkSize(store: ArrayStore, keys: string[], maxBytes: number): void {
  const total = keys.reduce((sum, key) => sum + store.byteLength(key), 0);
  if (total > maxBytes) {
    throw dataError(
      ErrorCode.sizeLimit,
      { file: store.file },
      `arrays of at most ${maxBytes} bytes once decompressed`,
      `${total} bytes in ${keys.join(", ")}`,
      "the archive may be a zip bomb; raise the size limit if it is genuine",
    );
  }
}

interface Part {
  readonly images: Uint8Array;
  readonly itemShape: readonly number[];
  readonly labels: LabelValues;
  readonly labelsFile: string;
}

async function readPart(store: ArrayStore, pair: KeyPair): Promise<Part> {
  const imageArray = await store.read(pair.images);
  const labelArray = await store.read(pair.labels);
  const images = npyImages(imageArray);
  const labels = npyLabels(labelArray);
  if (labelArray.shape[0] !== imageArray.shape[0]) {
    throw dataError(
      ErrorCode.countMismatch,
      { file: labelArray.file, position: "byte 10" },
      `${imageArray.shape[0]} labels, one per image of ${imageArray.file}`,
      `${labelArray.shape[0]}`,
    );
  }
  return {
    images,
    itemShape: imageArray.shape.slice(1),
    labels,
    labelsFile: labelArray.file,
  };
}

/**
 * Reads a dataset from the bytes of an .npz archive at `path`, or from the
 * folder of .npy files at `path` when `bytes` is undefined. The split is
 * returned for the Keras layout only.
 */
export async function readNumpyDataset(
  path: string,
  bytes: Uint8Array | undefined,
  options: ReadDataOptions,
): Promise<{ dataset: Dataset; split?: Split }> {
  const store =
    bytes === undefined ? await openNpyFolder(path) : openNpz(path, bytes);
  const { pairs, others, split } = chooseKeys(store, options);
  const keys = [...pairs, ...others].flatMap((pair) =>
    others.includes(pair) ? [pair.labels] : [pair.images, pair.labels],
  );
  checkSize(store, keys, options.maxBytes ?? DEFAULT_MAX_BYTES);

  const parts: Part[] = [];
  for (const pair of pairs) parts.push(await readPart(store, pair));
  const otherLabels: LabelValues[] = [];
  for (const pair of others) {
    otherLabels.push(npyLabels(await store.read(pair.labels)));
  }
  const dataset = joinParts(store.file, parts, otherLabels);
  return split === undefined ? { dataset } : { dataset, split };
}

function joinParts(
  file: string,
  parts: Part[],
  otherLabels: LabelValues[],
): Dataset {
  const first = parts[0]!;
  for (const part of parts) {
    if (part.itemShape.join("x") !== first.itemShape.join("x")) {
      throw dataError(
        ErrorCode.mixedSizes,
        { file },
        `images of shape ${first.itemShape.join("x")} in every split`,
        part.itemShape.join("x"),
      );
    }
  }
  const count = parts.reduce((n, part) => n + labelCountOf(part.labels), 0);
  if (count === 0) {
    throw dataError(ErrorCode.emptyDataset, { file }, "images", "none");
  }
  const images =
    parts.length === 1
      ? first.images
      : concatBytes(parts.map((part) => part.images));
  const all = [...parts.map((part) => part.labels), ...otherLabels];
  const { labels: allIds, labelNames } = denseLabelsOf(all, parts);
  return {
    images,
    labels: allIds.subarray(0, count),
    itemShape: first.itemShape,
    labelCount: labelNames.length,
    labelNames,
  };
}

function labelCountOf(values: LabelValues): number {
  return "names" in values ? values.names.length : values.numbers.length;
}

function concatBytes(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, chunk) => n + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/** Dense ids over every label array; rows of the read parts come first. */
function denseLabelsOf(all: LabelValues[], parts: Part[]) {
  const named = all.filter((values) => "names" in values).length;
  if (named !== 0 && named !== all.length) {
    throw dataError(
      ErrorCode.badValue,
      { file: parts[0]!.labelsFile },
      "label arrays of one kind in every split",
      "names in one and numbers in another",
    );
  }
  if (named > 0) {
    return denseNamedLabels(
      all.flatMap((values) => (values as { names: string[] }).names),
    );
  }
  const numbers = all.map(
    (values) => (values as { numbers: Float64Array }).numbers,
  );
  const joined = new Float64Array(numbers.reduce((n, a) => n + a.length, 0));
  let offset = 0;
  for (const array of numbers) {
    joined.set(array, offset);
    offset += array.length;
  }
  return denseNumericLabels(joined);
}
