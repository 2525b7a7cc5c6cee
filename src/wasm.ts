// The one module that owns the WebAssembly instance of each sampler: it
// compiles the module once, copies the dataset in, writes the plan and batch
// records (src/layout.ts), and copies results out. Feature code never touches
// the instance's memory.
//
// The module is built with AssemblyScript's stub runtime (a bump allocator
// that never frees): a sampler allocates its dataset and plan once and its
// batch buffers only when a larger batch arrives, so nothing needs freeing,
// and each sampler gets its own instance so memory dies with it.

import { BATCH, BATCH_BYTES, PLAN, PLAN_BYTES } from "./layout.js";
import { compileHotPath } from "./wasm-source.js";
import { createGroupHotPath } from "./wasm-groups.js";
import type { EngineBackend } from "./engine-js.js";
import type { MutableBatch } from "./batch.js";
import type { SamplingPlan } from "./plan.js";
import type { Dataset } from "./types.js";

/** Exports of the hot path module. */
export interface HotPathExports {
  memory: WebAssembly.Memory;
  alloc(byteLength: number): number;
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

async function instantiate(): Promise<HotPathExports> {
  const module = await compileHotPath();
  const instance = await WebAssembly.instantiate(module, {
    env: {
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
interface BatchBuffers {
  capacity: number;
  record: number;
  queryImages: number;
  supportImages: number;
  pointers: Record<keyof typeof BATCH, number>;
}

/** Creates the WebAssembly engine for one dataset and plan. */
export async function createWasmEngine(
  dataset: Dataset,
  plan: SamplingPlan,
): Promise<EngineBackend> {
  const wasm = await instantiate();
  const images = copyIn(wasm, dataset.images);
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
  const scratch = copyIn(
    wasm,
    Int32Array.from({ length: scratchSize }, (_, i) => i),
  );
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
    scratch,
    episodeLabels: wasm.alloc(plan.maxWays * 4),
    episodeClasses: wasm.alloc(plan.maxWays * 4),
  };
  const planRecord = wasm.alloc(PLAN_BYTES);
  writeRecord(wasm, planRecord, PLAN, fields);
  const groupPath =
    plan.groups && createGroupHotPath(wasm, planRecord, plan.groups, plan);

  let buffers: BatchBuffers | undefined;
  const imageBytes = plan.dtype === "float32" ? 4 : 1;

  function ensureCapacity(count: number): BatchBuffers {
    if (buffers && buffers.capacity >= count) return buffers;
    const queries = count * plan.queries;
    const slots = count * plan.supportSlots;
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
    buffers = {
      capacity: count,
      record,
      pointers,
      queryImages: wasm.alloc(queries * plan.itemBytes * imageBytes),
      supportImages: wasm.alloc(slots * plan.itemBytes * imageBytes),
    };
    return buffers;
  }

  return {
    sampleInto(batch: MutableBatch, start: number, count: number): void {
      if (count === 0) return;
      const { record, pointers, queryImages, supportImages } =
        ensureCapacity(count);
      // Float32 records are copied as bytes, so they take the uint8 gather
      // with their byte size; recordBytes equals itemBytes for uint8 data.
      const scaled =
        plan.dtype === "float32" && dataset.images instanceof Uint8Array;
      const gather = scaled ? wasm.gatherF32 : wasm.gatherU8;
      if (groupPath) groupPath.sample(record, start, count);
      else wasm.sampleEpisodes(planRecord, record, start, count);
      gather(
        images,
        plan.recordBytes,
        pointers.queryRows,
        count * plan.queries,
        queryImages,
      );
      gather(
        images,
        plan.recordBytes,
        pointers.supportRows,
        count * plan.supportSlots,
        supportImages,
      );

      // Views are made after the last call, since any call may grow memory
      // and detach the old buffer; set() copies out of instance memory.
      const buffer = wasm.memory.buffer;
      const copyOut = (
        target: ArrayLike<number> & {
          set(a: ArrayLike<number>): void;
          length: number;
        },
        pointer: number,
      ) => {
        const Type = target.constructor as Int32ArrayConstructor;
        target.set(new Type(buffer, pointer, target.length));
      };
      copyOut(batch.queryImages, queryImages);
      copyOut(batch.supportImages, supportImages);
      copyOut(batch.queryLabels, pointers.queryLabels);
      copyOut(batch.queryIndices, pointers.queryRows);
      copyOut(batch.queryClasses, pointers.queryClasses);
      copyOut(batch.supportLabels, pointers.supportLabels);
      copyOut(batch.supportIndices, pointers.supportRows);
      copyOut(batch.supportClasses, pointers.supportClasses);
      copyOut(batch.supportMask, pointers.supportMask);
      copyOut(batch.ways, pointers.ways);
      copyOut(batch.candidates, pointers.candidates);
      groupPath?.copyOut(batch, count);
    },
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
