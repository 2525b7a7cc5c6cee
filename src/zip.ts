// Records of an uncompressed ("stored") zip archive, as laid out in PKWARE's
// APPNOTE.TXT 6.3.x, sections 4.3.7 (local header), 4.3.12 (central
// directory), 4.3.14-4.3.16 (end records) and 4.5.3 (ZIP64 extra field).
// Every multi-byte field is little-endian. Entries larger than 4 GiB, or
// starting past 4 GiB, get ZIP64 fields, which numpy's zipfile reads.

const LOCAL_SIGNATURE = 0x04034b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const END_SIGNATURE = 0x06054b50;
const ZIP64_END_SIGNATURE = 0x06064b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_EXTRA_ID = 0x0001;
const VERSION_PLAIN = 20; // 2.0: stored entries
const VERSION_ZIP64 = 45; // 4.5: ZIP64 fields
const DOS_DATE_1980 = 0x0021; // 1980-01-01 keeps archives byte-reproducible
const MAX_U32 = 0xffffffff;
const MAX_U16 = 0xffff;

/** One stored entry: where it starts and what it holds. */
export interface ZipEntry {
  readonly name: string;
  readonly size: number;
  readonly crc: number;
  /** Offset of the entry's local header in the archive. */
  readonly offset: number;
}

function writeU64(view: DataView, at: number, value: number): void {
  view.setUint32(at, value % 2 ** 32, true);
  view.setUint32(at + 4, Math.floor(value / 2 ** 32), true);
}

/** Returns the byte length of the local header for an entry. */
export function localHeaderBytes(name: string, size: number): number {
  const nameBytes = new TextEncoder().encode(name).length;
  return 30 + nameBytes + (size >= MAX_U32 ? 20 : 0);
}

/** Returns the local header of a stored entry (the CRC may be patched later). */
export function localHeader(
  name: string,
  size: number,
  crc: number,
): Uint8Array {
  const nameBytes = new TextEncoder().encode(name);
  const zip64 = size >= MAX_U32;
  const header = new Uint8Array(localHeaderBytes(name, size));
  const view = new DataView(header.buffer);
  view.setUint32(0, LOCAL_SIGNATURE, true);
  view.setUint16(4, zip64 ? VERSION_ZIP64 : VERSION_PLAIN, true);
  view.setUint16(6, 0, true); // flags
  view.setUint16(8, 0, true); // method: stored
  view.setUint16(10, 0, true); // time 00:00
  view.setUint16(12, DOS_DATE_1980, true);
  view.setUint32(14, crc, true);
  view.setUint32(18, zip64 ? MAX_U32 : size, true); // compressed size
  view.setUint32(22, zip64 ? MAX_U32 : size, true); // uncompressed size
  view.setUint16(26, nameBytes.length, true);
  view.setUint16(28, zip64 ? 20 : 0, true);
  header.set(nameBytes, 30);
  if (zip64) {
    const extra = 30 + nameBytes.length;
    view.setUint16(extra, ZIP64_EXTRA_ID, true);
    view.setUint16(extra + 2, 16, true);
    writeU64(view, extra + 4, size); // uncompressed
    writeU64(view, extra + 12, size); // compressed
  }
  return header;
}

/** Offset of the CRC field inside a local header. */
export const LOCAL_CRC_OFFSET = 14;

function centralRecord(entry: ZipEntry): Uint8Array {
  const nameBytes = new TextEncoder().encode(entry.name);
  const bigSize = entry.size >= MAX_U32;
  const bigOffset = entry.offset >= MAX_U32;
  const extraBytes = (bigSize ? 16 : 0) + (bigOffset ? 8 : 0);
  const extraTotal = extraBytes > 0 ? 4 + extraBytes : 0;
  const record = new Uint8Array(46 + nameBytes.length + extraTotal);
  const view = new DataView(record.buffer);
  const version = extraTotal > 0 ? VERSION_ZIP64 : VERSION_PLAIN;
  view.setUint32(0, CENTRAL_SIGNATURE, true);
  view.setUint16(4, version, true); // made by (MS-DOS attributes)
  view.setUint16(6, version, true); // needed to extract
  view.setUint16(8, 0, true); // flags
  view.setUint16(10, 0, true); // method: stored
  view.setUint16(12, 0, true);
  view.setUint16(14, DOS_DATE_1980, true);
  view.setUint32(16, entry.crc, true);
  view.setUint32(20, bigSize ? MAX_U32 : entry.size, true);
  view.setUint32(24, bigSize ? MAX_U32 : entry.size, true);
  view.setUint16(28, nameBytes.length, true);
  view.setUint16(30, extraTotal, true);
  // Comment length, disk, internal and external attributes stay 0.
  view.setUint32(42, bigOffset ? MAX_U32 : entry.offset, true);
  record.set(nameBytes, 46);
  if (extraTotal > 0) {
    // ZIP64 fields appear only for the values set to 0xFFFFFFFF, in order.
    let at = 46 + nameBytes.length;
    view.setUint16(at, ZIP64_EXTRA_ID, true);
    view.setUint16(at + 2, extraBytes, true);
    at += 4;
    if (bigSize) {
      writeU64(view, at, entry.size);
      writeU64(view, at + 8, entry.size);
      at += 16;
    }
    if (bigOffset) writeU64(view, at, entry.offset);
  }
  return record;
}

/**
 * Returns the central directory and end records for `entries`, to be written
 * at `offset`, right after the last entry's data.
 */
export function centralDirectory(
  entries: readonly ZipEntry[],
  offset: number,
): Uint8Array {
  const records = entries.map(centralRecord);
  const directoryBytes = records.reduce((n, r) => n + r.length, 0);
  const zip64 =
    offset >= MAX_U32 || directoryBytes >= MAX_U32 || entries.length >= MAX_U16;
  const tailBytes = (zip64 ? 56 + 20 : 0) + 22;
  const out = new Uint8Array(directoryBytes + tailBytes);
  const view = new DataView(out.buffer);
  let at = 0;
  for (const record of records) {
    out.set(record, at);
    at += record.length;
  }
  if (zip64) {
    const recordOffset = offset + at;
    view.setUint32(at, ZIP64_END_SIGNATURE, true);
    writeU64(view, at + 4, 44); // size of the rest of this record
    view.setUint16(at + 12, VERSION_ZIP64, true);
    view.setUint16(at + 14, VERSION_ZIP64, true);
    // Disk numbers at +16 and +20 stay 0.
    writeU64(view, at + 24, entries.length);
    writeU64(view, at + 32, entries.length);
    writeU64(view, at + 40, directoryBytes);
    writeU64(view, at + 48, offset);
    at += 56;
    view.setUint32(at, ZIP64_LOCATOR_SIGNATURE, true);
    writeU64(view, at + 8, recordOffset);
    view.setUint32(at + 16, 1, true); // total disks
    at += 20;
  }
  view.setUint32(at, END_SIGNATURE, true);
  view.setUint16(at + 8, Math.min(entries.length, MAX_U16), true);
  view.setUint16(at + 10, Math.min(entries.length, MAX_U16), true);
  view.setUint32(at + 12, Math.min(directoryBytes, MAX_U32), true);
  view.setUint32(at + 16, Math.min(offset, MAX_U32), true);
  return out;
}
