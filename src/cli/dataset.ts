// Turning the dataset flags of a command into a loaded dataset.

import { resolve } from "node:path";
import { defaultMnistDir, loadMnist, type Split } from "../mnist.js";
import type { Dataset } from "../types.js";

/** Flags that choose the dataset. */
export interface DatasetFlags {
  data?: string;
  split: Split;
}

/** A loaded dataset and a description of where it came from. */
export interface LoadedDataset {
  readonly dataset: Dataset;
  readonly source: string;
}

/** Loads the dataset the flags name. */
export async function loadDataset(flags: DatasetFlags): Promise<LoadedDataset> {
  const dataset = await loadMnist({ dir: flags.data, split: flags.split });
  const source =
    flags.data === undefined
      ? `MNIST shipped with the package (${defaultMnistDir()})`
      : resolve(flags.data);
  return { dataset, source };
}
