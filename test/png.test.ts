import { describe, expect, test } from "vitest";
import { inflateSync } from "node:zlib";
import { crc32 } from "../src/crc32.js";
import { encodePng } from "../src/png.js";

/** Splits a PNG into its chunks, checking every CRC. */
function readChunks(png: Uint8Array): Map<string, Uint8Array> {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const chunks = new Map<string, Uint8Array>();
  for (let at = 8; at < png.length;) {
    const length = view.getUint32(at);
    const type = new TextDecoder().decode(png.subarray(at + 4, at + 8));
    const data = png.subarray(at + 8, at + 8 + length);
    const crc = view.getUint32(at + 8 + length);
    expect(crc).toBe(crc32(png.subarray(at + 4, at + 8 + length)));
    chunks.set(type, data);
    at += 12 + length;
  }
  return chunks;
}

describe("encodePng", () => {
  const width = 3;
  const height = 2;
  const rgb = Uint8Array.from({ length: width * height * 3 }, (_, i) => i * 7);
  const png = encodePng(rgb, width, height);

  test("starts with the PNG signature", () => {
    expect([...png.subarray(0, 8)]).toEqual([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a,
    ]);
  });

  test("IHDR holds size, depth 8 and RGB", () => {
    const header = readChunks(png).get("IHDR")!;
    const view = new DataView(header.buffer, header.byteOffset);
    expect(view.getUint32(0)).toBe(width);
    expect(view.getUint32(4)).toBe(height);
    expect(header[8]).toBe(8);
    expect(header[9]).toBe(2);
  });

  test("IDAT inflates to filtered scanlines", () => {
    const raw = inflateSync(readChunks(png).get("IDAT")!);
    expect(raw.length).toBe(height * (width * 3 + 1));
    expect(raw[0]).toBe(0);
    expect([...raw.subarray(1, 10)]).toEqual([...rgb.subarray(0, 9)]);
    expect([...raw.subarray(11, 20)]).toEqual([...rgb.subarray(9, 18)]);
  });

  test("ends with IEND", () => {
    expect(readChunks(png).has("IEND")).toBe(true);
  });

  test("wrong byte count is rejected", () => {
    expect(() => encodePng(new Uint8Array(5), 2, 2)).toThrow(RangeError);
  });
});
