import { existsSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, test } from "vitest";
import { ErrorCode } from "../src/errors.js";
import { runEpisodes, type EpisodeSink } from "../src/run-episodes.js";
import { createSampler } from "../src/sampler.js";
import { createBinSink } from "../src/write-bin.js";
import { createJsonlFileSink } from "../src/write-jsonl.js";
import { createNpzSink } from "../src/write-npz.js";
import type { Sampler } from "../src/types.js";
import { smallDataset } from "./helpers/dataset.js";
import { temporaryFolder } from "./helpers/cli.js";

const folder = temporaryFolder();
afterAll(folder.remove);
afterEach(() => {
  for (const name of readdirSync(folder.path)) {
    rmSync(join(folder.path, name), { recursive: true, force: true });
  }
});

/** Wraps a sink so that its n-th write fails as a full disk would. */
function failingAt(sink: EpisodeSink, failingWrite: number): EpisodeSink {
  let writes = 0;
  return {
    ...sink,
    write(batch) {
      if (++writes === failingWrite) {
        const error = new Error("ENOSPC: no space left on device, write");
        throw Object.assign(error, { code: "ENOSPC" });
      }
      return sink.write(batch);
    },
  };
}

async function sampler(): Promise<Sampler> {
  return createSampler({ dataset: smallDataset(), seed: 5 });
}

function binInfo(count: number) {
  const range = { start: 0, count };
  const dataset = { sha256: "0", items: 1, itemShape: [4, 4], labelCount: 10 };
  return { dataset, run: range, range };
}

const SINKS = {
  npz: (s: Sampler, path: string) => createNpzSink(s, path, 100),
  jsonl: (_s: Sampler, path: string) => createJsonlFileSink(path, 1),
  bin: (s: Sampler, path: string) => createBinSink(s, path, binInfo(100), 30),
};

describe.each(Object.entries(SINKS))("%s sink", (format, create) => {
  test("full disk leaves no output and names the count", async () => {
    const path = join(folder.path, `out.${format}`);
    const sink = failingAt(create(await sampler(), path), 3);
    const run = runEpisodes(await sampler(), sink, {
      count: 100,
      batchSize: 10,
    });
    await expect(run).rejects.toMatchObject({
      code: ErrorCode.writeFailed,
      message: expect.stringContaining("after writing 20 of 100 episodes"),
    });
    await expect(run).rejects.toThrow(path);
    expect(readdirSync(folder.path)).toEqual([]);
  });

  test("abort signal stops at a batch boundary", async () => {
    const path = join(folder.path, `out.${format}`);
    const controller = new AbortController();
    const run = runEpisodes(await sampler(), create(await sampler(), path), {
      count: 100,
      batchSize: 10,
      signal: controller.signal,
      onProgress: ({ done }) => done === 30 && controller.abort(),
    });
    await expect(run).rejects.toMatchObject({
      code: ErrorCode.interrupted,
      message: expect.stringContaining("after writing 30 of 100 episodes"),
    });
    expect(existsSync(path)).toBe(false);
    expect(readdirSync(folder.path)).toEqual([]);
  });

  test("complete run appears under the final name", async () => {
    const path = join(folder.path, `out.${format}`);
    await runEpisodes(await sampler(), create(await sampler(), path), {
      count: 100,
      batchSize: 16,
    });
    expect(readdirSync(folder.path)).toEqual([`out.${format}`]);
  });
});
