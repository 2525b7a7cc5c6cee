import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, test, vi } from "vitest";
import { datasetFromArrays, fetchIdxDataset } from "../src/dataset.js";
import { EpisodeSamplerError, ErrorCode } from "../src/errors.js";

/** Returns an IDX file of unsigned bytes with the given dimensions. */
function idx(dims: number[], data: number[]): Uint8Array {
  const header = new Uint8Array(4 + 4 * dims.length);
  const view = new DataView(header.buffer);
  header[2] = 0x08;
  header[3] = dims.length;
  dims.forEach((dim, d) => view.setUint32(4 + 4 * d, dim, false)); // big-endian
  return Uint8Array.from([...header, ...data]);
}

const IMAGES = idx([3, 1, 2], [1, 2, 3, 4, 5, 6]);
const LABELS = idx([3], [0, 2, 1]);

function stubFetch(files: Record<string, Uint8Array>): void {
  vi.stubGlobal("fetch", async (url: string | URL) => {
    const body = files[String(url)];
    return body === undefined
      ? new Response(null, { status: 404 })
      : new Response(body as Uint8Array<ArrayBuffer>);
  });
}

async function codeOf(action: () => Promise<unknown>) {
  const error = await action().catch((caught: unknown) => caught);
  return error instanceof EpisodeSamplerError ? error.code : undefined;
}

afterEach(() => vi.unstubAllGlobals());

describe("datasetFromArrays", () => {
  test("uint8 labels become int32", () => {
    const dataset = datasetFromArrays({
      images: new Uint8Array(6),
      labels: Uint8Array.from([0, 2, 1]),
      itemShape: [2],
    });
    expect(dataset.labels).toEqual(Int32Array.from([0, 2, 1]));
  });

  test("labelCount defaults to largest + 1", () => {
    const dataset = datasetFromArrays({
      images: new Uint8Array(6),
      labels: Int32Array.from([0, 2, 1]),
      itemShape: [2],
    });
    expect(dataset.labelCount).toBe(3);
  });

  test("size mismatch", () => {
    let code: string | undefined;
    try {
      datasetFromArrays({
        images: new Uint8Array(5),
        labels: Int32Array.from([0, 1, 1]),
        itemShape: [2],
      });
    } catch (error) {
      code = (error as EpisodeSamplerError).code;
    }
    expect(code).toBe(ErrorCode.invalidDataset);
  });
});

describe("fetchIdxDataset", () => {
  test("plain files", async () => {
    stubFetch({ "/i": IMAGES, "/l": LABELS });
    const dataset = await fetchIdxDataset({ images: "/i", labels: "/l" });
    expect(dataset.itemShape).toEqual([1, 2]);
    expect(dataset.labels).toEqual(Int32Array.from([0, 2, 1]));
  });

  test("gzipped files", async () => {
    stubFetch({ "/i": gzipSync(IMAGES), "/l": gzipSync(LABELS) });
    const dataset = await fetchIdxDataset({ images: "/i", labels: "/l" });
    expect(dataset.images).toEqual(Uint8Array.from([1, 2, 3, 4, 5, 6]));
  });

  test("HTTP 404", async () => {
    stubFetch({ "/i": IMAGES });
    const code = await codeOf(() =>
      fetchIdxDataset({ images: "/i", labels: "/l" }),
    );
    expect(code).toBe(ErrorCode.notFound);
  });

  test("network failure", async () => {
    vi.stubGlobal("fetch", async () => {
      throw new TypeError("fetch failed");
    });
    const code = await codeOf(() =>
      fetchIdxDataset({ images: "/i", labels: "/l" }),
    );
    expect(code).toBe(ErrorCode.notFound);
  });
});
