import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { readManifest } from "../src/manifest.js";
import { runCaptured, runPython, temporaryFolder } from "./helpers/cli.js";

// The reader from docs/long-runs.md, then a field-by-field comparison with
// the NPZ output of the same seed.
const READ_BACK = `
import json, numpy as np
m = json.load(open("bin/manifest.json"))
record = np.dtype({
    "names": [f["name"] for f in m["fields"]],
    "formats": [(f["dtype"], tuple(f["shape"])) for f in m["fields"]],
    "offsets": [f["offsetBytes"] for f in m["fields"]],
    "itemsize": m["recordBytes"],
})
parts = [np.memmap("bin/" + f["path"], dtype=record, mode="r") for f in m["files"]]
episodes = np.concatenate(parts)
npz = np.load("episodes.npz")
assert len(episodes) == m["range"]["count"], len(episodes)
# Arrays of the whole run are in the manifest, not in the records.
assert m["dataset"]["labelNames"] == npz["label_names"].tolist()
assert int(npz["seed"]) == m["options"]["seed"]
assert int(npz["first_episode"]) == m["range"]["start"]
run_arrays = {"label_names", "seed", "first_episode"}
per_episode = [name for name in npz.files if name not in run_arrays]
for name in per_episode:
    assert np.array_equal(episodes[name], npz[name]), name
    assert episodes[name].dtype == npz[name].dtype, name
print(len(parts), len(episodes), ",".join(sorted(per_episode)))
`;

describe.each(["uint8", "float32"])("bin of %s", (dtype) => {
  const folder = temporaryFolder();
  const common = [
    "-n",
    "700",
    "--seed",
    "9",
    "--split",
    "test",
    "--dtype",
    dtype,
  ];
  beforeAll(async () => {
    const npz = join(folder.path, "episodes.npz");
    const bin = join(folder.path, "bin");
    await runCaptured([
      "sample",
      ...common,
      "--shots",
      "2",
      "--out",
      npz,
      "-q",
    ]);
    await runCaptured([
      "sample",
      ...common,
      "--shots",
      "2",
      "--format",
      "bin",
      "--episodes-per-file",
      "256",
      "--out",
      bin,
      "-q",
    ]);
  });
  afterAll(folder.remove);

  test("numpy.memmap reads every array exactly", async () => {
    const output = await runPython(READ_BACK, folder.path);
    expect(output.trim()).toBe(
      "3 700 candidates,query_classes,query_images,query_indices,query_labels,support_classes,support_images,support_indices,support_labels,support_mask,ways",
    );
  });

  test("manifest records files and replay data", () => {
    const manifest = readManifest(join(folder.path, "bin", "manifest.json"));
    expect(manifest.files.map((f) => f.count)).toEqual([256, 256, 188]);
    expect(manifest.options.seed).toBe(9);
    expect(manifest.options.dtype).toBe(dtype);
    expect(manifest.dataset.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.dataset.split).toBe("test");
    expect(manifest.recordBytes % 4).toBe(0);
  });
});
