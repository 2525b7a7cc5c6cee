// MNIST converted in the test to every input format must give the same
// episodes, byte for byte, as the IDX files it came from. A 1,500-image
// subset keeps the PNG folder small.

import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { readDataset } from "../src/formats/read.js";
import { defaultMnistDir } from "../src/mnist.js";
import { runEpisodes } from "./support/cli.js";
import {
  csvText,
  npzBytes,
  sampleArrays,
  tempFolder,
  writeIdxFolder,
  writePngFolder,
  type Sample,
} from "./support/fixtures.js";

const SUBSET = 1500;
const temp = tempFolder();
afterAll(temp.remove);

const paths: Record<string, string> = {};
let outputs = 0;

beforeAll(async () => {
  const { dataset } = await readDataset(defaultMnistDir());
  const sample: Sample = {
    height: 28,
    width: 28,
    pixels: (dataset.images as Uint8Array).subarray(0, SUBSET * 784),
    labels: [...dataset.labels.subarray(0, SUBSET)],
  };
  paths.idx = join(temp.dir, "idx");
  writeIdxFolder(paths.idx, sample);

  const [images, labels] = sampleArrays(sample);
  paths.npz = join(temp.dir, "mnist.npz");
  writeFileSync(
    paths.npz,
    npzBytes({ x_train: images, y_train: labels }, true),
  );
  paths.npy = join(temp.dir, "npy");
  mkdirSync(paths.npy);
  writeFileSync(join(paths.npy, "images.npy"), images);
  writeFileSync(join(paths.npy, "labels.npy"), labels);
  paths.csv = join(temp.dir, "mnist_train.csv");
  writeFileSync(paths.csv, csvText(sample, true));

  // PNG rows come back grouped by label, so the PNG folder is compared by
  // image content per label rather than by episode bytes.
  paths.png = join(temp.dir, "png");
  writePngFolder(paths.png, sample);
});

async function episodesOf(path: string): Promise<Buffer> {
  const out = join(temp.dir, `episodes${outputs++}.npz`);
  const run = await runEpisodes([
    "sample",
    "--data",
    path,
    "-n",
    "64",
    "--seed",
    "7",
    "--ways",
    "2..5",
    "--shots",
    "2",
    "--queries",
    "3",
    "-q",
    "-o",
    out,
  ]);
  expect(run.code).toBeUndefined();
  return readFileSync(out);
}

describe("MNIST through every format", () => {
  test.each(["npz", "npy", "csv"])(
    "%s gives the IDX episodes",
    async (format) => {
      const expected = await episodesOf(paths.idx!);
      const actual = await episodesOf(paths[format]!);
      expect(actual.equals(expected)).toBe(true);
    },
  );

  test("PNG folder holds the same images per label", async () => {
    const idx = (await readDataset(paths.idx!)).dataset;
    const png = (await readDataset(paths.png!)).dataset;
    expect(png.labelNames).toEqual(idx.labelNames);
    const byLabel = (images: Uint8Array | Float32Array, labels: Int32Array) => {
      const groups = new Map<number, string[]>();
      labels.forEach((label, row) => {
        const image = images.subarray(row * 784, (row + 1) * 784);
        const list = groups.get(label) ?? [];
        list.push(
          Buffer.from(
            image.buffer,
            image.byteOffset,
            image.byteLength,
          ).toString("base64"),
        );
        groups.set(label, list);
      });
      return [...groups.entries()]
        .sort(([a], [b]) => a - b)
        .map(([, l]) => l.sort());
    };
    expect(byLabel(png.images, png.labels)).toEqual(
      byLabel(idx.images, idx.labels),
    );
  });

  test("PNG folder sorted like IDX gives the IDX episodes", async () => {
    // Writing the PNG names in label order makes the row order match.
    const idx = (await readDataset(paths.idx!)).dataset;
    const order = [...idx.labels.keys()].sort(
      (a, b) => idx.labels[a]! - idx.labels[b]! || a - b,
    );
    const sorted: Sample = {
      height: 28,
      width: 28,
      pixels: new Uint8Array(
        order.flatMap((row) => [
          ...idx.images.subarray(row * 784, (row + 1) * 784),
        ]),
      ),
      labels: order.map((row) => idx.labels[row]!),
    };
    const sortedIdx = join(temp.dir, "idx-sorted");
    writeIdxFolder(sortedIdx, sorted);
    expect(
      (await episodesOf(paths.png!)).equals(await episodesOf(sortedIdx)),
    ).toBe(true);
  });
});
