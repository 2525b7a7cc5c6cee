import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { readDataset } from "../src/formats/read.js";
import { codeOf } from "./support/errors.js";
import {
  makeSample,
  pngBytes,
  tempFolder,
  writePngFolder,
} from "./support/fixtures.js";

const temp = tempFolder();
afterAll(temp.remove);
let folders = 0;
const newFolder = () => join(temp.dir, `png${folders++}`);

describe("PNG folder", () => {
  test("reads grayscale images per label folder", async () => {
    const dir = newFolder();
    const sample = makeSample(["cat", "ant", "cat"], 3, 4);
    writePngFolder(dir, sample);
    const { dataset, format } = await readDataset(dir);
    expect(format).toBe("png");
    expect(dataset.itemShape).toEqual([3, 4]);
    expect(dataset.labelNames).toEqual(["ant", "cat"]);
    // Files are read label folder by label folder: ant first.
    expect([...dataset.labels]).toEqual([0, 1, 1]);
    expect(dataset.images.subarray(0, 12)).toEqual(
      sample.pixels.subarray(12, 24),
    );
  });

  test("RGB images of gray pixels keep their values", async () => {
    const dir = newFolder();
    const sample = makeSample(["a", "b"], 2, 2);
    writePngFolder(dir, sample, 2);
    const { dataset } = await readDataset(dir);
    expect(dataset.images).toEqual(sample.pixels);
  });

  test("RGB converts with Pillow's weights", async () => {
    const dir = newFolder();
    mkdirSync(join(dir, "red"), { recursive: true });
    const { PNG } = await import("pngjs");
    const png = new PNG({ width: 1, height: 1 });
    png.data.set([255, 0, 0, 255]);
    writeFileSync(
      join(dir, "red", "a.png"),
      PNG.sync.write(png, { colorType: 2 }),
    );
    const { dataset } = await readDataset(dir);
    expect([...dataset.images]).toEqual([76]); // Pillow: L of (255, 0, 0)
  });

  test("numeric folder names sort numerically", async () => {
    const dir = newFolder();
    writePngFolder(dir, makeSample(["10", "9", "2"], 1, 1));
    const { dataset } = await readDataset(dir);
    expect(dataset.labelNames).toEqual(["2", "9", "10"]);
  });

  test("empty label folder stays a label", async () => {
    const dir = newFolder();
    writePngFolder(dir, makeSample(["a"], 1, 1));
    mkdirSync(join(dir, "b"));
    const { dataset } = await readDataset(dir);
    expect(dataset.labelNames).toEqual(["a", "b"]);
    expect(dataset.labelCount).toBe(2);
  });

  test("mixed sizes are ERR_MIXED_SIZES", async () => {
    const dir = newFolder();
    writePngFolder(dir, makeSample(["a"], 2, 2));
    writeFileSync(join(dir, "a", "zz.png"), pngBytes(3, 2, new Uint8Array(6)));
    expect(await codeOf(readDataset(dir))).toBe("ERR_MIXED_SIZES");
  });

  test("non-PNG file is ERR_UNKNOWN_FORMAT", async () => {
    const dir = newFolder();
    writePngFolder(dir, makeSample(["a"], 2, 2));
    writeFileSync(join(dir, "a", "photo.jpg"), "\xff\xd8\xff\xe0");
    expect(await codeOf(readDataset(dir))).toBe("ERR_UNKNOWN_FORMAT");
  });

  test("hidden files are ignored", async () => {
    const dir = newFolder();
    writePngFolder(dir, makeSample(["a"], 2, 2));
    writeFileSync(join(dir, "a", ".DS_Store"), "junk");
    const { dataset } = await readDataset(dir);
    expect(dataset.labels.length).toBe(1);
  });

  test("corrupt image data is ERR_CORRUPT_DATA", async () => {
    const dir = newFolder();
    writePngFolder(dir, makeSample(["a"], 2, 2));
    const bytes = pngBytes(2, 2, [1, 2, 3, 4]);
    bytes[bytes.length - 20]! ^= 0xff; // inside IDAT, so its CRC fails
    writeFileSync(join(dir, "a", "b.png"), bytes);
    expect(await codeOf(readDataset(dir))).toBe("ERR_CORRUPT_DATA");
  });

  test("only empty folders is ERR_EMPTY_DATASET", async () => {
    const dir = newFolder();
    mkdirSync(join(dir, "a"), { recursive: true });
    expect(await codeOf(readDataset(dir))).toBe("ERR_EMPTY_DATASET");
  });
});

describe("PNG folder limits", () => {
  test("decoded size past the limit is ERR_SIZE_LIMIT", async () => {
    const dir = join(temp.dir, "limit");
    writePngFolder(dir, makeSample(["a", "b"], 4, 4));
    expect(await codeOf(readDataset(dir, { maxBytes: 20 }))).toBe(
      "ERR_SIZE_LIMIT",
    );
  });
});
