// Drawing a batch on the demo's canvas: one row per episode, the query on
// the left, then the support set, with the support images of the query's
// label outlined. Padding slots of episodes with fewer ways stay empty.

import type { GridBatch } from "./protocol.js";

/** Pixels per image pixel: 28 x 28 MNIST digits become 56 x 56 tiles. */
const SCALE = 2;
/** Space around each tile, in canvas pixels. */
const PAD = 6;
/** Height of the label text under each tile, in canvas pixels. */
const CAPTION = 14;
/** Extra space between the query column and the support set. */
const QUERY_GAP = 18;
const OUTLINE = "#f5a524";
const TEXT = "#c9d1d9";
const BACKGROUND = "#0d1117";

/** Copies one grayscale image into an RGBA canvas of its own size. */
function imageTile(
  pixels: Uint8Array,
  height: number,
  width: number,
): HTMLCanvasElement {
  const tile = document.createElement("canvas");
  tile.width = width;
  tile.height = height;
  const rgba = new ImageData(width, height);
  for (let i = 0; i < pixels.length; i++) {
    const value = pixels[i]!;
    rgba.data[i * 4] = value;
    rgba.data[i * 4 + 1] = value;
    rgba.data[i * 4 + 2] = value;
    rgba.data[i * 4 + 3] = 255;
  }
  tile.getContext("2d")!.putImageData(rgba, 0, 0);
  return tile;
}

/** Returns the labels that appear anywhere in the batch, ascending. */
export function batchLabels(batch: GridBatch): number[] {
  const seen = new Set<number>(batch.queryLabels);
  batch.supportLabels.forEach((label, slot) => {
    if (batch.supportMask[slot] === 1) seen.add(label);
  });
  return [...seen].sort((a, b) => a - b);
}

/**
 * Draws the first query and the support set of every episode of `batch`.
 * The queries per episode come from the array lengths.
 */
export function drawGrid(canvas: HTMLCanvasElement, batch: GridBatch): void {
  const [height = 1, width = 1] = batch.itemShape;
  const itemBytes = height * width;
  const queries = batch.queryLabels.length / batch.count;
  const cellWidth = width * SCALE + PAD;
  const cellHeight = height * SCALE + PAD + CAPTION;
  canvas.width = PAD + QUERY_GAP + (1 + batch.supportSlots) * cellWidth;
  canvas.height = PAD + batch.count * cellHeight;

  const context = canvas.getContext("2d")!;
  context.imageSmoothingEnabled = false;
  context.fillStyle = BACKGROUND;
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.font = "11px system-ui, sans-serif";
  context.textAlign = "center";

  const drawTile = (
    pixels: Uint8Array,
    label: number,
    x: number,
    y: number,
    outlined: boolean,
  ) => {
    const tile = imageTile(pixels, height, width);
    context.drawImage(tile, x, y, width * SCALE, height * SCALE);
    if (outlined) {
      context.strokeStyle = OUTLINE;
      context.lineWidth = 3;
      context.strokeRect(
        x - 1.5,
        y - 1.5,
        width * SCALE + 3,
        height * SCALE + 3,
      );
    }
    context.fillStyle = TEXT;
    context.fillText(
      String(label),
      x + (width * SCALE) / 2,
      y + height * SCALE + 12,
    );
  };

  for (let e = 0; e < batch.count; e++) {
    const y = PAD + e * cellHeight;

    // The first query of the episode, then a gap.
    const query = e * queries;
    const queryLabel = batch.queryLabels[query]!;
    const queryPixels = batch.queryImages.subarray(
      query * itemBytes,
      (query + 1) * itemBytes,
    );
    drawTile(queryPixels, queryLabel, PAD, y, false);

    // The support set, in slot order. Padding slots are left blank.
    for (let s = 0; s < batch.supportSlots; s++) {
      const slot = e * batch.supportSlots + s;
      if (batch.supportMask[slot] !== 1) continue;
      const label = batch.supportLabels[slot]!;
      const pixels = batch.supportImages.subarray(
        slot * itemBytes,
        (slot + 1) * itemBytes,
      );
      const x = PAD + QUERY_GAP + (1 + s) * cellWidth;
      drawTile(pixels, label, x, y, label === queryLabel);
    }
  }
}
