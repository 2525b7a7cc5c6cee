// Turns tinybench results into rows, ratios, a printed table and JSON.

import type { Task } from "tinybench";

/** One measured row of the benchmark. */
export interface Row {
  readonly group: string;
  readonly name: string;
  /** Median time of one run, in milliseconds: the figure ratios use. */
  readonly medianMs: number;
  /** Fastest run, in milliseconds. */
  readonly minMs: number;
  /** Median absolute deviation over the median, in percent. */
  readonly madPercent: number;
  /** Runs measured, over every round. */
  readonly samples: number;
  /** Episodes per run, 0 for rows that draw none. */
  readonly episodes: number;
  /** Bytes written per run. */
  readonly bytes: number;
}

/** Times of one task collected over several rounds. */
export class SampleSet {
  readonly times: number[] = [];

  /** Adds the retained samples of a finished tinybench task. */
  add(task: Task): void {
    const result = task.result;
    if (result.state !== "completed") {
      throw new Error(`Benchmark ${task.name} ended as ${result.state}`);
    }
    this.times.push(...(result.latency.samples ?? []));
  }

  /** Summarises the times as a row. */
  toRow(group: string, name: string, episodes: number, bytes: number): Row {
    const sorted = [...this.times].sort((a, b) => a - b);
    const median = quantile(sorted);
    const deviations = sorted.map((t) => Math.abs(t - median));
    const mad = quantile(deviations.sort((a, b) => a - b));
    return {
      group,
      name,
      medianMs: median,
      minMs: sorted[0]!,
      madPercent: (100 * mad) / median,
      samples: sorted.length,
      episodes,
      bytes,
    };
  }
}

function quantile(sorted: readonly number[], q = 0.5): number {
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (at - low);
}

function format(value: number, digits = 0): string {
  return value.toLocaleString("en-US", {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  });
}

/** Formats rows as a markdown table. */
export function rowTable(rows: readonly Row[]): string {
  const lines = [
    "| group | row | median ms | min ms | mad % | runs | episodes/s | MB/s written |",
    "|---|---|--:|--:|--:|--:|--:|--:|",
  ];
  for (const row of rows) {
    const seconds = row.medianMs / 1000;
    const episodes = row.episodes ? format(row.episodes / seconds) : "";
    const megabytes = row.bytes ? format(row.bytes / seconds / 1e6) : "";
    lines.push(
      `| ${row.group} | ${row.name} | ${format(row.medianMs, 3)} | ${format(row.minMs, 3)} | ${format(row.madPercent, 1)} | ${row.samples} | ${episodes} | ${megabytes} |`,
    );
  }
  return lines.join("\n");
}

/** A ratio of two rows' speeds: how many times faster `row` is than `base`. */
export interface Ratio {
  readonly group: string;
  readonly name: string;
  readonly value: number;
}

/** Returns base median time / row median time, rows found by name. */
export function ratio(
  rows: readonly Row[],
  group: string,
  name: string,
  baseName: string,
  label: string,
): Ratio {
  const find = (wanted: string) => {
    const row = rows.find((r) => r.group === group && r.name === wanted);
    if (!row) throw new Error(`No benchmark row ${group} / ${wanted}`);
    return row;
  };
  return {
    group,
    name: label,
    value: find(baseName).medianMs / find(name).medianMs,
  };
}

/** Formats ratios as a markdown table, one column per ratio name. */
export function ratioTable(ratios: readonly Ratio[]): string {
  const names = [...new Set(ratios.map((r) => r.name))];
  const groups = [...new Set(ratios.map((r) => r.group))];
  const lines = [
    `| group | ${names.join(" | ")} |`,
    `|---|${names.map(() => "--:").join("|")}|`,
  ];
  for (const group of groups) {
    const cells = names.map((name) => {
      const found = ratios.find((r) => r.group === group && r.name === name);
      return found ? format(found.value, 2) : "";
    });
    lines.push(`| ${group} | ${cells.join(" | ")} |`);
  }
  return lines.join("\n");
}
