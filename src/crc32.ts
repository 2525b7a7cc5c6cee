// CRC-32 (ISO-HDLC, the one zip and gzip use) by slicing-by-8: eight
// 256-entry tables let the loop consume 8 bytes per step. Tables follow
// "A Systematic Approach to Building High Performance, Software-based, CRC
// Generators", Kounavis and Berry, 2005.

const POLYNOMIAL = 0xedb88320; // reflected 0x04C11DB7

const TABLES = (() => {
  const tables = new Int32Array(8 * 256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? POLYNOMIAL ^ (c >>> 1) : c >>> 1;
    tables[n] = c;
  }
  for (let n = 0; n < 256; n++) {
    for (let t = 1; t < 8; t++) {
      const previous = tables[(t - 1) * 256 + n]!;
      tables[t * 256 + n] = tables[previous & 0xff]! ^ (previous >>> 8);
    }
  }
  return tables;
})();

/**
 * Continues a CRC-32 over `bytes`; start with 0. Returns an unsigned value,
 * so crc32(b, crc32(a)) equals crc32 of a followed by b.
 */
export function crc32(bytes: Uint8Array, previous = 0): number {
  const t = TABLES;
  let crc = ~previous;
  let i = 0;
  const fastEnd = bytes.length - (bytes.length % 8);
  for (; i < fastEnd; i += 8) {
    const low =
      (bytes[i]! |
        (bytes[i + 1]! << 8) |
        (bytes[i + 2]! << 16) |
        (bytes[i + 3]! << 24)) ^
      crc;
    crc =
      t[7 * 256 + (low & 0xff)]! ^
      t[6 * 256 + ((low >>> 8) & 0xff)]! ^
      t[5 * 256 + ((low >>> 16) & 0xff)]! ^
      t[4 * 256 + (low >>> 24)]! ^
      t[3 * 256 + bytes[i + 4]!]! ^
      t[2 * 256 + bytes[i + 5]!]! ^
      t[256 + bytes[i + 6]!]! ^
      t[bytes[i + 7]!]!;
  }
  for (; i < bytes.length; i++) {
    crc = t[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  }
  return ~crc >>> 0;
}
