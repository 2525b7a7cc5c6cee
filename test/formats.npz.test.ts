import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { readDataset } from "../src/formats/read.js";
import { codeOf, errorOf } from "./support/errors.js";
import {
  encodeElements,
  encodeUnicode,
  makeSample,
  npyBytes,
  npzBytes,
  sampleArrays,
  tempFolder,
} from "./support/fixtures.js";

const temp = tempFolder();
afterAll(temp.remove);
let files = 0;

function writeNpz(arrays: Record<string, Uint8Array>, deflate = false) {
  const path = join(temp.dir, `data${files++}.npz`);
  writeFileSync(path, npzBytes(arrays, deflate));
  return path;
}

const sample = makeSample([7, 3, 3, 9]);
const [images, labels] = sampleArrays(sample);

describe("NPZ archive", () => {
  test("reads an images and labels pair", async () => {
    const { dataset, format } = await readDataset(writeNpz({ images, labels }));
    expect(format).toBe("npz");
    expect(dataset.images).toEqual(sample.pixels);
    expect([...dataset.labels]).toEqual([1, 0, 0, 2]);
    expect(dataset.labelNames).toEqual(["3", "7", "9"]);
  });

  test("reads deflated entries", async () => {
    const path = writeNpz({ images, labels }, true);
    const { dataset } = await readDataset(path);
    expect(dataset.images).toEqual(sample.pixels);
  });

  test("reads the Keras layout by split", async () => {
    const [testImages, testLabels] = sampleArrays(makeSample([1]));
    const path = writeNpz({
      x_train: images,
      y_train: labels,
      x_test: testImages,
      y_test: testLabels,
    });
    const train = await readDataset(path);
    const test = await readDataset(path, { split: "test" });
    const all = await readDataset(path, { split: "all" });
    expect(train.split).toBe("train");
    expect(train.dataset.labels.length).toBe(4);
    expect([...test.dataset.labels]).toEqual([0]);
    expect(all.dataset.labels.length).toBe(5);
    expect(test.dataset.labelNames).toEqual(["1", "3", "7", "9"]);
  });

  test("named keys pick other arrays", async () => {
    const path = writeNpz({ pixels: images, targets: labels });
    const { dataset } = await readDataset(path, {
      imagesKey: "pixels",
      labelsKey: "targets",
    });
    expect(dataset.labels.length).toBe(4);
  });

  test("missing key lists the keys", async () => {
    const path = writeNpz({ pixels: images, targets: labels });
    const error = await errorOf(readDataset(path));
    expect((error as { code?: string }).code).toBe("ERR_MISSING_KEY");
    expect(error.message).toContain('"pixels"');
  });

  test("big-endian float images in 0..1 scale to bytes", async () => {
    const values = [0, 0.5, 1, 0.25, 0.75, 1];
    const floatImages = npyBytes(
      ">f4",
      [1, 2, 3],
      encodeElements(values, ">f4"),
    );
    const oneLabel = npyBytes("<i8", [1], encodeElements([4], "<i8"));
    const path = writeNpz({ images: floatImages, labels: oneLabel });
    const { dataset } = await readDataset(path);
    expect([...dataset.images]).toEqual([0, 128, 255, 64, 191, 255]);
  });

  test("float images in 0..255 are rounded", async () => {
    const values = [0, 2.4, 254.6, 255];
    const floatImages = npyBytes("<f8", [1, 4], encodeElements(values, "<f8"));
    const oneLabel = npyBytes("<i8", [1], encodeElements([4], "<i8"));
    const { dataset } = await readDataset(
      writeNpz({ images: floatImages, labels: oneLabel }),
    );
    expect([...dataset.images]).toEqual([0, 2, 255, 255]);
    expect(dataset.itemShape).toEqual([4]);
  });

  test("unicode labels map in sorted order", async () => {
    const names = encodeUnicode(["dog", "cat", "dog", "emu"], 3);
    const path = writeNpz({ images, labels: npyBytes("<U3", [4], names) });
    const { dataset } = await readDataset(path);
    expect(dataset.labelNames).toEqual(["cat", "dog", "emu"]);
    expect([...dataset.labels]).toEqual([1, 0, 1, 2]);
  });

  test.each([
    ["NaN pixel", ">f4", [NaN], "ERR_BAD_VALUE"],
    ["negative pixel", "<f8", [-1], "ERR_BAD_VALUE"],
    ["pixel over 255", "<u2", [256], "ERR_BAD_VALUE"],
  ])("%s is rejected", async (_, descr, values, code) => {
    const bad = npyBytes(descr, [1, 1], encodeElements(values, descr));
    const oneLabel = npyBytes("<i8", [1], encodeElements([0], "<i8"));
    const path = writeNpz({ images: bad, labels: oneLabel });
    expect(await codeOf(readDataset(path))).toBe(code);
  });

  test("fractional float label is ERR_BAD_VALUE", async () => {
    const floatLabels = npyBytes(
      "<f8",
      [4],
      encodeElements([1, 2, 2.5, 3], "<f8"),
    );
    const path = writeNpz({ images, labels: floatLabels });
    expect(await codeOf(readDataset(path))).toBe("ERR_BAD_VALUE");
  });

  test("Fortran order is ERR_UNSUPPORTED_DTYPE", async () => {
    const fortran = npyBytes("|u1", [4, 3, 2], sample.pixels, true);
    const path = writeNpz({ images: fortran, labels });
    expect(await codeOf(readDataset(path))).toBe("ERR_UNSUPPORTED_DTYPE");
  });

  test("complex dtype is ERR_UNSUPPORTED_DTYPE", async () => {
    const complex = npyBytes("<c8", [1, 1], new Uint8Array(8));
    const path = writeNpz({ images: complex, labels });
    expect(await codeOf(readDataset(path))).toBe("ERR_UNSUPPORTED_DTYPE");
  });

  test("image and label counts differ", async () => {
    const [, fewer] = sampleArrays(makeSample([1, 2]));
    const path = writeNpz({ images, labels: fewer });
    expect(await codeOf(readDataset(path))).toBe("ERR_COUNT_MISMATCH");
  });

  test("declared sizes past the limit are a zip bomb", async () => {
    const path = writeNpz({ images, labels });
    expect(await codeOf(readDataset(path, { maxBytes: 100 }))).toBe(
      "ERR_SIZE_LIMIT",
    );
  });

  test("deflate data past its declared size is a zip bomb", async () => {
    const bomb = npzBytes({ images, labels }, true);
    // Lower the declared size of images.npy in the central directory,
    // which the reader trusts, so the stream inflates past it.
    const view = new DataView(bomb.buffer, bomb.byteOffset, bomb.length);
    for (let at = 0; at + 4 <= bomb.length; at++) {
      const signature = view.getUint32(at, true);
      if (signature === 0x02014b50 && bomb[at + 46] === 0x69) {
        view.setUint32(at + 24, 10, true);
      }
    }
    const path = join(temp.dir, "bomb.npz");
    writeFileSync(path, bomb);
    expect(await codeOf(readDataset(path))).toBe("ERR_SIZE_LIMIT");
  });

  test("bad CRC is ERR_CORRUPT_DATA", async () => {
    const bytes = npzBytes({ images, labels });
    bytes[150]! ^= 0xff; // inside the pixels of the stored images.npy
    const path = join(temp.dir, "crc.npz");
    writeFileSync(path, bytes);
    expect(await codeOf(readDataset(path))).toBe("ERR_CORRUPT_DATA");
  });
});

describe("NPY folder", () => {
  test("reads images.npy and labels.npy", async () => {
    const dir = join(temp.dir, "npy");
    mkdirSync(dir);
    writeFileSync(join(dir, "images.npy"), images);
    writeFileSync(join(dir, "labels.npy"), labels);
    const { dataset, format } = await readDataset(dir);
    expect(format).toBe("npy");
    expect(dataset.images).toEqual(sample.pixels);
  });

  test("truncated array is ERR_TRUNCATED_FILE", async () => {
    const dir = join(temp.dir, "npy-short");
    mkdirSync(dir);
    writeFileSync(
      join(dir, "images.npy"),
      images.subarray(0, images.length - 1),
    );
    writeFileSync(join(dir, "labels.npy"), labels);
    expect(await codeOf(readDataset(dir))).toBe("ERR_TRUNCATED_FILE");
  });
});

const hasNumpy =
  spawnSync("python3", ["-c", "import numpy"], { stdio: "ignore" }).status ===
  0;

describe.skipIf(!hasNumpy)("NPZ written by numpy", () => {
  const script = [
    "import sys, numpy as np",
    "x = np.arange(4 * 3 * 2, dtype=np.uint8).reshape(4, 3, 2)",
    "np.savez(sys.argv[1] + '/plain.npz', images=(x / 255).astype('>f4'),",
    "         labels=np.array(['b', 'a', 'b', 'c']))",
    "np.savez_compressed(sys.argv[1] + '/keras.npz', x_train=x,",
    "         y_train=np.array([9, 3, 3, 5], dtype=np.int64),",
    "         x_test=x[:1], y_test=np.array([7], dtype=np.uint8))",
  ].join("\n");

  test("savez with float and unicode arrays", async () => {
    spawnSync("python3", ["-c", script, temp.dir]);
    const { dataset } = await readDataset(join(temp.dir, "plain.npz"));
    expect([...dataset.images]).toEqual([...Array(24).keys()]);
    expect(dataset.labelNames).toEqual(["a", "b", "c"]);
  });

  test("savez_compressed in the Keras layout", async () => {
    spawnSync("python3", ["-c", script, temp.dir]);
    const { dataset } = await readDataset(join(temp.dir, "keras.npz"));
    expect([...dataset.labels]).toEqual([3, 0, 0, 1]);
    expect(dataset.labelNames).toEqual(["3", "5", "7", "9"]);
  });
});
