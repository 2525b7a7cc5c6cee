// The public entry point: validate once, pick an engine, draw batches.

import { allocateBatch, checkRange } from "./batch.js";
import { createJsEngine } from "./engine-js.js";
import { createGroupJsEngine } from "./engine-groups.js";
import { createGroupPlan } from "./group-plan.js";
import { createPlan } from "./plan.js";
import { createWasmEngine } from "./wasm.js";
import type { EpisodeBatch, Sampler, SamplerOptions } from "./types.js";

/**
 * Creates a sampler: validates the options against the dataset, builds the
 * label buckets and, for the wasm engine, instantiates the hot path.
 * @throws EpisodeSamplerError when an option or the dataset is invalid, with
 *   one of the codes in ErrorCode.
 */
export async function createSampler(options: SamplerOptions): Promise<Sampler> {
  const grouped =
    options?.candidates === "group" || options?.candidates === "group-all";
  const plan = grouped ? createGroupPlan(options) : createPlan(options);
  const { dataset } = options;
  const engine =
    plan.engine === "wasm"
      ? await createWasmEngine(dataset, plan)
      : plan.groups
        ? createGroupJsEngine(dataset, { ...plan, groups: plan.groups })
        : createJsEngine(dataset, plan);
  const resolved = {
    minWays: plan.minWays,
    maxWays: plan.maxWays,
    shots: plan.shots,
    queries: plan.queries,
    exclude: plan.exclude,
    seed: plan.seed,
    engine: plan.engine,
    dtype: plan.dtype,
    candidates: plan.candidates,
  };

  return {
    options: resolved,
    itemShape: dataset.itemShape,
    labelCount: plan.labelCount,
    ...(dataset.labelNames && { labelNames: dataset.labelNames }),
    groupNames: plan.groups?.groupNames,
    sample(count: number, sampleOptions = {}): EpisodeBatch {
      const start = sampleOptions.start ?? 0;
      checkRange(plan, count, start);
      const batch = allocateBatch(plan, dataset.itemShape, count, start);
      engine.sampleInto(batch, start, count);
      return batch;
    },
  };
}
