import { describe, expect, test } from "vitest";
import { createSampler, npzSpecs } from "../src/index.js";
import type { Dataset, Dtype, Engine } from "../src/index.js";
import { expectSameBatch } from "./group-invariants.js";

// Eight labels of five records each, every element distinct per record, so
// a gather from the wrong row or with the wrong size shows in the bytes.
function records(shape: number[], float: boolean): Dataset {
  const size = shape.reduce((a, b) => a * b);
  const count = 40;
  const values = Array.from({ length: count * size }, (_, i) =>
    float ? i * 0.25 - 3 : i % 251,
  );
  return {
    images: float ? Float32Array.from(values) : Uint8Array.from(values),
    labels: Int32Array.from({ length: count }, (_, row) => row % 8),
    itemShape: shape,
    labelCount: 8,
  };
}

async function sampleBoth(dataset: Dataset, dtype?: Dtype) {
  const [js, wasm] = await Promise.all(
    (["js", "wasm"] as Engine[]).map(async (engine) => {
      const sampler = await createSampler({
        dataset,
        engine,
        dtype,
        ways: [2, 4],
        shots: 2,
        queries: 2,
        seed: 9,
      });
      return { sampler, batch: sampler.sample(100) };
    }),
  );
  return { js: js!, wasm: wasm! };
}

describe.each([
  ["uint8 4x3x2", [4, 3, 2], false, undefined],
  ["uint8 4x3x2 as float32", [4, 3, 2], false, "float32"],
  ["float32 vector of 7", [7], true, undefined],
] as const)("records %s", (_, shape, float, dtype) => {
  test("wasm equals js", async () => {
    const { js, wasm } = await sampleBoth(records([...shape], float), dtype);
    expectSameBatch(js.batch, wasm.batch);
  });

  test("query record matches its row", async () => {
    const dataset = records([...shape], float);
    const { wasm } = await sampleBoth(dataset, dtype);
    const size = shape.reduce((a: number, b: number) => a * b, 1);
    const row = wasm.batch.queryIndices[3]!;
    const scaled = !float && dtype === "float32";
    const expected = Array.from(
      dataset.images.slice(row * size, (row + 1) * size),
      (value) => Math.fround(scaled ? value / 255 : value),
    );
    const got = Array.from(wasm.batch.queryImages.slice(3 * size, 4 * size));
    expect(got).toEqual(expected);
  });

  test("output shapes follow the records", async () => {
    const { wasm } = await sampleBoth(records([...shape], float), dtype);
    const specs = npzSpecs(wasm.sampler, 100);
    const images = specs.find((spec) => spec.name === "query_images")!;
    expect(images.shape).toEqual([100, 2, ...shape]);
    expect(images.dtype).toBe(float ? "float32" : (dtype ?? "uint8"));
  });
});
