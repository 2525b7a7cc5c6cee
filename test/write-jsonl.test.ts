import { Writable } from "node:stream";
import { describe, expect, test } from "vitest";
import { ErrorCode } from "../src/errors.js";
import { createSampler } from "../src/sampler.js";
import { createJsonlStreamSink, episodeLines } from "../src/write-jsonl.js";
import { smallDataset } from "./helpers/dataset.js";

async function batch() {
  const sampler = await createSampler({
    dataset: smallDataset(),
    ways: [2, 4],
    shots: 2,
    queries: 3,
    seed: 1,
  });
  return sampler.sample(20, { start: 100 });
}

describe("episodeLines", () => {
  test("one object per episode, no padding", async () => {
    const episodes = await batch();
    const lines = episodeLines(episodes, 2).trimEnd().split("\n");
    expect(lines).toHaveLength(20);
    lines.forEach((line, e) => {
      const episode = JSON.parse(line);
      const slots = episodes.supportSlots;
      const real = episodes.ways[e]! * 2;
      expect(episode.episode).toBe(100 + e);
      expect(episode.ways).toBe(episodes.ways[e]);
      expect(episode.query_indices).toEqual([
        ...episodes.queryIndices.subarray(e * 3, e * 3 + 3),
      ]);
      expect(episode.support_labels).toEqual([
        ...episodes.supportLabels.subarray(e * slots, e * slots + real),
      ]);
      expect(episode.support_classes).toHaveLength(real);
    });
  });

  test("keys are fixed and hold no pixels", async () => {
    const line = JSON.parse(episodeLines(await batch(), 2).split("\n")[0]!);
    expect(Object.keys(line)).toEqual([
      "episode",
      "ways",
      "query_indices",
      "query_labels",
      "query_classes",
      "support_indices",
      "support_labels",
      "support_classes",
    ]);
  });
});

describe("createJsonlStreamSink", () => {
  test("closed reader becomes ERR_OUTPUT_CLOSED", async () => {
    const stream = new Writable({
      write(_chunk, _encoding, done) {
        done(Object.assign(new Error("write EPIPE"), { code: "EPIPE" }));
      },
    });
    const sink = createJsonlStreamSink(stream, 2);
    const episodes = await batch();
    await Promise.resolve(sink.write(episodes)).catch(() => undefined);
    await new Promise((resolve) => setImmediate(resolve));
    await expect(sink.write(episodes)).rejects.toMatchObject({
      code: ErrorCode.outputClosed,
    });
  });

  test("waits for drain when the stream is full", async () => {
    const chunks: string[] = [];
    const stream = new Writable({
      highWaterMark: 16,
      write(chunk, _encoding, done) {
        chunks.push(String(chunk));
        setTimeout(done, 5);
      },
    });
    const sink = createJsonlStreamSink(stream, 2);
    const episodes = await batch();
    await sink.write(episodes);
    expect(stream.writableLength).toBe(0);
    expect(chunks.join("")).toBe(episodeLines(episodes, 2));
  });
});
