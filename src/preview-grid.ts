// Layout of the preview image: one row per episode, the query images first,
// then the support set grouped by way. Every image has a coloured outline
// and its label printed under it: blue for queries, green for the support
// images of the query's label (the positives), gray for the rest.

import {
  createCanvas,
  drawGray,
  drawText,
  fillRect,
  GLYPH_HEIGHT,
  strokeRect,
  textWidth,
  type Canvas,
  type Rgb,
} from "./raster.js";
import type { EpisodeBatch } from "./types.js";

const WHITE: Rgb = [255, 255, 255];
const INK: Rgb = [40, 40, 40];
const QUERY_COLOR: Rgb = [30, 100, 230];
const POSITIVE_COLOR: Rgb = [20, 160, 60];
const OTHER_COLOR: Rgb = [185, 185, 185];

const MARGIN = 16; // around the whole image, in pixels
const BORDER = 3; // outline width
const TEXT_SIZE = 3; // image pixels per font dot under the images
const HEADER_SIZE = 2; // image pixels per font dot in the header
const CELL_GAP = 4; // between images of one way
const WAY_GAP = 12; // between ways
const SECTION_GAP = 28; // between the queries and the support set
const ROW_GAP = 14; // between episodes

/** Options of {@link drawEpisodeGrid}. */
export interface GridOptions {
  /** Support images per way. */
  shots: number;
  /** Image pixels per item pixel. @default 3 */
  scale?: number;
  /** First header line, e.g. the seed and options. */
  title: string;
}

interface Geometry {
  readonly itemWidth: number;
  readonly itemHeight: number;
  readonly cellWidth: number;
  readonly cellHeight: number;
  readonly rowHeight: number;
  readonly indexWidth: number;
  readonly headerHeight: number;
}

function geometry(batch: EpisodeBatch, scale: number): Geometry {
  const itemHeight = batch.itemShape[0]!;
  const itemBytes = batch.itemShape.reduce((product, size) => product * size);
  const itemWidth = itemBytes / itemHeight;
  const cellWidth = itemWidth * scale + 2 * BORDER;
  const cellHeight = itemHeight * scale + 2 * BORDER;
  const lastIndex = `${batch.start + batch.count - 1}`;
  return {
    itemWidth,
    itemHeight,
    cellWidth,
    cellHeight,
    rowHeight: cellHeight + 4 + GLYPH_HEIGHT * TEXT_SIZE + ROW_GAP,
    indexWidth: textWidth(lastIndex, TEXT_SIZE) + 16,
    headerHeight: 2 * (GLYPH_HEIGHT * HEADER_SIZE + 8) + 8,
  };
}

/** Returns the x of each support slot drawn, relative to the section. */
function supportOffsets(ways: number, shots: number, cell: number): number[] {
  const offsets: number[] = [];
  let x = 0;
  for (let way = 0; way < ways; way++) {
    for (let shot = 0; shot < shots; shot++) {
      offsets.push(x);
      x += cell + (shot < shots - 1 ? CELL_GAP : WAY_GAP);
    }
  }
  return offsets;
}

function drawCell(
  canvas: Canvas,
  x: number,
  y: number,
  batch: EpisodeBatch,
  geo: Geometry,
  pixels: Uint8Array,
  label: number,
  color: Rgb,
): void {
  const scale = (geo.cellWidth - 2 * BORDER) / geo.itemWidth;
  strokeRect(canvas, x, y, geo.cellWidth, geo.cellHeight, BORDER, color);
  drawGray(
    canvas,
    x + BORDER,
    y + BORDER,
    pixels,
    geo.itemWidth,
    geo.itemHeight,
    scale,
  );
  const text = String(label);
  const textX = x + (geo.cellWidth - textWidth(text, TEXT_SIZE)) / 2;
  const textColor = color === OTHER_COLOR ? INK : color;
  drawText(canvas, textX, y + geo.cellHeight + 4, text, TEXT_SIZE, textColor);
}

function drawHeader(canvas: Canvas, title: string): void {
  const lineHeight = GLYPH_HEIGHT * HEADER_SIZE + 8;
  drawText(
    canvas,
    MARGIN,
    MARGIN,
    `${title}  (ONE ROW PER EPISODE, INDEX AT LEFT)`,
    HEADER_SIZE,
    INK,
  );
  const y = MARGIN + lineHeight;
  const square = GLYPH_HEIGHT * HEADER_SIZE;
  const entries: [Rgb, string][] = [
    [QUERY_COLOR, "QUERY"],
    [POSITIVE_COLOR, "SUPPORT, SAME LABEL AS QUERY"],
    [OTHER_COLOR, "SUPPORT, OTHER LABEL"],
  ];
  let x = MARGIN;
  for (const [color, text] of entries) {
    fillRect(canvas, x, y, square, square, color);
    drawText(canvas, x + square + 6, y, text, HEADER_SIZE, INK);
    x += square + 6 + textWidth(text, HEADER_SIZE) + 24;
  }
}

/**
 * Draws the episodes of a uint8 batch as one image, one row per episode:
 * the episode index, the queries, then the real support slots by way.
 */
export function drawEpisodeGrid(
  batch: EpisodeBatch,
  options: GridOptions,
): Canvas {
  const { shots, scale = 3 } = options;
  const geo = geometry(batch, scale);
  const itemBytes = geo.itemWidth * geo.itemHeight;
  const images = batch.queryImages as Uint8Array;
  const supportImages = batch.supportImages as Uint8Array;
  const maxWays = batch.supportSlots / shots;
  const queriesWidth = batch.queries * (geo.cellWidth + CELL_GAP) - CELL_GAP;
  const supportX = MARGIN + geo.indexWidth + queriesWidth + SECTION_GAP;
  const support = supportOffsets(maxWays, shots, geo.cellWidth);
  const width = Math.max(
    supportX + (support.at(-1) ?? 0) + geo.cellWidth + MARGIN,
    MARGIN * 2 + textWidth(options.title, HEADER_SIZE) + 400,
    900,
  );
  const height = MARGIN * 2 + geo.headerHeight + batch.count * geo.rowHeight;
  const canvas = createCanvas(width, height, WHITE);
  drawHeader(canvas, options.title);

  for (let e = 0; e < batch.count; e++) {
    const y = MARGIN + geo.headerHeight + e * geo.rowHeight;
    const textY = y + (geo.cellHeight - GLYPH_HEIGHT * TEXT_SIZE) / 2;
    drawText(canvas, MARGIN, textY, `${batch.start + e}`, TEXT_SIZE, INK);
    const queryLabel = batch.queryLabels[e * batch.queries]!;
    for (let q = 0; q < batch.queries; q++) {
      const at = e * batch.queries + q;
      const pixels = images.subarray(at * itemBytes, (at + 1) * itemBytes);
      const x = MARGIN + geo.indexWidth + q * (geo.cellWidth + CELL_GAP);
      drawCell(canvas, x, y, batch, geo, pixels, queryLabel, QUERY_COLOR);
    }
    const divider = supportX - SECTION_GAP / 2 - 1;
    fillRect(canvas, divider, y, 2, geo.cellHeight, OTHER_COLOR);

    const real = batch.ways[e]! * shots;
    for (let s = 0; s < real; s++) {
      const at = e * batch.supportSlots + s;
      const label = batch.supportLabels[at]!;
      const pixels = supportImages.subarray(
        at * itemBytes,
        (at + 1) * itemBytes,
      );
      const color = label === queryLabel ? POSITIVE_COLOR : OTHER_COLOR;
      drawCell(
        canvas,
        supportX + support[s]!,
        y,
        batch,
        geo,
        pixels,
        label,
        color,
      );
    }
  }
  return canvas;
}
