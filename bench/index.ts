// `npm run bench`: the WASM and JS engines side by side with two bounds that
// do no sampling, printed as markdown and written as JSON. See
// BENCHMARKS.md for how to read it. Flags: --quick (short runs, for a smoke
// test) and --out FILE (default bench/results/latest.json).

import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { dirname } from "node:path";
import { Bench } from "tinybench";
import { createSampler, loadMnist } from "../dist/index.js";
import type { Dataset, Dtype, EpisodeBatch, Sampler } from "../dist/index.js";
import { instantiateHotPath } from "../dist/wasm.js";
import { createCopyBound, createGatherBound, toFloat32 } from "./bounds.js";
import { SampleSet, ratio, ratioTable, rowTable, type Row } from "./report.js";
import {
  BATCH_SIZE,
  DTYPES,
  SEED,
  WORKLOADS,
  batchByteLength,
  batchRows,
  consume,
  type Workload,
} from "./workloads.js";

const quick = process.argv.includes("--quick");
const outIndex = process.argv.indexOf("--out");
const outPath =
  outIndex > 0 ? process.argv[outIndex + 1]! : "bench/results/latest.json";

/**
 * Budget per row and round; the same for every row. Each group runs its rows
 * in turn, ROUNDS times over, so a burst of load from another process
 * spreads over all rows of a group instead of landing on one.
 */
const BENCH_OPTIONS = quick
  ? { time: 50, iterations: 2, warmupTime: 20, warmupIterations: 1 }
  : { time: 300, iterations: 4, warmupTime: 100, warmupIterations: 2 };
const ROUNDS = quick ? 2 : 6;

/** Boundary calls per iteration of the empty-call row. */
const EMPTY_CALLS = 100_000;

let sink = 0;
const rows: Row[] = [];

function header(): string {
  const cpu = cpus()[0]?.model ?? "unknown CPU";
  return [
    `# episode-sampler bench, ${new Date().toISOString()}, commit ${commit()}`,
    `# Node ${process.version} on ${cpu}, ${cpus().length} cores, ${process.platform}/${process.arch}`,
    `# Fairness: every row runs on the main thread (worker rows add their threads),`,
    `# one row at a time, ${ROUNDS} rounds over the rows of a group; per row and round a warm-up of`,
    `# ${BENCH_OPTIONS.warmupIterations} runs / ${BENCH_OPTIONS.warmupTime} ms, then at least ${BENCH_OPTIONS.iterations} runs and ${BENCH_OPTIONS.time} ms; ratios use medians;`,
    `# MNIST train (60,000 items of 28x28); load average at start ${loadavg()[0]!.toFixed(2)};`,
    `# seed ${SEED}; batch of ${BATCH_SIZE} episodes, Q=1; the same batch of rows for both bounds;`,
    `# every result is folded into a sink printed at the end.`,
  ].join("\n");
}

function commit(): string {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], {
      encoding: "utf8",
    }).trim();
  } catch {
    return "unknown";
  }
}

async function runGroup(
  group: string,
  tasks: [string, () => unknown, number, number][],
): Promise<void> {
  const sets = tasks.map(() => new SampleSet());
  for (let round = 0; round < ROUNDS; round++) {
    const bench = new Bench({
      ...BENCH_OPTIONS,
      throws: true,
      retainSamples: true,
    });
    for (const [name, fn] of tasks) bench.add(name, fn);
    await bench.run();
    bench.tasks.forEach((task, i) => sets[i]!.add(task));
  }
  tasks.forEach(([name, , episodes, bytes], i) => {
    rows.push(sets[i]!.toRow(group, name, episodes, bytes));
  });
  process.stderr.write(`done: ${group}\n`);
}

async function startup(dataset: Dataset): Promise<void> {
  const bytes = readFileSync(new URL("../build/release.wasm", import.meta.url));
  const module = await WebAssembly.compile(bytes);
  const imports = { env: { abort: () => {} } };
  const wasm = await instantiateHotPath();
  await runGroup("startup", [
    ["compile release.wasm", () => WebAssembly.compile(bytes), 0, 0],
    ["instantiate", () => WebAssembly.instantiate(module, imports), 0, 0],
    ["createSampler (wasm, MNIST)", () => makeSampler(dataset), 0, 0],
  ]);
  await runGroup("boundary", [
    [
      `${EMPTY_CALLS.toLocaleString("en-US")} empty WASM calls`,
      () => {
        for (let i = 0; i < EMPTY_CALLS; i++) wasm.emptyCall();
      },
      0,
      0,
    ],
  ]);
}

function makeSampler(
  dataset: Dataset,
  workload: Workload = WORKLOADS[0]!,
  engine: "wasm" | "js" = "wasm",
  dtype: Dtype = "uint8",
  workers = 0,
): Promise<Sampler> {
  const { ways, shots } = workload;
  return createSampler({
    dataset,
    ways,
    shots,
    seed: SEED,
    engine,
    dtype,
    workers,
  });
}

/** Adds the engine and bound rows of one workload and dtype. */
async function compareEngines(
  dataset: Dataset,
  float32Images: Float32Array,
  workload: Workload,
  dtype: Dtype,
): Promise<void> {
  const wasm = await makeSampler(dataset, workload, "wasm", dtype);
  const js = await makeSampler(dataset, workload, "js", dtype);

  // Every iteration draws episodes 0 .. BATCH_SIZE - 1, whose rows the gather
  // bound copies too.
  const reference = js.sample(BATCH_SIZE);
  const bytes = batchByteLength(reference);
  const images = dtype === "float32" ? float32Images : dataset.images;
  const gather = createGatherBound(images, 28 * 28, batchRows(reference));
  const copy = createCopyBound(bytes);

  const wasmOut = wasm.createBatch(BATCH_SIZE);
  const jsOut = js.createBatch(BATCH_SIZE);
  const use = (batch: EpisodeBatch) => (sink += consume(batch));
  await runGroup(`${workload.name}, ${dtype}`, [
    [
      "wasm sampleView",
      () => use(wasm.sampleView(BATCH_SIZE)),
      BATCH_SIZE,
      bytes,
    ],
    [
      "wasm sampleInto",
      () => use((wasm.sampleInto(wasmOut, BATCH_SIZE), wasmOut)),
      BATCH_SIZE,
      bytes,
    ],
    [
      "js sampleInto",
      () => use((js.sampleInto(jsOut, BATCH_SIZE), jsOut)),
      BATCH_SIZE,
      bytes,
    ],
    ["bound a: set() gather", () => (sink += gather.run()), BATCH_SIZE, bytes],
    ["bound b: sequential copy", () => (sink += copy.run()), BATCH_SIZE, bytes],
  ]);
}

/** Adds rows for 0 (calling thread), 1 and 2 worker threads. */
async function compareWorkers(
  dataset: Dataset,
  engine: "wasm" | "js",
  workload: Workload,
): Promise<void> {
  const tasks: [string, () => unknown, number, number][] = [];
  const samplers: Sampler[] = [];
  for (const workers of [0, 1, 2]) {
    const sampler = await makeSampler(
      dataset,
      workload,
      engine,
      "float32",
      workers,
    );
    samplers.push(sampler);
    const bytes = batchByteLength(sampler.sampleView(BATCH_SIZE));
    const name = workers === 0 ? "calling thread" : `${workers} workers`;
    tasks.push([
      name,
      () => (sink += consume(sampler.sampleView(BATCH_SIZE))),
      BATCH_SIZE,
      bytes,
    ]);
  }
  await runGroup(`workers: ${engine}, ${workload.name}, float32`, tasks);
  await Promise.all(samplers.map((sampler) => sampler.close()));
}

function ratios(): string {
  const found = [];
  for (const workload of WORKLOADS) {
    for (const dtype of DTYPES) {
      const group = `${workload.name}, ${dtype}`;
      const view = "wasm sampleView";
      found.push(
        ratio(rows, group, view, "js sampleInto", "wasm view / js"),
        ratio(
          rows,
          group,
          "wasm sampleInto",
          "js sampleInto",
          "wasm into / js",
        ),
        ratio(
          rows,
          group,
          view,
          "bound a: set() gather",
          "wasm view / bound a",
        ),
        ratio(
          rows,
          group,
          view,
          "bound b: sequential copy",
          "wasm view / bound b",
        ),
        ratio(
          rows,
          group,
          "wasm sampleInto",
          "bound b: sequential copy",
          "wasm into / bound b",
        ),
        ratio(
          rows,
          group,
          "js sampleInto",
          "bound b: sequential copy",
          "js / bound b",
        ),
      );
    }
  }
  for (const engine of ["wasm", "js"]) {
    for (const workload of [WORKLOADS[0]!, WORKLOADS[3]!]) {
      const group = `workers: ${engine}, ${workload.name}, float32`;
      found.push(
        ratio(rows, group, "2 workers", "1 workers", "2 workers / 1"),
        ratio(
          rows,
          group,
          "2 workers",
          "calling thread",
          "2 workers / calling thread",
        ),
      );
    }
  }
  return ratioTable(found);
}

async function main(): Promise<void> {
  const text = [header()];
  process.stderr.write(`${text[0]}\n`);
  const dataset = await loadMnist({ split: "train" });
  const float32Images = toFloat32(dataset.images as Uint8Array);

  await startup(dataset);
  for (const workload of WORKLOADS) {
    for (const dtype of DTYPES) {
      await compareEngines(dataset, float32Images, workload, dtype);
    }
  }
  for (const engine of ["wasm", "js"] as const) {
    for (const workload of [WORKLOADS[0]!, WORKLOADS[3]!]) {
      await compareWorkers(dataset, engine, workload);
    }
  }

  text.push(
    "",
    rowTable(rows),
    "",
    "Ratios (speed of the first over the second; bounds do no sampling):",
    "",
    ratios(),
  );
  text.push("", `sink ${sink}`);
  process.stdout.write(`${text.join("\n")}\n`);
  mkdirSync(dirname(outPath), { recursive: true });
  const json = {
    header: text[0],
    options: { ...BENCH_OPTIONS, rounds: ROUNDS },
    rows,
    sink,
  };
  writeFileSync(outPath, `${JSON.stringify(json, null, 2)}\n`);
  process.stderr.write(`wrote ${outPath}\n`);
}

await main();
