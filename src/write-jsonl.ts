// JSON Lines output: one object per episode with indices, labels, local
// class ids and ways, and no pixels. A file is written under a temporary
// name and renamed when complete. A stream (stdout) is written as the run
// goes and waits for "drain", so memory stays at one batch.

import { closeSync, fsyncSync, renameSync, rmSync, writeSync } from "node:fs";
import { resolve } from "node:path";
import type { Writable } from "node:stream";
import { EpisodeSamplerError, ErrorCode } from "./errors.js";
import type { EpisodeSink } from "./run-episodes.js";
import { openTemporaryFile } from "./temporary-file.js";
import type { EpisodeBatch } from "./types.js";

function list(values: Int32Array, from: number, length: number): string {
  return "[" + values.subarray(from, from + length).join(",") + "]";
}

/**
 * Returns the JSON lines of every episode in `batch`, each ending in "\n".
 * Support arrays list the real slots only (ways * shots), without padding.
 */
export function episodeLines(batch: EpisodeBatch, shots: number): string {
  const { queries: q, supportSlots: s } = batch;
  let text = "";
  for (let e = 0; e < batch.count; e++) {
    const ways = batch.ways[e]!;
    const real = ways * shots;
    text +=
      `{"episode":${batch.start + e},"ways":${ways}` +
      `,"query_indices":${list(batch.queryIndices, e * q, q)}` +
      `,"query_labels":${list(batch.queryLabels, e * q, q)}` +
      `,"query_classes":${list(batch.queryClasses, e * q, q)}` +
      `,"support_indices":${list(batch.supportIndices, e * s, real)}` +
      `,"support_labels":${list(batch.supportLabels, e * s, real)}` +
      `,"support_classes":${list(batch.supportClasses, e * s, real)}` +
      (batch.queryGroups
        ? `,"query_groups":${list(batch.queryGroups, e * q, q)}`
        : "") +
      "}\n";
  }
  return text;
}

/** Creates a sink that writes JSON lines to a file at `path`. */
export function createJsonlFileSink(path: string, shots: number): EpisodeSink {
  const { temporary, fd } = openTemporaryFile(path);
  let open = true;
  return {
    target: resolve(path),
    write(batch) {
      writeSync(fd, episodeLines(batch, shots));
    },
    close() {
      fsyncSync(fd);
      closeSync(fd);
      open = false;
      renameSync(temporary, path);
    },
    abort() {
      if (open) closeSync(fd);
      open = false;
      rmSync(temporary, { force: true });
    },
  };
}

/**
 * Creates a sink that streams JSON lines to `stream`. When the reader
 * closes the stream (EPIPE), the next write throws ERR_OUTPUT_CLOSED so the
 * caller can stop quietly.
 */
export function createJsonlStreamSink(
  stream: Writable,
  shots: number,
): EpisodeSink {
  let failure: Error | undefined;
  const onError = (error: Error) => (failure ??= error);
  stream.on("error", onError);

  const check = (): void => {
    if (failure === undefined) return;
    if ((failure as NodeJS.ErrnoException).code === "EPIPE") {
      throw new EpisodeSamplerError(
        ErrorCode.outputClosed,
        "The reader closed the output stream",
      );
    }
    throw failure;
  };

  return {
    target: "stdout",
    async write(batch) {
      check();
      if (!stream.write(episodeLines(batch, shots))) {
        await new Promise<void>((done) => {
          const finish = () => {
            stream.off("drain", finish);
            stream.off("error", finish);
            done();
          };
          stream.on("drain", finish);
          stream.on("error", finish);
        });
      }
      check();
    },
    // The stream's error listener stays attached: a late EPIPE after the
    // last batch must not become an uncaught exception.
    close: check,
    abort: () => undefined,
  };
}
