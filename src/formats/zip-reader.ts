// Reader for the zip archives behind .npz files (PKWARE APPNOTE.TXT 6.3.x:
// 4.3.7 local header, 4.3.12 central directory, 4.3.14-4.3.16 end records,
// 4.5.3 ZIP64 extra field). Every offset is checked against the archive
// length before use, so a corrupt archive fails with a coded error instead
// of a read past the end, and the loop over records ends with the bytes.

import * as zlib from "node:zlib";
import { crc32 } from "../crc32.js";
import { ErrorCode } from "../errors.js";
import { atByte, dataError } from "./data-error.js";
import { inflateExactly } from "./decompress.js";

/** One file of the archive, as the central directory lists it. */
export interface ZipEntryInfo {
  readonly name: string;
  /** 0 for stored, 8 for deflate. */
  readonly method: number;
  readonly flags: number;
  readonly crc: number;
  readonly compressedBytes: number;
  readonly uncompressedBytes: number;
  readonly localHeaderOffset: number;
}

const END_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_END_SIGNATURE = 0x06064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const END_BYTES = 22;
const MAX_COMMENT_BYTES = 0xffff;
const MAX_U32 = 0xffffffff;

type Crc32 = (bytes: Uint8Array, previous: number) => number;
const updateCrc: Crc32 =
  (zlib as { crc32?: Crc32 }).crc32 ??
  ((bytes, previous) => crc32(bytes, previous));

/** True when `bytes` start like a zip archive. */
export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && readU32(bytes, 0) === LOCAL_SIGNATURE;
}

function readU16(bytes: Uint8Array, at: number): number {
  return bytes[at]! | (bytes[at + 1]! << 8);
}

function readU32(bytes: Uint8Array, at: number): number {
  return (readU16(bytes, at) + readU16(bytes, at + 2) * 0x10000) >>> 0;
}

function readU64(bytes: Uint8Array, at: number): number {
  return readU32(bytes, at) + readU32(bytes, at + 4) * 2 ** 32;
}

function corrupt(file: string, at: number, expected: string, found: string) {
  return dataError(ErrorCode.corruptData, atByte(file, at), expected, found);
}

function findEnd(bytes: Uint8Array, file: string): number {
  const lowest = Math.max(0, bytes.length - END_BYTES - MAX_COMMENT_BYTES);
  for (let at = bytes.length - END_BYTES; at >= lowest; at--) {
    if (readU32(bytes, at) === END_SIGNATURE) return at;
  }
  throw corrupt(
    file,
    bytes.length,
    "a zip end-of-central-directory record",
    "none (the archive is truncated or not a zip file)",
  );
}

/** Returns the offset and byte length of the central directory. */
function locateDirectory(bytes: Uint8Array, file: string) {
  const end = findEnd(bytes, file);
  let offset = readU32(bytes, end + 16);
  let length = readU32(bytes, end + 12);
  const locator = end - 20;
  if (
    (offset === MAX_U32 || length === MAX_U32) &&
    locator >= 0 &&
    readU32(bytes, locator) === ZIP64_LOCATOR_SIGNATURE
  ) {
    const record = readU64(bytes, locator + 8);
    if (
      record + 56 > bytes.length ||
      readU32(bytes, record) !== ZIP64_END_SIGNATURE
    ) {
      throw corrupt(file, locator, "a ZIP64 end record", `offset ${record}`);
    }
    length = readU64(bytes, record + 40);
    offset = readU64(bytes, record + 48);
  }
  if (offset + length > bytes.length) {
    throw corrupt(
      file,
      end,
      `a central directory inside the ${bytes.length}-byte archive`,
      `bytes ${offset}..${offset + length}`,
    );
  }
  return { offset, length };
}

/** Applies the ZIP64 extra field to sizes and offset set to 0xFFFFFFFF. */
function applyZip64(
  bytes: Uint8Array,
  extraStart: number,
  extraEnd: number,
  values: number[],
): void {
  for (let at = extraStart; at + 4 <= extraEnd;) {
    const id = readU16(bytes, at);
    const size = readU16(bytes, at + 2);
    if (id === 0x0001) {
      let field = at + 4;
      for (let i = 0; i < values.length; i++) {
        if (values[i] !== MAX_U32 || field + 8 > at + 4 + size) continue;
        values[i] = readU64(bytes, field);
        field += 8;
      }
      return;
    }
    at += 4 + size;
  }
}

/**
 * Lists the entries of a zip archive from its central directory.
 * @throws EpisodeSamplerError ERR_CORRUPT_DATA when a record is missing,
 *   has a wrong signature or points outside the archive.
 */
export function readZipDirectory(
  bytes: Uint8Array,
  file: string,
): ZipEntryInfo[] {
  const { offset, length } = locateDirectory(bytes, file);
  const entries: ZipEntryInfo[] = [];
  const decoder = new TextDecoder();
  for (let at = offset; at < offset + length;) {
    if (at + 46 > offset + length || readU32(bytes, at) !== CENTRAL_SIGNATURE) {
      throw corrupt(file, at, "a central directory record", "other bytes");
    }
    const nameBytes = readU16(bytes, at + 28);
    const extraBytes = readU16(bytes, at + 30);
    const commentBytes = readU16(bytes, at + 32);
    const nameStart = at + 46;
    const extraStart = nameStart + nameBytes;
    const next = extraStart + extraBytes + commentBytes;
    if (next > offset + length) {
      throw corrupt(
        file,
        at,
        "a record inside the central directory",
        `one ending at byte ${next}`,
      );
    }
    const values = [
      readU32(bytes, at + 24),
      readU32(bytes, at + 20),
      readU32(bytes, at + 42),
    ];
    applyZip64(bytes, extraStart, extraStart + extraBytes, values);
    entries.push({
      name: decoder.decode(bytes.subarray(nameStart, extraStart)),
      flags: readU16(bytes, at + 8),
      method: readU16(bytes, at + 10),
      crc: readU32(bytes, at + 16),
      uncompressedBytes: values[0]!,
      compressedBytes: values[1]!,
      localHeaderOffset: values[2]!,
    });
    at = next;
  }
  return entries;
}

/** Checks an entry's local header and returns where its data lies. */
function entryData(bytes: Uint8Array, entry: ZipEntryInfo, where: string) {
  const header = entry.localHeaderOffset;
  if (
    header + 30 > bytes.length ||
    readU32(bytes, header) !== LOCAL_SIGNATURE
  ) {
    throw corrupt(where, header, "a zip local header", "other bytes");
  }
  if ((entry.flags & 1) !== 0 || (entry.method !== 0 && entry.method !== 8)) {
    throw dataError(
      ErrorCode.unsupportedDtype,
      atByte(where, header),
      "a stored or deflated entry without encryption",
      `method ${entry.method}, flags ${entry.flags}`,
      "save the archive again with numpy.savez or savez_compressed",
    );
  }

  // The local name and extra lengths may differ from the central ones.
  const start =
    header + 30 + readU16(bytes, header + 26) + readU16(bytes, header + 28);
  const end = start + entry.compressedBytes;
  if (end > bytes.length) {
    throw dataError(
      ErrorCode.truncatedFile,
      atByte(where, bytes.length),
      `${entry.compressedBytes} bytes of data from byte ${start}`,
      "the end of the archive",
    );
  }
  return { start, end };
}

/**
 * Returns the uncompressed bytes of one entry, checked against its CRC-32.
 * The caller checks `uncompressedBytes` against its size limit first.
 * @throws EpisodeSamplerError ERR_CORRUPT_DATA, ERR_SIZE_LIMIT,
 *   ERR_TRUNCATED_FILE, or ERR_UNSUPPORTED_DTYPE for an encrypted entry or
 *   an unknown method.
 */
export function extractZipEntry(
  bytes: Uint8Array,
  entry: ZipEntryInfo,
  file: string,
): Uint8Array {
  const where = `${file}: ${entry.name}`;
  const { start, end } = entryData(bytes, entry, where);
  const raw = bytes.subarray(start, end);
  const data =
    entry.method === 0
      ? raw
      : inflateExactly(raw, entry.uncompressedBytes, atByte(where, start));
  if (data.length !== entry.uncompressedBytes) {
    throw corrupt(
      where,
      start,
      `${entry.uncompressedBytes} stored bytes`,
      `${data.length}`,
    );
  }

  const crc = updateCrc(data, 0) >>> 0;
  if (crc !== entry.crc) {
    throw corrupt(
      where,
      start,
      `CRC-32 ${entry.crc.toString(16)}`,
      crc.toString(16),
    );
  }
  return data;
}
