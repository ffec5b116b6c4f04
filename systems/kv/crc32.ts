/**
 * CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), the checksum of every write-ahead-log
 * record. It detects every single-bit and single-byte error and every burst up to 32 bits, which
 * covers the disk's corruption faults; random larger damage slips through with odds 2^-32.
 *
 * Computed four bytes per step ("slicing-by-4", as zlib does): table k maps a byte to its CRC
 * followed by k zero bytes, so four lookups advance the CRC over four bytes at once. Every
 * record appended is checksummed, and a byte-at-a-time loop was the WAL's hottest line.
 */
const tables = buildTables();

/** Four tables of 256 entries in one array: table k at offset 256 * k. */
function buildTables(): Uint32Array {
  const out = new Uint32Array(4 * 256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    out[n] = c >>> 0;
  }
  for (let n = 0; n < 256; n++) {
    let c = out[n] as number;
    for (let k = 1; k < 4; k++) {
      c = (out[c & 0xff] as number) ^ (c >>> 8);
      out[256 * k + n] = c >>> 0;
    }
  }
  return out;
}

/** The CRC-32 of `bytes[start, end)`, as an unsigned 32-bit integer. */
export function crc32(bytes: Uint8Array, range: { start: number; end: number } = { start: 0, end: bytes.length }): number {
  const t = tables;
  let c = 0xffffffff;
  let i = range.start;
  for (const stop = range.end - 3; i < stop; i += 4) {
    c ^= (bytes[i] as number) | ((bytes[i + 1] as number) << 8) | ((bytes[i + 2] as number) << 16) | ((bytes[i + 3] as number) << 24);
    c = (t[768 + (c & 0xff)] as number) ^ (t[512 + ((c >>> 8) & 0xff)] as number) ^ (t[256 + ((c >>> 16) & 0xff)] as number) ^ (t[c >>> 24] as number);
  }
  for (; i < range.end; i++) c = (t[(c ^ (bytes[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
