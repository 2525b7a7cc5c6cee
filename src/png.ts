// A minimal PNG encoder for 8-bit RGB images (W3C PNG specification, third
// edition, https://www.w3.org/TR/png-3/): signature, IHDR, one IDAT of
// zlib-deflated scanlines with filter type 0 (None), IEND. Chunk lengths
// and CRCs are big-endian, as PNG requires.

import { deflateSync } from "node:zlib";
import { crc32 } from "./crc32.js";

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const COLOR_TYPE_RGB = 2;

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length); // big-endian
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  // The CRC covers the type and the data, not the length.
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/**
 * Encodes an RGB image as PNG.
 * @param rgb - `width * height * 3` bytes, rows top to bottom.
 * @returns The bytes of the PNG file.
 */
export function encodePng(
  rgb: Uint8Array,
  width: number,
  height: number,
): Uint8Array {
  if (rgb.length !== width * height * 3) {
    throw new RangeError(
      `Expected ${width * height * 3} bytes for a ${width}x${height} RGB image but received ${rgb.length}`,
    );
  }
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header[8] = 8; // bits per channel
  header[9] = COLOR_TYPE_RGB;
  // Compression, filter and interlace methods stay 0.

  const rowBytes = width * 3;
  const scanlines = new Uint8Array(height * (rowBytes + 1));
  for (let y = 0; y < height; y++) {
    // Each scanline starts with its filter type byte, 0 here.
    scanlines.set(
      rgb.subarray(y * rowBytes, (y + 1) * rowBytes),
      y * (rowBytes + 1) + 1,
    );
  }

  const parts = [
    Uint8Array.from(SIGNATURE),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(scanlines, { level: 9 })),
    chunk("IEND", new Uint8Array(0)),
  ];
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
