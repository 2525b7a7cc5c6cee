// CSV with one image per row: a label column (the first by default) and one
// column per pixel, as in the common mnist_train.csv. A header row is
// optional and recognised by a non-numeric pixel cell. Fields may be
// quoted ("cat", with "" for a quote) but may not contain line breaks.

import { ErrorCode } from "../errors.js";
import type { Dataset } from "../types.js";
import { dataError, quote } from "./data-error.js";
import { denseNamedLabels } from "./labels.js";

const COMMA = 0x2c;
const QUOTE = 0x22;
const NEWLINE = 0x0a;
const RETURN = 0x0d;
const DIGIT_0 = 0x30;
/** Bytes checked for NUL, which text never contains. */
const TEXT_PROBE_BYTES = 4096;

/** Field boundaries of one line: start and end offsets, end exclusive. */
interface Line {
  readonly number: number;
  readonly starts: number[];
  readonly ends: number[];
}

const decoder = new TextDecoder();

/** Splits the line `bytes[start, end)` at commas outside quotes. */
function splitLine(
  bytes: Uint8Array,
  start: number,
  end: number,
  number: number,
): Line {
  const starts = [start];
  const ends: number[] = [];
  let inQuotes = false;
  for (let at = start; at < end; at++) {
    const byte = bytes[at]!;
    if (byte === QUOTE) inQuotes = !inQuotes;
    else if (byte === COMMA && !inQuotes) {
      ends.push(at);
      starts.push(at + 1);
    }
  }
  ends.push(end);
  return { number, starts, ends };
}

/** Returns a field's text, without surrounding spaces and quotes. */
function fieldText(bytes: Uint8Array, line: Line, column: number): string {
  const text = decoder
    .decode(bytes.subarray(line.starts[column], line.ends[column]))
    .trim();
  if (text.length >= 2 && text.startsWith('"') && text.endsWith('"')) {
    return text.slice(1, -1).replaceAll('""', '"');
  }
  return text;
}

/** Range of one line, without its line break. */
interface LineRange {
  readonly number: number;
  readonly start: number;
  readonly end: number;
}

/** Yields the non-blank lines of the file. */
function* lines(bytes: Uint8Array): Generator<LineRange> {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  let start = bom ? 3 : 0;
  for (let number = 1; start < bytes.length; number++) {
    let end = bytes.indexOf(NEWLINE, start);
    if (end === -1) end = bytes.length;
    const next = end + 1;
    if (end > start && bytes[end - 1] === RETURN) end--;
    if (!isBlank(bytes, start, end)) yield { number, start, end };
    start = next;
  }
}

function isBlank(bytes: Uint8Array, start: number, end: number): boolean {
  for (let at = start; at < end; at++) {
    const byte = bytes[at]!;
    if (byte !== 0x20 && byte !== 0x09) return false;
  }
  return true;
}

/** Parses an unquoted pixel of plain digits, or returns -1. */
function fastPixel(bytes: Uint8Array, start: number, end: number): number {
  if (end <= start || end - start > 3) return -1;
  let value = 0;
  for (let at = start; at < end; at++) {
    const digit = bytes[at]! - DIGIT_0;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value <= 255 ? value : -1;
}

/** Parses any spelling of a whole number in 0..255, or returns -1. */
function slowPixel(text: string): number {
  const value = text === "" ? NaN : Number(text);
  return Number.isInteger(value) && value >= 0 && value <= 255 ? value : -1;
}

function isNumber(text: string): boolean {
  return text !== "" && Number.isFinite(Number(text));
}

/**
 * Resolves `--label-column` against the first row, and finds whether that
 * row is a header: it is when a cell other than the label is not a number.
 */
function labelIndex(
  first: string[],
  option: string | undefined,
  file: string,
): { index: number; header: boolean } {
  const nonNumeric = (skip: number) =>
    first.some((text, column) => column !== skip && !isNumber(text));
  if (option === undefined) return { index: 0, header: nonNumeric(0) };
  // All digits is an index, so a header name made of digits cannot be used.
  if (/^\d+$/.test(option) && Number(option) < first.length) {
    const index = Number(option);
    return { index, header: nonNumeric(index) };
  }
  const named = first.indexOf(option);
  if (named !== -1) return { index: named, header: true };
  throw dataError(
    ErrorCode.invalidOption,
    { file, position: "line 1" },
    `a label column named ${quote(option)} or a column index below ${first.length}`,
    `header ${quote(first.join(","))}`,
    "pass a header name or a 0-based index to --label-column",
  );
}

/**
 * Parses CSV bytes into a dataset. Images are square when the pixel count
 * is a square number, else one row of pixels.
 * @throws EpisodeSamplerError ERR_COLUMN_COUNT, ERR_BAD_VALUE,
 *   ERR_EMPTY_DATASET, ERR_UNKNOWN_FORMAT for binary data, or
 *   ERR_INVALID_OPTION for an unknown label column.
 */
export function parseCsv(
  bytes: Uint8Array,
  file: string,
  labelColumn?: string,
): Dataset {
  if (bytes.subarray(0, TEXT_PROBE_BYTES).includes(0)) {
    throw dataError(
      ErrorCode.unknownFormat,
      { file, position: `byte ${bytes.indexOf(0)}` },
      "CSV text",
      "a NUL byte, so binary data",
      "check --data-format",
    );
  }
  const rows = lines(bytes);
  const next = rows.next();
  if (next.done === true) {
    throw dataError(
      ErrorCode.emptyDataset,
      { file },
      "rows of pixels",
      "an empty file",
    );
  }
  const firstRange = next.value;
  const firstLine = splitLine(
    bytes,
    firstRange.start,
    firstRange.end,
    firstRange.number,
  );
  const first = firstLine.starts.map((_, c) => fieldText(bytes, firstLine, c));
  const { index, header } = labelIndex(first, labelColumn, file);
  const columns = first.length;
  const pixels = columns - 1;
  if (pixels < 1) {
    throw dataError(
      ErrorCode.columnCount,
      { file, position: "line 1" },
      "a label column and at least one pixel column",
      `${columns} column`,
    );
  }

  // A valid row has at least two bytes per pixel (a digit and a comma), so
  // rows past that bound must be invalid: this keeps a wide first line
  // followed by many short ones from allocating rows * pixels bytes.
  const maxRows = Math.min(
    countNewlines(bytes) + 1,
    Math.floor(bytes.length / (2 * pixels)) + 1,
  );
  let images = new Uint8Array(maxRows * pixels);
  const names: string[] = [];
  const parse = ({ number, start, end }: LineRange) => {
    const row = { bytes, columns, labelColumn: index, images, names };
    if (readPlainRow(row, start, end)) return;
    readRow(bytes, splitLine(bytes, start, end, number), file, row);
  };
  if (!header) parse(firstRange);
  for (const range of rows) parse(range);
  if (names.length === 0) {
    throw dataError(
      ErrorCode.emptyDataset,
      { file },
      "rows of pixels",
      "only a header",
    );
  }
  images = images.slice(0, names.length * pixels);
  const { labels, labelNames } = denseNamedLabels(names);
  const side = Math.round(Math.sqrt(pixels));
  return {
    images,
    labels,
    itemShape: side * side === pixels ? [side, side] : [pixels],
    labelCount: labelNames.length,
    labelNames,
  };
}

function countNewlines(bytes: Uint8Array): number {
  let count = 0;
  for (
    let at = bytes.indexOf(NEWLINE);
    at !== -1;
    at = bytes.indexOf(NEWLINE, at + 1)
  ) {
    count++;
  }
  return count;
}

/** Output arrays for parsed rows, and the column layout rows must have. */
interface RowTarget {
  readonly bytes: Uint8Array;
  readonly columns: number;
  readonly labelColumn: number;
  readonly images: Uint8Array;
  readonly names: string[];
}

/**
 * Reads a row of unquoted labels and plain-digit pixels in one pass with
 * no allocation but the label. Returns false, having stored nothing, for
 * any other row, which the general path then reads or rejects.
 */
function readPlainRow(row: RowTarget, start: number, end: number): boolean {
  const { bytes, columns, labelColumn, images } = row;
  let out = row.names.length * (columns - 1);
  let column = 0;
  let value = 0;
  let digits = 0;
  let fieldStart = start;
  let labelStart = start;
  let labelEnd = start;

  for (let at = start; at <= end; at++) {
    const byte = at === end ? COMMA : bytes[at]!;
    if (byte === COMMA) {
      if (column === labelColumn) {
        labelStart = fieldStart;
        labelEnd = at;
      } else {
        if (digits === 0 || digits > 3 || value > 255) return false;
        images[out++] = value;
      }
      column++;
      value = 0;
      digits = 0;
      fieldStart = at + 1;
    } else if (column === labelColumn) {
      if (byte === QUOTE) return false;
    } else {
      const digit = byte - DIGIT_0;
      if (digit < 0 || digit > 9 || column >= columns) return false;
      value = value * 10 + digit;
      digits++;
    }
  }
  if (column !== columns) return false;

  const label = decoder.decode(bytes.subarray(labelStart, labelEnd)).trim();
  if (label === "") return false;
  row.names.push(label);
  return true;
}

function readRow(
  bytes: Uint8Array,
  line: Line,
  file: string,
  { columns, labelColumn, images, names }: RowTarget,
): void {
  if (line.starts.length !== columns) {
    throw dataError(
      ErrorCode.columnCount,
      { file, position: `line ${line.number}` },
      `${columns} columns as in the first row`,
      `${line.starts.length}`,
    );
  }
  let out = names.length * (columns - 1);
  for (let column = 0; column < columns; column++) {
    if (column === labelColumn) continue;
    let value = fastPixel(bytes, line.starts[column]!, line.ends[column]!);
    if (value < 0) value = slowPixel(fieldText(bytes, line, column));
    if (value < 0) {
      throw dataError(
        ErrorCode.badValue,
        { file, position: `line ${line.number}, column ${column + 1}` },
        "a pixel that is a whole number in 0..255",
        quote(fieldText(bytes, line, column)),
      );
    }
    images[out++] = value;
  }
  const label = fieldText(bytes, line, labelColumn);
  if (label === "") {
    throw dataError(
      ErrorCode.badValue,
      { file, position: `line ${line.number}, column ${labelColumn + 1}` },
      "a label",
      "an empty field",
    );
  }
  names.push(label);
}
