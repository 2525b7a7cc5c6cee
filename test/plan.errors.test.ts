import { describe, expect, test } from "vitest";
import { EpisodeSamplerError, ErrorCode } from "../src/errors.js";
import { createSampler } from "../src/sampler.js";
import type { Dataset } from "../src/types.js";
import { handmadeDataset } from "./helpers.js";

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(EpisodeSamplerError);
  return (error as EpisodeSamplerError).code;
}

const dataset = handmadeDataset([3, 3, 3, 1]);

describe("option errors", () => {
  test.each([
    ["shots 0", { shots: 0 }],
    ["queries 0", { queries: 0 }],
    ["fractional shots", { shots: 1.5 }],
    ["NaN queries", { queries: Number.NaN }],
    ["string shots", { shots: "2" }],
    ["ways 0", { ways: 0 }],
    ["ways triple", { ways: [1, 2, 3] }],
    ["negative seed", { seed: -1 }],
    ["seed past 32 bits", { seed: 2 ** 32 }],
    ["unknown engine", { engine: "gpu" }],
    ["unknown dtype", { dtype: "float64" }],
    ["unknown option", { way: 3 }],
    ["exclude not an array", { exclude: 3 }],
    ["negative exclude", { exclude: [-1] }],
  ])("%s is ERR_INVALID_OPTION", async (_name, options) => {
    const promise = createSampler({ dataset, ...(options as object) });
    expect(await codeOf(promise)).toBe(ErrorCode.invalidOption);
  });

  test("min above max is ERR_WAYS_RANGE", async () => {
    const promise = createSampler({ dataset, ways: [3, 2] });
    expect(await codeOf(promise)).toBe(ErrorCode.waysRange);
  });

  test("ways above eligible labels is ERR_TOO_MANY_WAYS", async () => {
    // Label 3 has one image, so with two shots only labels 0-2 are ways.
    const promise = createSampler({ dataset, ways: 4, shots: 2 });
    expect(await codeOf(promise)).toBe(ErrorCode.tooManyWays);
  });

  test("ways above labels left after exclusion", async () => {
    const promise = createSampler({ dataset, ways: 4, exclude: [0] });
    expect(await codeOf(promise)).toBe(ErrorCode.tooManyWays);
  });

  test("every label excluded is ERR_NO_QUERY_LABEL", async () => {
    const promise = createSampler({ dataset, exclude: [0, 1, 2, 3] });
    expect(await codeOf(promise)).toBe(ErrorCode.noQueryLabel);
  });

  test("too few images for any query is ERR_NO_QUERY_LABEL", async () => {
    const promise = createSampler({ dataset, shots: 2, queries: 2 });
    expect(await codeOf(promise)).toBe(ErrorCode.noQueryLabel);
  });

  test("excluding an unknown label is ERR_UNKNOWN_LABEL", async () => {
    const promise = createSampler({ dataset, exclude: [4] });
    expect(await codeOf(promise)).toBe(ErrorCode.unknownLabel);
  });

  test("message names the option and the value", async () => {
    const error = await createSampler({ dataset, shots: 0 }).catch(
      (e: unknown) => e,
    );
    expect((error as Error).message).toBe(
      "Expected an integer >= 1 for shots but received 0 of type number",
    );
  });
});

describe("dataset errors", () => {
  const base = handmadeDataset([2, 2]);
  test.each([
    ["not an object", null],
    ["images not bytes", { ...base, images: [1, 2] }],
    ["labels not Int32Array", { ...base, labels: new Uint8Array(4) }],
    ["bad item shape", { ...base, itemShape: [0, 4] }],
    ["size mismatch", { ...base, images: base.images.subarray(1) }],
    ["label out of range", { ...base, labels: Int32Array.of(0, 1, 2, 0) }],
    ["negative label", { ...base, labels: Int32Array.of(0, 1, -1, 0) }],
    ["labelCount 0", { ...base, labelCount: 0 }],
  ])("%s is ERR_INVALID_DATASET", async (_name, bad) => {
    const promise = createSampler({ dataset: bad as unknown as Dataset });
    expect(await codeOf(promise)).toBe(ErrorCode.invalidDataset);
  });
});

describe("sample errors", () => {
  test.each([
    ["negative count", -1, 0],
    ["fractional count", 1.5, 0],
    ["NaN start", 1, Number.NaN],
    ["start past 32 bits", 1, 2 ** 32],
    ["range past 32 bits", 10, 2 ** 32 - 5],
    ["batch too large", 2 ** 28, 0],
  ])("%s is ERR_INVALID_OPTION", async (_name, count, start) => {
    const sampler = await createSampler({ dataset, engine: "js" });
    let caught: unknown;
    try {
      sampler.sample(count, { start });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EpisodeSamplerError);
    expect((caught as EpisodeSamplerError).code).toBe(ErrorCode.invalidOption);
  });
});
