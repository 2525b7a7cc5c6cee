import { describe, expect, test } from "vitest";
import { allocateBatch } from "../src/batch.js";
import { createJsEngine } from "../src/engine-js.js";
import { createPlan } from "../src/plan.js";
import type { Dataset, Dtype } from "../src/types.js";
import {
  createWasmEngine,
  instantiateHotPath,
  preferredBuild,
  type HotPathBuild,
} from "../src/wasm.js";
import {
  BATCH_ARRAYS,
  firstDifference,
  makeDataset,
} from "./helpers/batches.js";

const BUILDS: Exclude<HotPathBuild, "shared">[] = ["simd", "scalar"];
const DTYPES: Dtype[] = ["uint8", "float32"];
// Item sizes around the 16-byte SIMD step (tail only, exact steps, steps
// plus a tail), MNIST's 784, and one item larger than the 16 KiB staging
// buffer of gatherF32, which takes the direct path.
const ITEM_SHAPES = [[3], [16], [5, 7], [28, 28], [130, 130]];

async function drawBoth(
  dataset: Dataset,
  dtype: Dtype,
  build: Exclude<HotPathBuild, "shared">,
) {
  const plan = createPlan({
    dataset,
    ways: [1, 5],
    shots: 2,
    queries: 2,
    seed: 5,
    dtype,
  });
  const reference = allocateBatch(plan, dataset.itemShape, 50, 0);
  const batch = allocateBatch(plan, dataset.itemShape, 50, 0);
  createJsEngine(dataset, plan).sampleInto(reference, 0, 50);
  (await createWasmEngine(dataset, plan, build)).sampleInto(batch, 0, 50);
  return { reference, batch };
}

describe.each(BUILDS)("%s build", (build) => {
  test("reports its kind", async () => {
    const wasm = await instantiateHotPath(build);
    expect(wasm.simdBuild()).toBe(build === "simd" ? 1 : 0);
  });

  describe.each(DTYPES)("%s", (dtype) => {
    test.each(ITEM_SHAPES)("items of shape %j match js", async (...shape) => {
      const dataset = makeDataset(7, shape);
      const { reference, batch } = await drawBoth(dataset, dtype, build);
      for (const name of BATCH_ARRAYS) {
        expect(firstDifference(batch, reference, name), name).toBe(-1);
      }
    });
  });

  test("float32 of every byte value is byte / 255", async () => {
    // One label of 256 one-pixel items holding the values 0..255.
    const dataset: Dataset = {
      images: Uint8Array.from({ length: 256 }, (_, i) => i),
      labels: new Int32Array(256),
      itemShape: [1],
      labelCount: 1,
    };
    const plan = createPlan({
      dataset,
      ways: 1,
      queries: 255,
      dtype: "float32",
    });
    const batch = allocateBatch(plan, dataset.itemShape, 1, 0);
    (await createWasmEngine(dataset, plan, build)).sampleInto(batch, 0, 1);
    const rows = [...batch.queryIndices, ...batch.supportIndices];
    const images = [...batch.queryImages, ...batch.supportImages];
    rows.forEach((row, i) => {
      expect(images[i]).toBe(Math.fround(row / 255));
    });
  });
});

test("this host prefers the SIMD build", () => {
  // Node 20 and every current browser run WebAssembly SIMD.
  expect(preferredBuild()).toBe("simd");
});
