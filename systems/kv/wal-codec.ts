import { crc32 } from './crc32.ts';
import { PayloadError, PayloadWriter, decodePayload } from './wal-payload.ts';
import type { WalRecord } from './wal-payload.ts';

/**
 * The framing of the write-ahead log. Each record is framed as
 *   [crc32 u32 LE][length u32 LE][payload (wal-payload.ts)]
 * where the CRC covers the length field and the payload, so a damaged length is caught as well
 * as damaged data. Decoding never trusts a record whose CRC fails: it skips forward byte by byte
 * to the next frame that verifies (a damaged record costs that record, not the rest of the log),
 * and reports a frame cut off by the end of the file as a torn tail, which is what a crash in the
 * middle of an unsynced append leaves behind.
 */
const headerBytes = 8;
/** Larger lengths are damage, not records: no record this store writes comes near it. */
export const recordBytesMax = 1 << 20;

/** A record's frame in a fresh array. */
export function encodeRecord(record: WalRecord): Uint8Array {
  return encodeRecordView(record).slice();
}

/** Grows to the largest frame built so far; shared, as nothing keeps a view across calls. */
const scratch = new PayloadWriter(4096);

/**
 * Views of the scratch buffer's first n bytes, by n: making a typed-array view costs more than
 * the append that copies it, and a store's frames come in few lengths. Dropped when the buffer
 * is replaced by a larger one; bounded, as a workload of many value sizes only loses the benefit.
 */
const views = new Map<number, Uint8Array>();
let viewsOf: Uint8Array = scratch.bytes;
const viewsMax = 256;

function scratchView(length: number): Uint8Array {
  const bytes = scratch.bytes;
  if (viewsOf !== bytes || views.size >= viewsMax) {
    views.clear();
    viewsOf = bytes;
  }
  let view = views.get(length);
  if (view === undefined) {
    view = bytes.subarray(0, length);
    views.set(length, view);
  }
  return view;
}

/**
 * A record's frame as a view of a scratch buffer that the next call overwrites: for handing
 * straight to a disk append, which copies the bytes as write(2) does. The payload is encoded in
 * place after the header, then one CRC pass covers length and payload.
 */
export function encodeRecordView(record: WalRecord): Uint8Array {
  const end = scratch.record(record, headerBytes);
  const length = end - headerBytes;
  if (length > recordBytesMax) throw new Error(`wal: record of ${length} bytes exceeds ${recordBytesMax}`);
  const bytes = scratch.bytes;
  writeU32(bytes, 4, length);
  writeU32(bytes, 0, crc32(bytes, { start: 4, end }));
  return scratchView(end);
}

/** Little-endian, as DataView.setUint32(at, value, true) writes it. */
function writeU32(out: Uint8Array, at: number, value: number): void {
  out[at] = value & 0xff;
  out[at + 1] = (value >>> 8) & 0xff;
  out[at + 2] = (value >>> 16) & 0xff;
  out[at + 3] = (value >>> 24) & 0xff;
}

export interface DecodedLog {
  readonly records: WalRecord[];
  /** Damaged stretches skipped (each one lost at least one record). */
  readonly corruptRegions: { readonly offset: number; readonly bytes: number }[];
  /** Bytes of an incomplete last frame: an append the crash cut short. */
  readonly tornTailBytes: number;
}

export function decodeLog(bytes: Uint8Array): DecodedLog {
  const records: WalRecord[] = [];
  const corruptRegions: { offset: number; bytes: number }[] = [];
  let offset = 0;
  let tornTailBytes = 0;
  while (offset < bytes.length) {
    const frame = readFrame(bytes, offset);
    if (frame.kind === 'ok') {
      records.push(frame.record);
      offset = frame.end;
      continue;
    }
    const next = nextValidFrame(bytes, offset + 1);
    if (next === undefined && frame.kind === 'truncated') tornTailBytes = bytes.length - offset;
    else corruptRegions.push({ offset, bytes: (next ?? bytes.length) - offset });
    offset = next ?? bytes.length;
  }
  return { records, corruptRegions, tornTailBytes };
}

/** The first offset at or after `from` where a frame verifies; undefined when none does. */
function nextValidFrame(bytes: Uint8Array, from: number): number | undefined {
  for (let offset = from; offset + headerBytes <= bytes.length; offset++) {
    if (readFrame(bytes, offset).kind === 'ok') return offset;
  }
  return undefined;
}

type Frame = { kind: 'ok'; record: WalRecord; end: number } | { kind: 'truncated' } | { kind: 'bad' };

function readFrame(bytes: Uint8Array, offset: number): Frame {
  if (offset + headerBytes > bytes.length) return { kind: 'truncated' };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = view.getUint32(offset + 4, true);
  if (length > recordBytesMax) return { kind: 'bad' };
  const end = offset + headerBytes + length;
  if (end > bytes.length) return { kind: 'truncated' };
  if (crc32(bytes, { start: offset + 4, end }) !== view.getUint32(offset, true)) return { kind: 'bad' };
  const record = parseRecord(bytes.subarray(offset + headerBytes, end));
  return record === undefined ? { kind: 'bad' } : { kind: 'ok', record, end };
}

function parseRecord(payload: Uint8Array): WalRecord | undefined {
  try {
    return decodePayload(payload);
  } catch (error) {
    if (error instanceof PayloadError) return undefined;
    throw error;
  }
}
