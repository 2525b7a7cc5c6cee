import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { EpisodeSamplerError, ErrorCode } from "../src/errors.js";
import { createSampler } from "../src/sampler.js";
import { compileHotPath, setHotPathSource } from "../src/wasm-source.js";
import type { Dataset } from "../src/types.js";

const WASM_URL = new URL("../build/release.wasm", import.meta.url);
const WASM_BYTES = readFileSync(WASM_URL);

// Two labels of three 2 x 2 items each; enough for 2-way 1-shot episodes.
const DATASET: Dataset = {
  images: Uint8Array.from({ length: 24 }, (_, i) => i * 10),
  labels: Int32Array.from([0, 1, 0, 1, 0, 1]),
  itemShape: [2, 2],
  labelCount: 2,
};

async function sampleBytes(): Promise<number[]> {
  const sampler = await createSampler({ dataset: DATASET, ways: 2, seed: 5 });
  const batch = sampler.sample(4);
  return [...batch.supportIndices, ...batch.queryIndices];
}

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return error instanceof EpisodeSamplerError ? error.code : "not ours";
  }
  return undefined;
}

/**
 * Serves the module at /wasm, at /plain with the wrong type, and at /flaky
 * after one 404; everything else is 404.
 */
let server: Server;
let base: string;
let flakyRequests = 0;

beforeAll(async () => {
  server = createServer((request, response) => {
    const flakyReady = request.url === "/flaky" && flakyRequests++ > 0;
    if (request.url === "/wasm" || request.url === "/plain" || flakyReady) {
      const type = request.url === "/wasm" ? "application/wasm" : "text/plain";
      response.writeHead(200, { "content-type": type }).end(WASM_BYTES);
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

// Later tests and files expect the default source.
afterEach(() => setHotPathSource(WASM_URL));

describe("setHotPathSource", () => {
  let expected: number[];

  beforeAll(async () => {
    expected = await sampleBytes();
  });

  test("bytes", async () => {
    setHotPathSource(new Uint8Array(WASM_BYTES));
    expect(await sampleBytes()).toEqual(expected);
  });

  test("compiled module", async () => {
    setHotPathSource(await WebAssembly.compile(WASM_BYTES));
    expect(await sampleBytes()).toEqual(expected);
  });

  test("URL with application/wasm", async () => {
    setHotPathSource(`${base}/wasm`);
    expect(await sampleBytes()).toEqual(expected);
  });

  test("URL with another type", async () => {
    setHotPathSource(new URL(`${base}/plain`));
    expect(await sampleBytes()).toEqual(expected);
  });

  test("URL that answers 404", async () => {
    setHotPathSource(`${base}/missing.wasm`);
    const error = await compileHotPath().catch((caught: unknown) => caught);
    expect((error as EpisodeSamplerError).code).toBe(ErrorCode.notFound);
  });

  test("failed load is retried", async () => {
    setHotPathSource(`${base}/flaky`);
    await compileHotPath().catch(() => undefined);
    expect(await compileHotPath()).toBeInstanceOf(WebAssembly.Module);
  });

  test("relative URL outside a page", () => {
    const code = codeOf(() => setHotPathSource("build/release.wasm"));
    expect(code).toBe(ErrorCode.invalidOption);
  });

  test("wrong type", () => {
    const code = codeOf(() => setHotPathSource(42 as unknown as URL));
    expect(code).toBe(ErrorCode.invalidOption);
  });
});
