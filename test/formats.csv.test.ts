import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, test } from "vitest";
import { EpisodeSamplerError } from "../src/errors.js";
import { readDataset } from "../src/formats/read.js";
import { codeOf, errorOf } from "./support/errors.js";
import { csvText, makeSample, tempFolder } from "./support/fixtures.js";

const temp = tempFolder();
afterAll(temp.remove);
let files = 0;

function writeCsv(text: string | Uint8Array, name = `data${files++}.csv`) {
  const path = join(temp.dir, name);
  writeFileSync(path, text);
  return path;
}

const sample = makeSample([5, 0, 5, 2], 2, 2);

describe("CSV", () => {
  test("reads rows without a header", async () => {
    const { dataset, format } = await readDataset(writeCsv(csvText(sample)));
    expect(format).toBe("csv");
    expect(dataset.images).toEqual(sample.pixels);
    expect(dataset.itemShape).toEqual([2, 2]);
    expect([...dataset.labels]).toEqual([2, 0, 2, 1]);
    expect(dataset.labelNames).toEqual(["0", "2", "5"]);
  });

  test("skips a header row", async () => {
    const { dataset } = await readDataset(writeCsv(csvText(sample, true)));
    expect(dataset.labels.length).toBe(4);
    expect(dataset.images).toEqual(sample.pixels);
  });

  test("reads a gzipped file", async () => {
    const path = writeCsv(gzipSync(csvText(sample)), "data.csv.gz");
    const { dataset } = await readDataset(path);
    expect(dataset.images).toEqual(sample.pixels);
  });

  test("label column by header name", async () => {
    const text = "p0,p1,kind\n1,2,cat\n3,4,dog\n5,6,cat\n";
    const { dataset } = await readDataset(writeCsv(text), {
      labelColumn: "kind",
    });
    expect(dataset.labelNames).toEqual(["cat", "dog"]);
    expect([...dataset.images]).toEqual([1, 2, 3, 4, 5, 6]);
    expect(dataset.itemShape).toEqual([2]);
  });

  test("label column by index", async () => {
    const text = "1,2,cat\n3,4,dog\n";
    const { dataset } = await readDataset(writeCsv(text), {
      labelColumn: "2",
    });
    expect([...dataset.labels]).toEqual([0, 1]);
  });

  test("quoted string labels", async () => {
    const text = '"big ""cat""",1\n"dog",2\n';
    const { dataset } = await readDataset(writeCsv(text));
    expect(dataset.labelNames).toEqual(['big "cat"', "dog"]);
  });

  test("CRLF line ends and a blank last line", async () => {
    const text = "1,2,3\r\n0,4,5\r\n\r\n";
    const { dataset } = await readDataset(writeCsv(text));
    expect([...dataset.images]).toEqual([2, 3, 4, 5]);
  });

  test("short row names its line", async () => {
    const error = await errorOf(readDataset(writeCsv("1,2,3\n0,4\n")));
    expect((error as EpisodeSamplerError).code).toBe("ERR_COLUMN_COUNT");
    expect((error as EpisodeSamplerError).location?.position).toBe("line 2");
  });

  test.each([
    ["over 255", "1,2,256\n"],
    ["negative", "1,2,-1\n"],
    ["fractional", "1,2,1.5\n"],
    ["not a number", "1,2,3\n1,x,3\n"],
    ["empty", "1,2,3\n1,,3\n"],
  ])("pixel %s is ERR_BAD_VALUE", async (_, text) => {
    expect(await codeOf(readDataset(writeCsv(text)))).toBe("ERR_BAD_VALUE");
  });

  test("bad pixel names line and column", async () => {
    const error = await errorOf(readDataset(writeCsv("1,2,3\n1,2,x\n")));
    expect((error as EpisodeSamplerError).location?.position).toBe(
      "line 2, column 3",
    );
  });

  test("unknown label column is ERR_INVALID_OPTION", async () => {
    const path = writeCsv(csvText(sample, true));
    expect(await codeOf(readDataset(path, { labelColumn: "kind" }))).toBe(
      "ERR_INVALID_OPTION",
    );
  });

  test("header only is ERR_EMPTY_DATASET", async () => {
    const path = writeCsv("label,p0,p1\n");
    expect(await codeOf(readDataset(path))).toBe("ERR_EMPTY_DATASET");
  });

  test("empty file is ERR_EMPTY_DATASET", async () => {
    expect(await codeOf(readDataset(writeCsv("")))).toBe("ERR_EMPTY_DATASET");
  });

  test("label only is ERR_COLUMN_COUNT", async () => {
    expect(await codeOf(readDataset(writeCsv("1\n2\n")))).toBe(
      "ERR_COLUMN_COUNT",
    );
  });
});

describe("CSV limits", () => {
  test("wide first row then short rows", async () => {
    const wide = "0," + "1,".repeat(5000) + "1\n";
    const path = writeCsv(wide + "1,2\n".repeat(5000));
    expect(await codeOf(readDataset(path))).toBe("ERR_COLUMN_COUNT");
  });
});
