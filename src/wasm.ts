// The one module that owns the WebAssembly instance of each sampler: it
// compiles the module once, copies the dataset in, writes the plan and batch
// records (src/layout.ts), and hands results out. Feature code never touches
// the instance's memory.
//
// The module is built with AssemblyScript's stub runtime, a bump allocator
// that never frees. A sampler allocates its dataset and plan once, and its
// batch buffers only when a larger batch arrives, so nothing needs freeing
// and memory stops growing after the first batch of the largest size. Each
// sampler gets its own instance, so memory dies with it.

import { BATCH, BATCH_BYTES, PLAN, PLAN_BYTES } from "./layout.js";
import type { EngineBackend } from "./engine-js.js";
import { copyBatch, type MutableBatch } from "./batch.js";
import type { SamplingPlan } from "./plan.js";
import type { Dataset } from "./types.js";
import { createGroupHotPath, type GroupHotPath } from "./wasm-groups.js";
import {
  compileHotPath,
  preferredBuild,
  type HotPathBuild,
} from "./wasm-source.js";

export { preferredBuild, type HotPathBuild };

/** Exports of build/release*.wasm; see assembly/index.ts. */
export interface HotPathExports {
  memory: WebAssembly.Memory;
  alloc(byteLength: number): number;
  emptyCall(): void;
  simdBuild(): number;
  gatherF32Staged(
    images: number,
    rowBytes: number,
    rows: number,
    count: number,
    out: number,
    staging: number,
  ): void;
  GATHER_STAGING_BYTES: WebAssembly.Global;
  buildBuckets(
    labels: number,
    count: number,
    labelCount: number,
    offsets: number,
    rows: number,
  ): void;
  sampleEpisodes(
    plan: number,
    batch: number,
    start: number,
    count: number,
  ): void;
  gatherU8(
    images: number,
    rowBytes: number,
    rows: number,
    count: number,
    out: number,
  ): void;
  gatherF32(
    images: number,
    rowBytes: number,
    rows: number,
    count: number,
    out: number,
  ): void;
}

/**
 * Instantiates a fresh hot path with its own memory, or, for the shared
 * build, on the given shared `memory`.
 */
export async function instantiateHotPath(
  build?: HotPathBuild,
  memory?: WebAssembly.Memory,
): Promise<HotPathExports> {
  const module = await compileHotPath(build);
  const instance = await WebAssembly.instantiate(module, {
    env: {
      ...(memory ? { memory } : {}),
      abort(_message: number, _file: number, line: number, column: number) {
        throw new Error(`WebAssembly hot path aborted at ${line}:${column}`);
      },
    },
  });
  return instance.exports as unknown as HotPathExports;
}

/** Writes a typed array into fresh instance memory and returns its pointer. */
export function copyIn(
  wasm: HotPathExports,
  values: Int32Array | Uint8Array | Float32Array,
): number {
  const pointer = wasm.alloc(Math.max(values.byteLength, 4));
  new Uint8Array(wasm.memory.buffer, pointer, values.byteLength).set(
    new Uint8Array(values.buffer, values.byteOffset, values.byteLength),
  );
  return pointer;
}

/** Buffers of one batch size inside instance memory. */
export interface BatchBuffers {
  capacity: number;
  record: number;
  queryImages: number;
  supportImages: number;
  pointers: Record<keyof typeof BATCH, number>;
}

/** Writes the plan record and everything it points to; returns its pointer. */
function writePlan(
  wasm: HotPathExports,
  dataset: Dataset,
  plan: SamplingPlan,
): number {
  const record = wasm.alloc(PLAN_BYTES);
  writeRecord(wasm, record, PLAN, planFields(wasm, dataset, plan));
  return record;
}

/**
 * Copies the plan's arrays into instance memory, builds the label buckets
 * there, and returns the plan record's fields.
 */
export function planFields(
  wasm: HotPathExports,
  dataset: Dataset,
  plan: SamplingPlan,
): Record<keyof typeof PLAN, number> {
  const labels = copyIn(wasm, dataset.labels);
  const offsets = wasm.alloc((plan.labelCount + 1) * 4);
  const bucketRows = wasm.alloc(Math.max(dataset.labels.length, 1) * 4);
  wasm.buildBuckets(
    labels,
    dataset.labels.length,
    plan.labelCount,
    offsets,
    bucketRows,
  );

  const scratchSize = Math.max(plan.largestBucket, plan.wayLabels.length);
  const fields: Record<keyof typeof PLAN, number> = {
    seed: plan.seed | 0,
    minWays: plan.minWays,
    maxWays: plan.maxWays,
    shots: plan.shots,
    queries: plan.queries,
    labelCount: plan.labelCount,
    bucketOffsets: offsets,
    bucketRows,
    queryLabels: copyIn(wasm, plan.queryLabels),
    queryCumulative: copyIn(wasm, plan.queryCumulative),
    queryLabelCount: plan.queryLabels.length,
    wayLabels: copyIn(wasm, plan.wayLabels),
    wayPositions: copyIn(wasm, plan.wayPositions),
    wayLabelCount: plan.wayLabels.length,
    scratch: copyIn(
      wasm,
      Int32Array.from({ length: scratchSize }, (_, i) => i),
    ),
    episodeLabels: wasm.alloc(plan.maxWays * 4),
    episodeClasses: wasm.alloc(plan.maxWays * 4),
  };
  return fields;
}

/** Allocates the buffers and record of a batch of `count` episodes. */
export function allocateBuffers(
  wasm: HotPathExports,
  plan: SamplingPlan,
  count: number,
): BatchBuffers {
  const queries = count * plan.queries;
  const slots = count * plan.supportSlots;
  const imageBytes = plan.dtype === "float32" ? 4 : 1;
  const pointers: Record<keyof typeof BATCH, number> = {
    queryLabels: wasm.alloc(queries * 4),
    queryRows: wasm.alloc(queries * 4),
    queryClasses: wasm.alloc(queries * 4),
    supportLabels: wasm.alloc(slots * 4),
    supportRows: wasm.alloc(slots * 4),
    supportClasses: wasm.alloc(slots * 4),
    supportMask: wasm.alloc(slots),
    ways: wasm.alloc(count * 4),
    candidates: wasm.alloc(count * plan.labelCount),
  };
  const record = wasm.alloc(BATCH_BYTES);
  writeRecord(wasm, record, BATCH, pointers);
  return {
    capacity: count,
    record,
    pointers,
    queryImages: wasm.alloc(queries * plan.itemBytes * imageBytes),
    supportImages: wasm.alloc(slots * plan.itemBytes * imageBytes),
  };
}

/**
 * Creates the WebAssembly engine for one dataset and plan.
 * @param build - hot path build; by default SIMD where the host has it.
 */
export async function createWasmEngine(
  dataset: Dataset,
  plan: SamplingPlan,
  build?: Exclude<HotPathBuild, "shared">,
): Promise<EngineBackend> {
  const wasm = await instantiateHotPath(build);
  const images = copyIn(wasm, dataset.images);
  const planRecord = writePlan(wasm, dataset, plan);
  const groupPath: GroupHotPath | undefined =
    plan.groups && createGroupHotPath(wasm, planRecord, plan.groups, plan);
  const { itemShape } = dataset;
  let buffers: BatchBuffers | undefined;
  let view: { batch: MutableBatch; memory: ArrayBuffer } | undefined;

  // Runs both kernels; the results stay in instance memory.
  function run(start: number, count: number): BatchBuffers {
    if (!buffers || buffers.capacity < count) {
      buffers = allocateBuffers(wasm, plan, count);
    }
    const { record, pointers, queryImages, supportImages } = buffers;
    // Float32 records are copied as bytes, so they take the uint8 gather
    // with their byte size; recordBytes equals itemBytes for uint8 data.
    const scaled =
      plan.dtype === "float32" && dataset.images instanceof Uint8Array;
    const gather = scaled ? wasm.gatherF32 : wasm.gatherU8;
    const { recordBytes } = plan;
    if (groupPath) groupPath.sample(record, start, count);
    else wasm.sampleEpisodes(planRecord, record, start, count);
    gather(
      images,
      recordBytes,
      pointers.queryRows,
      count * plan.queries,
      queryImages,
    );
    gather(
      images,
      recordBytes,
      pointers.supportRows,
      count * plan.supportSlots,
      supportImages,
    );
    return buffers;
  }

  // Returns views of the results. They are made after the last call, because
  // a call that grows memory detaches the old buffer. Only a larger batch
  // grows it, so batches of one size reuse the same views.
  function sampleView(start: number, count: number): MutableBatch {
    const filled = run(start, count);
    const memory = wasm.memory.buffer;
    if (view?.memory !== memory || view.batch.count !== count) {
      const batch = viewBuffers(memory, plan, itemShape, filled, count);
      if (groupPath) batch.queryGroups = groupPath.view(memory, count);
      view = { batch, memory };
    }
    view.batch.start = start;
    return view.batch;
  }

  return {
    sampleInto(batch, start, count) {
      if (count > 0) copyBatch(sampleView(start, count), batch);
    },
    sampleView,
  };
}

/** Makes a batch whose arrays are views of instance memory. */
export function viewBuffers(
  memory: ArrayBuffer | SharedArrayBuffer,
  plan: SamplingPlan,
  itemShape: readonly number[],
  buffers: BatchBuffers,
  count: number,
): MutableBatch {
  const queries = count * plan.queries;
  const slots = count * plan.supportSlots;
  // A shared memory's buffer is a SharedArrayBuffer; typed arrays take both,
  // and the cast only picks one of TypeScript's constructor overloads.
  const buffer = memory as ArrayBuffer;
  const Images = plan.dtype === "float32" ? Float32Array : Uint8Array;
  const { pointers } = buffers;
  const int32 = (pointer: number, length: number) =>
    new Int32Array(buffer, pointer, length);
  return {
    count,
    start: 0,
    queries: plan.queries,
    supportSlots: plan.supportSlots,
    labelCount: plan.labelCount,
    itemShape,
    dtype: plan.dtype,
    queryImages: new Images(
      buffer,
      buffers.queryImages,
      queries * plan.itemBytes,
    ),
    queryLabels: int32(pointers.queryLabels, queries),
    queryIndices: int32(pointers.queryRows, queries),
    queryClasses: int32(pointers.queryClasses, queries),
    supportImages: new Images(
      buffer,
      buffers.supportImages,
      slots * plan.itemBytes,
    ),
    supportLabels: int32(pointers.supportLabels, slots),
    supportIndices: int32(pointers.supportRows, slots),
    supportClasses: int32(pointers.supportClasses, slots),
    supportMask: new Uint8Array(buffer, pointers.supportMask, slots),
    ways: int32(pointers.ways, count),
    candidates: new Uint8Array(
      buffer,
      pointers.candidates,
      count * plan.labelCount,
    ),
  };
}

/** Writes 32-bit little-endian fields at the offsets of a layout. */
export function writeRecord<K extends string>(
  wasm: HotPathExports,
  pointer: number,
  layout: Record<K, number>,
  values: Record<K, number>,
): void {
  const view = new DataView(wasm.memory.buffer);
  for (const name of Object.keys(layout) as K[]) {
    view.setInt32(pointer + layout[name], values[name], true);
  }
}
