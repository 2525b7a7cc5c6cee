// An RGB canvas with the few drawing steps the preview grid needs: filled
// rectangles, outlines, scaled grayscale images and text in a 3x5 pixel
// font, so no image or font library is needed.

/** An RGB colour, each channel 0-255. */
export type Rgb = readonly [number, number, number];

// 3x5 glyphs, rows top to bottom, "#" for a lit pixel.
const GLYPHS: Record<string, string> = {
  "0": "### #.# #.# #.# ###",
  "1": ".#. ##. .#. .#. ###",
  "2": "### ..# ### #.. ###",
  "3": "### ..# ### ..# ###",
  "4": "#.# #.# ### ..# ..#",
  "5": "### #.. ### ..# ###",
  "6": "### #.. ### #.# ###",
  "7": "### ..# ..# ..# ..#",
  "8": "### #.# ### #.# ###",
  "9": "### #.# ### ..# ###",
  A: ".#. #.# ### #.# #.#",
  B: "##. #.# ##. #.# ##.",
  C: ".## #.. #.. #.. .##",
  D: "##. #.# #.# #.# ##.",
  E: "### #.. ##. #.. ###",
  F: "### #.. ##. #.. #..",
  G: ".## #.. #.# #.# .##",
  H: "#.# #.# ### #.# #.#",
  I: "### .#. .#. .#. ###",
  K: "#.# #.# ##. #.# #.#",
  L: "#.. #.. #.. #.. ###",
  M: "#.# ### ### #.# #.#",
  N: "##. #.# #.# #.# #.#",
  O: ".#. #.# #.# #.# .#.",
  P: "##. #.# ##. #.. #..",
  Q: ".#. #.# #.# ##. .##",
  R: "##. #.# ##. #.# #.#",
  S: ".## #.. .#. ..# ##.",
  T: "### .#. .#. .#. .#.",
  U: "#.# #.# #.# #.# ###",
  V: "#.# #.# #.# #.# .#.",
  W: "#.# #.# ### ### #.#",
  X: "#.# #.# .#. #.# #.#",
  Y: "#.# #.# .#. .#. .#.",
  "#": "#.# ### #.# ### #.#",
  ".": "... ... ... ... .#.",
  ",": "... ... ... .#. #..",
  ":": "... .#. ... .#. ...",
  "=": "... ### ... ### ...",
  "-": "... ... ### ... ...",
  "/": "..# ..# .#. #.. #..",
  "(": ".#. #.. #.. #.. .#.",
  ")": ".#. ..# ..# ..# .#.",
  " ": "... ... ... ... ...",
};

/** Width and height of one glyph in font pixels, without spacing. */
export const GLYPH_WIDTH = 3;
export const GLYPH_HEIGHT = 5;

/** Returns the width in image pixels of `text` at `size` pixels per dot. */
export function textWidth(text: string, size: number): number {
  return text.length === 0 ? 0 : (text.length * 4 - 1) * size;
}

/** A mutable RGB image. */
export interface Canvas {
  readonly width: number;
  readonly height: number;
  /** `width * height * 3` bytes, rows top to bottom. */
  readonly rgb: Uint8Array;
}

/** Creates a canvas filled with `background`. */
export function createCanvas(
  width: number,
  height: number,
  background: Rgb,
): Canvas {
  const canvas = { width, height, rgb: new Uint8Array(width * height * 3) };
  fillRect(canvas, 0, 0, width, height, background);
  return canvas;
}

/** Fills a rectangle, clipped to the canvas; coordinates are rounded. */
export function fillRect(
  canvas: Canvas,
  x: number,
  y: number,
  width: number,
  height: number,
  color: Rgb,
): void {
  // A fractional row or column would shift the channels of the pixel.
  const x0 = Math.max(0, Math.round(x));
  const y0 = Math.max(0, Math.round(y));
  const x1 = Math.min(canvas.width, Math.round(x + width));
  const y1 = Math.min(canvas.height, Math.round(y + height));
  for (let row = y0; row < y1; row++) {
    for (let col = x0; col < x1; col++) {
      canvas.rgb.set(color, (row * canvas.width + col) * 3);
    }
  }
}

/** Draws a rectangle outline `thickness` pixels wide inside the bounds. */
export function strokeRect(
  canvas: Canvas,
  x: number,
  y: number,
  width: number,
  height: number,
  thickness: number,
  color: Rgb,
): void {
  fillRect(canvas, x, y, width, thickness, color);
  fillRect(canvas, x, y + height - thickness, width, thickness, color);
  fillRect(canvas, x, y, thickness, height, color);
  fillRect(canvas, x + width - thickness, y, thickness, height, color);
}

/** Draws a grayscale image of `width` x `height` bytes scaled up `scale`. */
export function drawGray(
  canvas: Canvas,
  x: number,
  y: number,
  pixels: Uint8Array,
  width: number,
  height: number,
  scale: number,
): void {
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) {
      const value = pixels[row * width + col]!;
      const color: Rgb = [value, value, value];
      fillRect(canvas, x + col * scale, y + row * scale, scale, scale, color);
    }
  }
}

/**
 * Draws `text` with its top-left corner at (x, y), `size` image pixels per
 * font dot. Letters are upper-cased; characters without a glyph are blank.
 */
export function drawText(
  canvas: Canvas,
  x: number,
  y: number,
  text: string,
  size: number,
  color: Rgb,
): void {
  [...text.toUpperCase()].forEach((char, i) => {
    const rows = (GLYPHS[char] ?? GLYPHS[" "]!).split(" ");
    const left = x + i * 4 * size;
    rows.forEach((row, r) => {
      for (let c = 0; c < GLYPH_WIDTH; c++) {
        if (row[c] !== "#") continue;
        fillRect(canvas, left + c * size, y + r * size, size, size, color);
      }
    });
  });
}
