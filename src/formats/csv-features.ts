// CSV files of feature rows: one column contains the label (the target), an
// optional column the group, and numeric columns the features.
// Each row becomes one float32 record of D features. The first line names
// the columns; fields follow RFC 4180 (https://www.rfc-editor.org/rfc/rfc4180):
// commas, double quotes around fields that contain them, "" for a quote.

import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { EpisodeSamplerError, ErrorCode } from "../errors.js";
import type { Dataset } from "../types.js";

/** Column roles in a CSV file of feature rows. */
export interface CsvFeatureOptions {
  /** Column of the label of each row. */
  labelColumn: string;
  /** Column of the group of each row. @default no groups */
  groupColumn?: string;
  /** Feature columns, in record order. @default every other column */
  featureColumns?: readonly string[];
}

/** A dataset read from CSV, with the names behind its integer ids. */
export interface CsvFeatures {
  readonly dataset: Dataset;
  /** Text of each label id: itself for whole-number labels. */
  readonly labelNames: readonly string[];
  readonly featureNames: readonly string[];
}

/** Splits CSV text into rows of fields; a trailing empty line is dropped. */
export function parseCsvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char !== '"') field += char;
      else if (text[i + 1] === '"') field += text[i++];
      else quoted = false;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      row.push(field);
      field = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += char;
  }
  if (field !== "" || row.length > 0) rows.push([...row, field]);
  return rows;
}

function columnIndex(header: readonly string[], name: string, role: string) {
  const index = header.indexOf(name);
  if (index < 0) {
    throw new EpisodeSamplerError(
      ErrorCode.csvColumn,
      `No ${role} column "${name}" in the CSV header; the columns are ${header.join(", ")}`,
    );
  }
  return index;
}

// Whole numbers sort as numbers, so labels 0..20 keep their values as ids;
// any other text sorts as text.
function namesToIds(values: readonly string[]): {
  ids: Int32Array;
  names: string[];
} {
  const whole = values.every((value) => /^\d+$/.test(value));
  if (whole) {
    const ids = Int32Array.from(values, Number);
    const count = ids.reduce((max, id) => Math.max(max, id + 1), 0);
    return { ids, names: Array.from({ length: count }, (_, i) => String(i)) };
  }
  const names = [...new Set(values)].sort();
  const idOf = new Map(names.map((name, id) => [name, id]));
  return { ids: Int32Array.from(values, (v) => idOf.get(v)!), names };
}

function readFeatures(
  rows: readonly string[][],
  columns: readonly number[],
  header: readonly string[],
): Float32Array {
  const features = new Float32Array(rows.length * columns.length);
  rows.forEach((row, r) => {
    columns.forEach((column, f) => {
      const text = row[column]!.trim();
      const value = text === "" ? NaN : Number(text);
      if (!Number.isFinite(value)) {
        throw new EpisodeSamplerError(
          ErrorCode.csvValue,
          `CSV data row ${r + 1}, column "${header[column]}": "${row[column]}" is not a finite number; fix the cell or leave the column out of the features`,
        );
      }
      features[r * columns.length + f] = value;
    });
  });
  return features;
}

/**
 * Reads CSV text into a dataset of float32 feature records.
 * @throws EpisodeSamplerError ERR_CSV_COLUMN for a missing column or a row
 *   of the wrong width, ERR_CSV_VALUE for an empty label or a feature that
 *   is not a finite number.
 */
export function parseCsvFeatures(
  text: string,
  options: CsvFeatureOptions,
): CsvFeatures {
  const [header, ...rows] = parseCsvRows(text);
  if (header === undefined || rows.length === 0) {
    throw new EpisodeSamplerError(
      ErrorCode.csvColumn,
      "The CSV has no header line or no data rows; the first line must name the columns",
    );
  }
  const names = header.map((name) => name.trim());
  const labelAt = columnIndex(names, options.labelColumn, "label");
  const groupAt =
    options.groupColumn === undefined
      ? -1
      : columnIndex(names, options.groupColumn, "group");
  const featureAt =
    options.featureColumns?.map((name) =>
      columnIndex(names, name, "feature"),
    ) ?? names.map((_, i) => i).filter((i) => i !== labelAt && i !== groupAt);
  if (featureAt.length === 0) {
    throw new EpisodeSamplerError(
      ErrorCode.csvColumn,
      "The CSV has no feature column besides the label and group columns",
    );
  }
  checkRows(rows, names, labelAt);

  const labels = namesToIds(rows.map((row) => row[labelAt]!.trim()));
  const images = readFeatures(rows, featureAt, names);
  const groups =
    groupAt < 0
      ? undefined
      : namesToIds(rows.map((row) => row[groupAt]!.trim()));
  const dataset: Dataset = {
    images,
    labels: labels.ids,
    itemShape: [featureAt.length],
    labelCount: labels.names.length,
    ...(groups && { groups: groups.ids, groupNames: groups.names }),
  };
  return {
    dataset,
    labelNames: labels.names,
    featureNames: featureAt.map((i) => names[i]!),
  };
}

function checkRows(
  rows: readonly string[][],
  header: readonly string[],
  labelAt: number,
): void {
  rows.forEach((row, r) => {
    if (row.length !== header.length) {
      throw new EpisodeSamplerError(
        ErrorCode.csvColumn,
        `CSV data row ${r + 1} has ${row.length} fields but the header has ${header.length}; quote fields that contain commas`,
      );
    }
    if (row[labelAt]!.trim() === "") {
      throw new EpisodeSamplerError(
        ErrorCode.csvValue,
        `CSV data row ${r + 1} has an empty label in column "${header[labelAt]}"; fill it or drop the row`,
      );
    }
  });
}

/**
 * Reads a CSV file into a dataset of float32 feature records.
 * @throws EpisodeSamplerError ERR_NOT_FOUND when the file cannot be read,
 *   and the codes of parseCsvFeatures.
 */
export async function loadCsvFeatures(
  path: string,
  options: CsvFeatureOptions,
): Promise<CsvFeatures> {
  const text = await readFile(path, "utf8").catch((error: Error) => {
    throw new EpisodeSamplerError(
      ErrorCode.notFound,
      `Cannot read CSV file ${resolve(path)}: ${error.message}`,
    );
  });
  return parseCsvFeatures(text, options);
}
