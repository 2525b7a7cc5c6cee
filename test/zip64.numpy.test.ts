// numpy opening an NPZ past 4 GiB. The archive is laid out with the zip.ts
// records the NPZ writer uses, but the big entry's data is a hole in a
// sparse file, so the test writes a few kilobytes instead of 4 GiB. numpy
// reads only the small entry placed after the hole, so the big entry's CRC
// is never checked; docs/long-runs.md records a full 4.9 GB run.

import { closeSync, ftruncateSync, openSync, writeSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { crc32 } from "../src/crc32.js";
import { arrayBytes, npyHeader } from "../src/npy.js";
import {
  centralDirectory,
  localHeader,
  localHeaderBytes,
  type ZipEntry,
} from "../src/zip.js";
import { runPython, temporaryFolder } from "./helpers/cli.js";

const BIG_SHAPE = [2 ** 32 + 64];
const SMALL = Int32Array.from([7, -3, 2 ** 30]);

function writeSparseNpz(path: string): void {
  const fd = openSync(path, "w");
  const entries: ZipEntry[] = [];
  let offset = 0;
  const add = (
    name: string,
    header: Uint8Array,
    dataBytes: number,
    data?: Uint8Array,
  ) => {
    const size = header.length + dataBytes;
    const crc = data ? crc32(data, crc32(header)) : 0;
    writeSync(fd, localHeader(name, size, crc), 0, undefined, offset);
    const dataStart = offset + localHeaderBytes(name, size);
    writeSync(fd, header, 0, undefined, dataStart);
    if (data) writeSync(fd, data, 0, undefined, dataStart + header.length);
    entries.push({ name, size, crc, offset });
    offset = dataStart + size;
  };
  add("big.npy", npyHeader("uint8", BIG_SHAPE), arrayBytes("uint8", BIG_SHAPE));
  ftruncateSync(fd, offset); // the hole is the big entry's zeros
  const small = new Uint8Array(SMALL.buffer);
  add("small.npy", npyHeader("int32", [SMALL.length]), small.length, small);
  writeSync(fd, centralDirectory(entries, offset), 0, undefined, offset);
  closeSync(fd);
}

describe("ZIP64", () => {
  const folder = temporaryFolder();
  afterAll(folder.remove);

  test("numpy reads sizes and offsets past 4 GiB", async () => {
    writeSparseNpz(join(folder.path, "big.npz"));
    const output = await runPython(
      `
import zipfile, numpy as np
archive = zipfile.ZipFile("big.npz")
big = archive.getinfo("big.npy")
small = archive.getinfo("small.npy")
npz = np.load("big.npz")
with archive.open("big.npy") as f:
    version = np.lib.format.read_magic(f)
    shape = np.lib.format.read_array_header_1_0(f)[0]
print(big.file_size, small.header_offset, npz["small"].tolist(), shape[0])
`,
      folder.path,
    );
    const [bigSize, smallOffset, ...rest] = output.trim().split(" ");
    expect(Number(bigSize)).toBeGreaterThan(2 ** 32);
    expect(Number(smallOffset)).toBeGreaterThan(2 ** 32);
    expect(rest.join(" ")).toBe(`[7, -3, 1073741824] ${BIG_SHAPE[0]}`);
  });
});
