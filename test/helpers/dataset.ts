import type { Dataset } from "../../src/types.js";

/**
 * Builds a dataset of `labelCount` labels with `perLabel` items each, items
 * of 4x4 pixels whose bytes encode the row, so every image is distinct.
 */
export function smallDataset(labelCount = 10, perLabel = 12): Dataset {
  const count = labelCount * perLabel;
  const labels = Int32Array.from(
    { length: count },
    (_, row) => row % labelCount,
  );
  const images = Uint8Array.from(
    { length: count * 16 },
    (_, i) => (Math.floor(i / 16) * 7 + (i % 16)) % 256,
  );
  return { images, labels, itemShape: [4, 4], labelCount };
}
