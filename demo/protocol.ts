// Messages between the demo page and its sampling worker. Every request
// carries an id; the page ignores replies to requests it has since replaced.

import type { Engine } from "../src/browser.js";

/** Sampler options the page's controls set. */
export interface DemoOptions {
  readonly ways: number;
  readonly shots: number;
  readonly exclude: readonly number[];
  readonly seed: number;
  readonly engine: Engine;
  /** Episodes in the batch drawn on the grid and downloaded. */
  readonly count: number;
}

/** Request from the page to the worker. */
export interface DemoRequest {
  readonly type: "draw" | "download";
  readonly id: number;
  readonly options: DemoOptions;
}

/** Arrays of a batch the grid needs, copied out of the sampler's batch. */
export interface GridBatch {
  readonly count: number;
  readonly itemShape: readonly number[];
  readonly supportSlots: number;
  readonly queryImages: Uint8Array;
  readonly queryLabels: Int32Array;
  readonly supportImages: Uint8Array;
  readonly supportLabels: Int32Array;
  readonly supportMask: Uint8Array;
}

/** Reply from the worker to the page. */
export type DemoReply =
  | { readonly type: "batch"; readonly id: number; readonly batch: GridBatch }
  | {
      readonly type: "rate";
      readonly id: number;
      /** Episodes drawn per second, measured over about 500 ms. */
      readonly episodesPerSecond: number;
    }
  | { readonly type: "npz"; readonly id: number; readonly bytes: Uint8Array }
  | {
      readonly type: "error";
      readonly id: number;
      readonly code: string;
      readonly message: string;
    };
