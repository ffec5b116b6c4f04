import type { AbdRegister } from './abd-register.ts';
import { crc32 } from './crc32.ts';
import type { Version } from './versions.ts';

/**
 * The byte format of the write-ahead log. Each record is framed as
 *   [crc32 u32 LE][length u32 LE][payload: UTF-8 JSON]
 * where the CRC covers the length field and the payload, so a damaged length is caught as well
 * as damaged data. Decoding never trusts a record whose CRC fails: it skips forward byte by byte
 * to the next frame that verifies (a damaged record costs that record, not the rest of the log),
 * and reports a frame cut off by the end of the file as a torn tail, which is what a crash in the
 * middle of an unsynced append leaves behind.
 */
export type WalRecord =
  /** The key's full version set after a change; `hinted` marks data held for another replica. */
  | { readonly t: 'kv'; readonly key: string; readonly versions: readonly Version[]; readonly hinted: boolean }
  /** The key was handed off to its owners and is no longer kept here. */
  | { readonly t: 'drop'; readonly key: string }
  /** The key's register in linearizable mode. */
  | { readonly t: 'abd'; readonly key: string; readonly reg: AbdRegister };

const headerBytes = 8;
/** Larger lengths are damage, not records: no record this store writes comes near it. */
export const recordBytesMax = 1 << 20;

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** A record's frame in a fresh array. */
export function encodeRecord(record: WalRecord): Uint8Array {
  return encodeRecordView(record).slice();
}

/** Grows to the largest frame built so far; shared, as nothing keeps a view across calls. */
let scratch = new Uint8Array(4096);

/**
 * A record's frame as a view of a scratch buffer that the next call overwrites: for handing
 * straight to a disk append, which copies the bytes as write(2) does. Building the frame in
 * place (the payload encoded into it, then one CRC pass) saves the two fresh byte arrays per
 * record that dominated the cost of logging.
 */
export function encodeRecordView(record: WalRecord): Uint8Array {
  const text = JSON.stringify(record);
  // UTF-8 takes at least 1 and at most 3 bytes per UTF-16 code unit.
  if (text.length > recordBytesMax) throw new Error(`wal: record of ${text.length} characters exceeds ${recordBytesMax} bytes`);
  const bound = headerBytes + 3 * text.length;
  if (bound > scratch.length) scratch = new Uint8Array(2 * bound);
  const length = encoder.encodeInto(text, scratch.subarray(headerBytes)).written;
  if (length > recordBytesMax) throw new Error(`wal: record of ${length} bytes exceeds ${recordBytesMax}`);
  const end = headerBytes + length;
  writeU32(scratch, 4, length);
  writeU32(scratch, 0, crc32(scratch, { start: 4, end }));
  return scratch.subarray(0, end);
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
  let parsed: unknown;
  try {
    parsed = JSON.parse(decoder.decode(payload));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const r = parsed as { t?: unknown; key?: unknown };
  if (typeof r.key !== 'string') return undefined;
  if (r.t === 'kv' || r.t === 'drop' || r.t === 'abd') return parsed as WalRecord;
  return undefined;
}
