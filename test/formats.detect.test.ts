import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { readDataset } from "../src/formats/read.js";
import { codeOf } from "./support/errors.js";
import {
  csvText,
  makeSample,
  npzBytes,
  sampleArrays,
  tempFolder,
} from "./support/fixtures.js";

const temp = tempFolder();
afterAll(temp.remove);

const sample = makeSample([1, 2, 1]);
const [images, labels] = sampleArrays(sample);

describe("format detection", () => {
  test("NPZ named .csv is read as NPZ", async () => {
    const path = join(temp.dir, "misnamed.csv");
    writeFileSync(path, npzBytes({ images, labels }));
    expect((await readDataset(path)).format).toBe("npz");
  });

  test("CSV of any name is read as CSV", async () => {
    const path = join(temp.dir, "digits.txt");
    writeFileSync(path, csvText(sample));
    expect((await readDataset(path)).format).toBe("csv");
  });

  test("override reads a CSV as CSV", async () => {
    const path = join(temp.dir, "forced.dat");
    writeFileSync(path, csvText(sample));
    expect((await readDataset(path, { format: "csv" })).format).toBe("csv");
  });

  test("override that does not fit fails", async () => {
    const path = join(temp.dir, "really.npz");
    writeFileSync(path, npzBytes({ images, labels }));
    expect(await codeOf(readDataset(path, { format: "csv" }))).toBe(
      "ERR_UNKNOWN_FORMAT",
    );
  });

  test("folder format for a file is ERR_UNKNOWN_FORMAT", async () => {
    const path = join(temp.dir, "file.npz");
    writeFileSync(path, npzBytes({ images, labels }));
    expect(await codeOf(readDataset(path, { format: "png" }))).toBe(
      "ERR_UNKNOWN_FORMAT",
    );
  });

  test("single .npy file is ERR_UNKNOWN_FORMAT", async () => {
    const path = join(temp.dir, "images.npy");
    writeFileSync(path, images);
    expect(await codeOf(readDataset(path))).toBe("ERR_UNKNOWN_FORMAT");
  });

  test("folder of .npy files is npy", async () => {
    const dir = join(temp.dir, "arrays");
    mkdirSync(dir);
    writeFileSync(join(dir, "images.npy"), images);
    writeFileSync(join(dir, "labels.npy"), labels);
    expect((await readDataset(dir)).format).toBe("npy");
  });

  test.each([
    ["format", { format: "tiff" }],
    ["split", { split: "val" }],
    ["maxBytes", { maxBytes: 0 }],
  ])("invalid %s option is ERR_INVALID_OPTION", async (_, options) => {
    const path = join(temp.dir, "digits.txt");
    expect(await codeOf(readDataset(path, options as object))).toBe(
      "ERR_INVALID_OPTION",
    );
  });
});
