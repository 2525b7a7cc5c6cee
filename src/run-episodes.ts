// The loop of a long run: draw a batch, hand it to a sink, yield to the event
// loop, repeat. Yielding between batches lets a SIGINT handler or a closed
// pipe stop the run at a batch boundary, and the sink then deletes its
// partial output so nothing incomplete appears under the final name.

import { setImmediate as nextTurn } from "node:timers/promises";
import { EpisodeSamplerError, ErrorCode } from "./errors.js";
import { DEFAULT_BATCH_SIZE, type Progress } from "./write-npz.js";
import type { EpisodeBatch, Sampler } from "./types.js";

/** Destination of the batches of a run: a file, a folder or a stream. */
export interface EpisodeSink {
  /** Absolute path or "stdout", for messages. */
  readonly target: string;
  /** Writes the next batch; batches arrive in episode order. */
  write(batch: EpisodeBatch): void | Promise<void>;
  /** Finishes the output and moves it under its final name. */
  close(): void | Promise<void>;
  /** Deletes the partial output; the final name is left untouched. */
  abort(): void;
}

/** Options of {@link runEpisodes}. */
export interface RunOptions {
  /** Number of episodes to write. */
  count: number;
  /** Index of the first episode. @default 0 */
  start?: number;
  /** Episodes per batch; memory use grows with it. @default 256 */
  batchSize?: number;
  /** Stops the run at the next batch boundary when aborted. */
  signal?: AbortSignal;
  /** Called after each batch is written. */
  onProgress?: (progress: Progress) => void;
}

function stoppedMessage(
  cause: string,
  done: number,
  count: number,
  sink: EpisodeSink,
): string {
  if (sink.target === "stdout") {
    return `${cause} after writing ${done} of ${count} episodes to stdout`;
  }
  return `${cause} after writing ${done} of ${count} episodes to temporary output beside ${sink.target}; it was deleted and ${sink.target} was not written`;
}

function wrapError(
  error: unknown,
  done: number,
  count: number,
  sink: EpisodeSink,
  signal: AbortSignal | undefined,
): Error {
  if (error instanceof EpisodeSamplerError) {
    if (error.code === ErrorCode.outputClosed) return error;
    if (error.code !== ErrorCode.interrupted) return error;
    const reason = signal?.reason;
    const by = typeof reason === "string" ? ` by ${reason}` : "";
    return new EpisodeSamplerError(
      error.code,
      stoppedMessage(`Interrupted${by}`, done, count, sink),
    );
  }
  const reason = (error as Error).message;
  return new EpisodeSamplerError(
    ErrorCode.writeFailed,
    stoppedMessage(`Write failed (${reason})`, done, count, sink),
  );
}

/**
 * Draws `count` episodes in batches and writes them to `sink`. On any error,
 * and when `signal` aborts, the sink's partial output is deleted.
 * @throws EpisodeSamplerError ERR_INTERRUPTED when `signal` aborts,
 *   ERR_WRITE_FAILED when the sink fails (the message gives the episodes
 *   written and the path), ERR_OUTPUT_CLOSED when a stream's reader left.
 */
export async function runEpisodes(
  sampler: Sampler,
  sink: EpisodeSink,
  options: RunOptions,
): Promise<void> {
  const { count, start = 0, batchSize = DEFAULT_BATCH_SIZE } = options;
  let done = 0;
  try {
    while (done < count) {
      if (options.signal?.aborted) {
        throw new EpisodeSamplerError(ErrorCode.interrupted, "Interrupted");
      }
      const size = Math.min(batchSize, count - done);
      // A view is valid until the next call, and each sink has consumed the
      // batch by the time write() settles, so no copy is needed.
      await sink.write(sampler.sampleView(size, { start: start + done }));
      done += size;
      options.onProgress?.({ done, total: count });
      await nextTurn();
    }
    await sink.close();
  } catch (error) {
    sink.abort();
    throw wrapError(error, done, count, sink, options.signal);
  }
}
