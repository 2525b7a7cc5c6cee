// Random byte flips and truncations of valid files of every format, fed
// to `episodes sample`. Each run must end in a coded error or a complete,
// readable output file: never an uncaught exception, a hang (the test
// timeout bounds it) or a partial file. The generator is seeded, so a
// failure names the case that reproduces it.

import {
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, test } from "vitest";
import { ErrorCode } from "../src/errors.js";
import {
  extractZipEntry,
  readZipDirectory,
} from "../src/formats/zip-reader.js";
import { runEpisodes } from "./support/cli.js";
import {
  csvText,
  idxBytes,
  makeSample,
  npzBytes,
  pngBytes,
  sampleArrays,
  tempFolder,
} from "./support/fixtures.js";

const SEED = Number(process.env.FUZZ_SEED ?? 20240611);
/** Cases per format; raise FUZZ_CASES for a longer local run. */
const CASES_PER_FORMAT = Number(process.env.FUZZ_CASES ?? 60);
const CODES = new Set<string>(Object.values(ErrorCode));

/** mulberry32: a small seeded generator for the mutations only. */
function createRandom(seed: number) {
  let state = seed >>> 0;
  return (limit: number): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) % limit;
  };
}

/** A valid input: relative file paths and their bytes. */
type Files = Record<string, Uint8Array>;

const labels = [0, 1, 2, 0, 1, 2, 0, 1, 2, 1];
const sample = makeSample(labels, 4, 3);
const [npyImages, npyLabels] = sampleArrays(sample);
const pngFiles: Files = {};
labels.forEach((label, row) => {
  const gray = sample.pixels.subarray(row * 12, (row + 1) * 12);
  pngFiles[`${label}/img${row}.png`] = pngBytes(
    3,
    4,
    gray,
    row % 2 === 0 ? 0 : 2,
  );
});

const VALID: Record<string, { files: Files; data: string }> = {
  idx: {
    data: "",
    files: {
      "train-images-idx3-ubyte": idxBytes([10, 4, 3], sample.pixels),
      "train-labels-idx1-ubyte.gz": gzipSync(idxBytes([10], labels)),
    },
  },
  npz: {
    data: "data.npz",
    files: {
      "data.npz": npzBytes({ x_train: npyImages, y_train: npyLabels }, true),
    },
  },
  npy: {
    data: "",
    files: { "images.npy": npyImages, "labels.npy": npyLabels },
  },
  csv: {
    data: "data.csv",
    files: { "data.csv": new TextEncoder().encode(csvText(sample, true)) },
  },
  png: { data: "", files: pngFiles },
};

function mutate(bytes: Uint8Array, random: (limit: number) => number) {
  // Copy first: Buffer.slice would return a view and mutate the original.
  const out = new Uint8Array(bytes);
  if (random(2) === 0) return out.subarray(0, random(out.length));
  const flips = 1 + random(4);
  for (let i = 0; i < flips; i++) out[random(out.length)]! ^= 1 + random(255);
  return out;
}

function writeFiles(dir: string, files: Files): void {
  for (const [name, bytes] of Object.entries(files)) {
    const path = join(dir, name);
    mkdirSync(join(path, ".."), { recursive: true });
    writeFileSync(path, bytes);
  }
}

/** Checks that an output NPZ is complete: every entry has a good CRC. */
function readsBack(path: string): number {
  const bytes = new Uint8Array(readFileSync(path));
  const entries = readZipDirectory(bytes, path);
  for (const entry of entries) extractZipEntry(bytes, entry, path);
  return entries.length;
}

const temp = tempFolder();
afterAll(temp.remove);

describe("fuzzed inputs", () => {
  test.each(Object.keys(VALID))(
    "%s: coded error or complete output",
    async (format) => {
      const random = createRandom(SEED + format.charCodeAt(0));
      const { files, data } = VALID[format]!;
      const names = Object.keys(files);
      const outcomes = { ok: 0, error: 0 };
      for (let round = 0; round < CASES_PER_FORMAT; round++) {
        const dir = join(temp.dir, `${format}-${round}`);
        const outDir = join(dir, "..", `${format}-${round}-out`);
        mkdirSync(outDir, { recursive: true });
        const target = names[random(names.length)]!;
        writeFiles(dir, { ...files, [target]: mutate(files[target]!, random) });

        const run = await runEpisodes([
          "sample",
          "--data",
          join(dir, data),
          "-n",
          "4",
          "--seed",
          "1",
          "--engine",
          "js",
          "-q",
          "-o",
          join(outDir, "out.npz"),
        ]);
        const context = `${format} round ${round} (seed ${SEED}), ${target}: ${run.err}`;
        if (run.code === undefined) {
          outcomes.ok++;
          expect(readdirSync(outDir), context).toEqual(["out.npz"]);
          expect(readsBack(join(outDir, "out.npz")), context).toBeGreaterThan(
            10,
          );
        } else {
          outcomes.error++;
          if (process.env.FUZZ_DEBUG) console.log(context);
          expect(CODES.has(run.code), context).toBe(true);
          expect(readdirSync(outDir), context).toEqual([]);
        }
        rmSync(dir, { recursive: true, force: true });
      }
      if (process.env.FUZZ_CASES) console.log(format, outcomes);
      expect(outcomes.error).toBeGreaterThan(0);
    },
    60_000,
  );
});
