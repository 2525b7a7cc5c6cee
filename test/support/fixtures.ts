// Small datasets written in every input format, built in code so the tests
// need no files from outside. Pixels and labels are fixed functions of the
// row, so any reader can be checked against the values that went in.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { zipSync } from "fflate";
import { PNG } from "pngjs";

/** A dataset in plain arrays, before it is written in some format. */
export interface Sample {
  readonly height: number;
  readonly width: number;
  /** `count * height * width` pixels. */
  readonly pixels: Uint8Array;
  /** One label per image, as written to the file. */
  readonly labels: readonly (number | string)[];
}

/** Makes `labels.length` images of `height` x `width` with distinct pixels. */
export function makeSample(
  labels: readonly (number | string)[],
  height = 3,
  width = 2,
): Sample {
  const pixels = new Uint8Array(labels.length * height * width);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 37 + 11) % 256;
  return { height, width, pixels, labels };
}

/** Returns a fresh temporary folder and a function that deletes it. */
export function tempFolder(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "episodes-formats-"));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Returns an IDX file of unsigned bytes with the given dimensions. */
export function idxBytes(dims: readonly number[], data: ArrayLike<number>) {
  const out = new Uint8Array(4 + 4 * dims.length + data.length);
  const view = new DataView(out.buffer);
  out[2] = 0x08;
  out[3] = dims.length;
  dims.forEach((dim, i) => view.setUint32(4 + 4 * i, dim, false)); // big-endian
  out.set(Array.from(data), 4 + 4 * dims.length);
  return out;
}

/** Writes train (and optionally test) IDX files of `sample` into `dir`. */
export function writeIdxFolder(dir: string, sample: Sample, prefix = ""): void {
  const { height, width, pixels, labels } = sample;
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, `${prefix}train-images-idx3-ubyte`),
    idxBytes([labels.length, height, width], pixels),
  );
  writeFileSync(
    join(dir, `${prefix}train-labels-idx1-ubyte`),
    idxBytes([labels.length], labels as number[]),
  );
}

/** Returns a .npy file: the header for `descr` and `shape`, then `data`. */
export function npyBytes(
  descr: string,
  shape: readonly number[],
  data: Uint8Array,
  fortranOrder = false,
): Uint8Array {
  const shapeText =
    shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
  const order = fortranOrder ? "True" : "False";
  const dict = `{'descr': '${descr}', 'fortran_order': ${order}, 'shape': ${shapeText}, }`;
  const total = Math.ceil((10 + dict.length + 1) / 64) * 64;
  const text = dict.padEnd(total - 11, " ") + "\n";
  const out = new Uint8Array(total + data.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  new DataView(out.buffer).setUint16(8, text.length, true);
  out.set(new TextEncoder().encode(text), 10);
  out.set(data, total);
  return out;
}

/** Encodes numbers as elements of a numpy dtype such as `>f4` or `<i8`. */
export function encodeElements(values: readonly number[], descr: string) {
  const size = Number(descr.slice(2));
  const little = descr[0] !== ">";
  const out = new Uint8Array(values.length * size);
  const view = new DataView(out.buffer);
  values.forEach((value, i) => {
    const at = i * size;
    switch (descr.slice(1)) {
      case "u1":
        return view.setUint8(at, value);
      case "u2":
        return view.setUint16(at, value, little);
      case "i4":
        return view.setInt32(at, value, little);
      case "i8":
        return view.setBigInt64(at, BigInt(value), little);
      case "f4":
        return view.setFloat32(at, value, little);
      case "f8":
        return view.setFloat64(at, value, little);
    }
    throw new Error(`no encoder for ${descr}`);
  });
  return out;
}

/** Encodes strings as a numpy `<U{width}` array. */
export function encodeUnicode(values: readonly string[], width: number) {
  const out = new Uint8Array(values.length * width * 4);
  const view = new DataView(out.buffer);
  values.forEach((text, row) =>
    [...text].forEach((char, c) =>
      view.setUint32((row * width + c) * 4, char.codePointAt(0)!, true),
    ),
  );
  return out;
}

/** Encodes the image and label arrays of `sample` as .npy files. */
export function sampleArrays(sample: Sample): [Uint8Array, Uint8Array] {
  const { height, width, pixels, labels } = sample;
  const images = npyBytes("|u1", [labels.length, height, width], pixels);
  if (typeof labels[0] === "string") {
    const width = Math.max(...labels.map((l) => String(l).length));
    const names = encodeUnicode(labels as string[], width);
    return [images, npyBytes(`<U${width}`, [labels.length], names)];
  }
  const values = encodeElements(labels as number[], "<i8");
  return [images, npyBytes("<i8", [labels.length], values)];
}

/** Returns an .npz archive of named .npy files, stored or deflated. */
export function npzBytes(
  arrays: Record<string, Uint8Array>,
  deflate = false,
): Uint8Array {
  const files = Object.fromEntries(
    Object.entries(arrays).map(([key, bytes]) => [
      `${key}.npy`,
      [bytes, { level: deflate ? 6 : 0 }] as const,
    ]),
  );
  return zipSync(files as Parameters<typeof zipSync>[0]);
}

/** Returns `sample` as CSV text: label first, then one column per pixel. */
export function csvText(sample: Sample, header = false): string {
  const pixelsPerImage = sample.height * sample.width;
  const rows = sample.labels.map((label, row) => {
    const start = row * pixelsPerImage;
    const pixels = sample.pixels.subarray(start, start + pixelsPerImage);
    return [label, ...pixels].join(",");
  });
  const names = Array.from({ length: pixelsPerImage }, (_, i) => `pixel${i}`);
  return (
    (header ? [["label", ...names].join(","), ...rows] : rows).join("\n") + "\n"
  );
}

/** Encodes gray pixels as a PNG of color type 0 (gray) or 2 (RGB). */
export function pngBytes(
  width: number,
  height: number,
  gray: ArrayLike<number>,
  colorType: 0 | 2 = 0,
): Buffer {
  const png = new PNG({ width, height });
  for (let i = 0; i < width * height; i++) {
    png.data.set([gray[i]!, gray[i]!, gray[i]!, 255], i * 4);
  }
  return PNG.sync.write(png, { colorType });
}

/** Writes `sample` as one sub-folder of PNG images per label. */
export function writePngFolder(
  dir: string,
  sample: Sample,
  colorType: 0 | 2 = 0,
) {
  const { height, width, pixels, labels } = sample;
  labels.forEach((label, row) => {
    const folder = join(dir, String(label));
    mkdirSync(folder, { recursive: true });
    const start = row * height * width;
    const gray = pixels.subarray(start, start + height * width);
    const name = `img${String(row).padStart(6, "0")}.png`;
    writeFileSync(join(folder, name), pngBytes(width, height, gray, colorType));
  });
}
