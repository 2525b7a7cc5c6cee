// Fingerprint of a dataset, stored in manifests so that a replay or a merge
// can tell whether it runs on the same items.

import { createHash } from "node:crypto";
import type { Dataset } from "./types.js";

/**
 * Returns the SHA-256, in hex, of the dataset's image bytes followed by its
 * labels as little-endian int32. Shape and label count are stored beside it
 * in manifests, so they are not hashed.
 */
export function datasetSha256(dataset: Dataset): string {
  const hash = createHash("sha256");
  hash.update(dataset.images);
  const labels = new Uint8Array(dataset.labels.byteLength);
  const view = new DataView(labels.buffer);
  dataset.labels.forEach((label, i) => view.setInt32(i * 4, label, true));
  hash.update(labels);
  return hash.digest("hex");
}
