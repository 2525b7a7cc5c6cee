// Turning the dataset flags of a command into a loaded dataset.

import { EpisodeSamplerError, ErrorCode } from "../errors.js";
import { readDataset } from "../formats/read.js";
import { defaultMnistDir, type Split } from "../mnist.js";
import type { DataFormat, Dataset } from "../types.js";

/** Flags that choose the dataset. */
export interface DatasetFlags {
  data?: string;
  dataFormat?: DataFormat;
  imagesKey?: string;
  labelsKey?: string;
  labelColumn?: string;
  split?: Split;
}

/** A loaded dataset and a description of where it came from. */
export interface LoadedDataset {
  readonly dataset: Dataset;
  readonly source: string;
  readonly format: DataFormat;
  /** Split that was read, for formats with splits. */
  readonly split?: Split;
}

/**
 * Loads the dataset the flags name: `--data` in any supported format, or
 * the MNIST shipped with the package.
 */
export async function loadDataset(flags: DatasetFlags): Promise<LoadedDataset> {
  const shipped = flags.data === undefined;
  const loaded = await readDataset(flags.data ?? defaultMnistDir(), {
    format: shipped ? (flags.dataFormat ?? "idx") : flags.dataFormat,
    ...(flags.split && { split: flags.split }),
    ...(flags.imagesKey !== undefined && { imagesKey: flags.imagesKey }),
    ...(flags.labelsKey !== undefined && { labelsKey: flags.labelsKey }),
    ...(flags.labelColumn !== undefined && { labelColumn: flags.labelColumn }),
  });
  const source = shipped
    ? `MNIST shipped with the package (${loaded.path})`
    : loaded.path;
  return {
    dataset: loaded.dataset,
    source,
    format: loaded.format,
    ...(loaded.split && { split: loaded.split }),
  };
}

/**
 * Turns the labels of `--exclude`, given as they appear in the data file
 * (such as `3` or `cat`), into label ids.
 * @throws EpisodeSamplerError ERR_UNKNOWN_LABEL for a label the dataset
 *   lacks.
 */
export function excludedIds(
  dataset: Dataset,
  labels: readonly string[] | undefined,
): number[] | undefined {
  if (labels === undefined) return undefined;
  const names =
    dataset.labelNames ??
    Array.from({ length: dataset.labelCount }, (_, id) => String(id));
  return labels.map((label) => {
    const id = names.indexOf(label);
    if (id === -1) {
      const listed = names.slice(0, 20).join(", ");
      const more = names.length > 20 ? ", ..." : "";
      throw new EpisodeSamplerError(
        ErrorCode.unknownLabel,
        `Cannot exclude label "${label}": the dataset has labels ${listed}${more}; run episodes info to list them`,
      );
    }
    return id;
  });
}
