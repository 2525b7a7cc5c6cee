// The WebAssembly engine for worker threads. One shared WebAssembly memory
// contains the dataset, the label buckets, each worker's plan record and
// scratch, and the output batch. The calling thread allocates all of it with
// its own instance. Each worker instantiates the shared build on the same
// memory and only runs the kernels on pointers it is given. So the dataset
// exists once, workers write their runs of episodes straight into the
// output, and the calling thread hands that output out as views, with no
// copy.
//
// Worker instances never call `alloc`: their stub allocators would all start
// at the same address. The build's only static data (the 16 KiB staging
// buffer of gatherF32, zeros, and two abort messages) is rewritten with the
// same bytes when a worker instantiates, which happens before any sampling.

import { BATCH, BATCH_BYTES, PLAN, PLAN_BYTES } from "./layout.js";
import type { MutableBatch } from "./batch.js";
import type { SamplingPlan } from "./plan.js";
import type { Dataset } from "./types.js";
import {
  allocateBuffers,
  copyIn,
  instantiateHotPath,
  planFields,
  viewBuffers,
  writeRecord,
  type BatchBuffers,
} from "./wasm.js";

/** Most 64 KiB pages of the shared memory: the whole 32-bit space. */
const MAX_PAGES = 65536;

/** Pointers and sizes one worker runs the kernels with. */
export interface SharedWorkerState {
  readonly memory: WebAssembly.Memory;
  /** This worker's plan record: shared buckets, its own scratch. */
  readonly plan: number;
  /** This worker's batch record, rewritten for every run. */
  readonly record: number;
  /** This worker's staging buffer for gatherF32Staged. */
  readonly staging: number;
  readonly images: number;
  readonly itemBytes: number;
  readonly queries: number;
  readonly supportSlots: number;
  readonly labelCount: number;
  readonly float32: boolean;
}

/** The calling thread's side: the memory, worker states and output. */
export interface SharedHotPath {
  readonly states: readonly SharedWorkerState[];
  /** Returns output buffers with room for `count` episodes. */
  ensureOutput(count: number): BatchBuffers;
  /** Returns views of the first `count` episodes of the output. */
  view(count: number, start: number): MutableBatch;
}

/** Sets up the shared memory for `workers` worker threads. */
export async function createSharedHotPath(
  dataset: Dataset,
  plan: SamplingPlan,
  workers: number,
): Promise<SharedHotPath> {
  const memory = new WebAssembly.Memory({
    initial: 1,
    maximum: MAX_PAGES,
    shared: true,
  });
  const wasm = await instantiateHotPath("shared", memory);
  const images = copyIn(wasm, dataset.images);
  const fields = planFields(wasm, dataset, plan);
  const stagingBytes = wasm.GATHER_STAGING_BYTES.value as number;
  const scratchSize = Math.max(plan.largestBucket, plan.wayLabels.length);

  const states = Array.from({ length: workers }, (): SharedWorkerState => {
    const record = wasm.alloc(PLAN_BYTES);
    writeRecord(wasm, record, PLAN, {
      ...fields,
      scratch: copyIn(
        wasm,
        Int32Array.from({ length: scratchSize }, (_, i) => i),
      ),
      episodeLabels: wasm.alloc(plan.maxWays * 4),
      episodeClasses: wasm.alloc(plan.maxWays * 4),
    });
    return {
      memory,
      plan: record,
      record: wasm.alloc(BATCH_BYTES),
      staging: wasm.alloc(stagingBytes),
      images,
      itemBytes: plan.itemBytes,
      queries: plan.queries,
      supportSlots: plan.supportSlots,
      labelCount: plan.labelCount,
      float32: plan.dtype === "float32",
    };
  });

  let output: BatchBuffers | undefined;
  let cached: { batch: MutableBatch; buffer: SharedArrayBuffer } | undefined;
  return {
    states,
    ensureOutput(count) {
      if (!output || output.capacity < count) {
        output = allocateBuffers(wasm, plan, count);
      }
      return output;
    },
    view(count, start) {
      // Growing a shared memory never detaches old views, but they keep
      // their old length, so views are rebuilt after any growth.
      const buffer = memory.buffer as unknown as SharedArrayBuffer;
      if (cached?.buffer !== buffer || cached.batch.count !== count) {
        const batch = viewBuffers(
          buffer,
          plan,
          dataset.itemShape,
          output!,
          count,
        );
        cached = { batch, buffer };
      }
      cached.batch.start = start;
      return cached.batch;
    },
  };
}

/**
 * The worker's side: instantiates the shared build on the state's memory and
 * returns a function that draws episodes start .. start + count - 1 into
 * episodes first .. first + count - 1 of `output`.
 */
export async function createSharedRunner(
  state: SharedWorkerState,
): Promise<
  (output: BatchBuffers, start: number, first: number, count: number) => void
> {
  const wasm = await instantiateHotPath("shared", state.memory);
  const { queries, supportSlots: slots, itemBytes, labelCount } = state;
  const imageBytes = state.float32 ? 4 : 1;

  return (output, start, first, count) => {
    const { pointers } = output;
    const queryAt = first * queries;
    const slotAt = first * slots;
    writeRecord(wasm, state.record, BATCH, {
      queryLabels: pointers.queryLabels + queryAt * 4,
      queryRows: pointers.queryRows + queryAt * 4,
      queryClasses: pointers.queryClasses + queryAt * 4,
      supportLabels: pointers.supportLabels + slotAt * 4,
      supportRows: pointers.supportRows + slotAt * 4,
      supportClasses: pointers.supportClasses + slotAt * 4,
      supportMask: pointers.supportMask + slotAt,
      ways: pointers.ways + first * 4,
      candidates: pointers.candidates + first * labelCount,
    });
    wasm.sampleEpisodes(state.plan, state.record, start, count);

    const gather = (rows: number, rowCount: number, out: number) => {
      if (state.float32) {
        wasm.gatherF32Staged(
          state.images,
          itemBytes,
          rows,
          rowCount,
          out,
          state.staging,
        );
      } else {
        wasm.gatherU8(state.images, itemBytes, rows, rowCount, out);
      }
    };
    const rowBytes = itemBytes * imageBytes;
    gather(
      pointers.queryRows + queryAt * 4,
      count * queries,
      output.queryImages + queryAt * rowBytes,
    );
    gather(
      pointers.supportRows + slotAt * 4,
      count * slots,
      output.supportImages + slotAt * rowBytes,
    );
  };
}
