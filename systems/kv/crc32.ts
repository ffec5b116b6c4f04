/**
 * CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), the checksum of every write-ahead-log
 * record. It detects every single-bit and single-byte error and every burst up to 32 bits, which
 * covers the disk's corruption faults; random larger damage slips through with odds 2^-32.
 */
const table = buildTable();

function buildTable(): Uint32Array {
  const out = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    out[n] = c >>> 0;
  }
  return out;
}

/** The CRC-32 of `bytes[start, end)`, as an unsigned 32-bit integer. */
export function crc32(bytes: Uint8Array, range: { start: number; end: number } = { start: 0, end: bytes.length }): number {
  let c = 0xffffffff;
  for (let i = range.start; i < range.end; i++) {
    c = (table[(c ^ (bytes[i] as number)) & 0xff] as number) ^ (c >>> 8);
  }
  return (c ^ 0xffffffff) >>> 0;
}
