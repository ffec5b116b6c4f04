import type { Value } from '../../sim/history.ts';
import type { AbdRegister } from './abd-register.ts';
import type { Version } from './versions.ts';

/**
 * The binary payload of a write-ahead-log record, as a store's commit log writes it (Cassandra's
 * mutations are binary, not JSON): a tag byte for the record kind, then its fields in a fixed
 * order. Strings are a u32 byte length and UTF-8, counters and timestamps float64 (exact for
 * every integer a run produces), values tagged (null, booleans, int32, float64, string, array,
 * object). All little-endian. Encoding writes straight into the frame buffer, with no
 * intermediate text; decoding checks every length against the bytes left and throws
 * `PayloadError` on anything malformed, which the framing treats as a damaged record.
 */
export type WalRecord =
  /** The key's full version set after a change; `hinted` marks data held for another replica. */
  | { readonly t: 'kv'; readonly key: string; readonly versions: readonly Version[]; readonly hinted: boolean }
  /** The key was handed off to its owners and is no longer kept here. */
  | { readonly t: 'drop'; readonly key: string }
  /** The key's register in linearizable mode. */
  | { readonly t: 'abd'; readonly key: string; readonly reg: AbdRegister };

const recordKv = 1;
const recordDrop = 2;
const recordAbd = 3;

const valueNull = 0;
const valueFalse = 1;
const valueTrue = 2;
const valueInt = 3;
const valueFloat = 4;
const valueString = 5;
const valueArray = 6;
const valueObject = 7;

/** ASCII strings up to this length are decoded by char codes (keys, node ids), longer ones by TextDecoder. */
const shortStringBytes = 64;
/** Values nested deeper than this are not data this store writes. */
const depthMax = 64;

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** A payload that does not decode: damage the frame's CRC did not catch, or a bug. */
export class PayloadError extends Error {}

/** Appends encoded fields to a growable byte buffer (reused across records by its owner). */
export class PayloadWriter {
  bytes: Uint8Array;
  at = 0;
  private view: DataView;

  constructor(capacity: number) {
    this.bytes = new Uint8Array(capacity);
    this.view = new DataView(this.bytes.buffer);
  }

  /** Encodes `record` starting at `start`; returns the end offset. */
  record(record: WalRecord, start: number): number {
    this.at = start;
    if (record.t === 'kv') {
      this.u8(recordKv);
      this.string(record.key);
      this.u8(record.hinted ? 1 : 0);
      this.u32(record.versions.length);
      for (const v of record.versions) this.version(v);
    } else if (record.t === 'drop') {
      this.u8(recordDrop);
      this.string(record.key);
    } else {
      this.u8(recordAbd);
      this.string(record.key);
      this.f64(record.reg.tag.n);
      this.string(record.reg.tag.writer);
      this.value(record.reg.value, 0);
    }
    return this.at;
  }

  private version(v: Version): void {
    // The entry count goes before the entries: its place is kept and filled after one pass.
    this.ensure(4);
    const countAt = this.at;
    this.at += 4;
    let entries = 0;
    for (const node in v.clock) {
      const counter = v.clock[node];
      if (counter === undefined) continue;
      this.string(node);
      this.f64(counter);
      entries++;
    }
    this.view.setUint32(countAt, entries, true);
    this.value(v.value, 0);
    this.u8(v.deleted ? 1 : 0);
    this.f64(v.tsUs);
    this.string(v.writer);
  }

  private value(v: Value, depth: number): void {
    if (depth > depthMax) throw new Error(`wal: a value nested deeper than ${depthMax}`);
    if (v === null) this.u8(valueNull);
    else if (v === false) this.u8(valueFalse);
    else if (v === true) this.u8(valueTrue);
    else if (typeof v === 'number') {
      if ((v | 0) === v && !Object.is(v, -0)) {
        this.u8(valueInt);
        this.ensure(4);
        this.view.setInt32(this.at, v, true);
        this.at += 4;
      } else {
        this.u8(valueFloat);
        this.f64(v);
      }
    } else if (typeof v === 'string') {
      this.u8(valueString);
      this.string(v);
    } else if (Array.isArray(v)) {
      const items = v as readonly Value[];
      this.u8(valueArray);
      this.u32(items.length);
      for (const item of items) this.value(item, depth + 1);
    } else {
      const fields = v as { readonly [key: string]: Value };
      const keys = Object.keys(fields).filter((key) => fields[key] !== undefined);
      this.u8(valueObject);
      this.u32(keys.length);
      for (const key of keys) {
        this.string(key);
        this.value(fields[key] as Value, depth + 1);
      }
    }
  }

  u8(x: number): void {
    this.ensure(1);
    this.bytes[this.at++] = x;
  }

  u32(x: number): void {
    this.ensure(4);
    this.view.setUint32(this.at, x, true);
    this.at += 4;
  }

  private f64(x: number): void {
    this.ensure(8);
    this.view.setFloat64(this.at, x, true);
    this.at += 8;
  }

  /** A u32 byte length, then UTF-8; ASCII (all this store's keys and ids) is copied directly. */
  private string(s: string): void {
    const n = s.length;
    this.ensure(4 + n);
    const lengthAt = this.at;
    let at = lengthAt + 4;
    let i = 0;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) break;
      this.bytes[at++] = c;
    }
    if (i < n) {
      // UTF-8 takes at most 3 bytes per UTF-16 code unit.
      this.at = at;
      this.ensure(3 * (n - i));
      at += encoder.encodeInto(s.slice(i), this.bytes.subarray(at)).written;
    }
    this.view.setUint32(lengthAt, at - lengthAt - 4, true);
    this.at = at;
  }

  private ensure(more: number): void {
    if (this.at + more <= this.bytes.length) return;
    const grown = new Uint8Array(2 * (this.at + more));
    grown.set(this.bytes.subarray(0, this.at));
    this.bytes = grown;
    this.view = new DataView(grown.buffer);
  }
}

/** Decodes one record's payload; throws PayloadError when it is malformed or has bytes left over. */
export function decodePayload(payload: Uint8Array): WalRecord {
  const r = new PayloadReader(payload);
  const kind = r.u8();
  const key = r.string();
  let record: WalRecord;
  if (kind === recordKv) {
    const hinted = r.flag();
    const count = r.count(1);
    const versions: Version[] = [];
    for (let i = 0; i < count; i++) versions.push(r.version());
    record = { t: 'kv', key, versions, hinted };
  } else if (kind === recordDrop) {
    record = { t: 'drop', key };
  } else if (kind === recordAbd) {
    const n = r.f64();
    const writer = r.string();
    record = { t: 'abd', key, reg: { tag: { n, writer }, value: r.value(0) } };
  } else {
    throw new PayloadError(`unknown record kind ${kind}`);
  }
  if (!r.done()) throw new PayloadError('bytes after the record');
  return record;
}

class PayloadReader {
  private at = 0;
  private readonly view: DataView;

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  done(): boolean {
    return this.at === this.bytes.length;
  }

  version(): Version {
    const entries = this.count(12);
    const clock: Record<string, number> = {};
    for (let i = 0; i < entries; i++) {
      const node = this.string();
      clock[node] = this.f64();
    }
    const value = this.value(0);
    const deleted = this.flag();
    const tsUs = this.f64();
    return { clock, value, deleted, tsUs, writer: this.string() };
  }

  value(depth: number): Value {
    if (depth > depthMax) throw new PayloadError(`value nested deeper than ${depthMax}`);
    const tag = this.u8();
    switch (tag) {
      case valueNull:
        return null;
      case valueFalse:
        return false;
      case valueTrue:
        return true;
      case valueInt: {
        this.need(4);
        const x = this.view.getInt32(this.at, true);
        this.at += 4;
        return x;
      }
      case valueFloat:
        return this.f64();
      case valueString:
        return this.string();
      case valueArray: {
        const n = this.count(1);
        const items: Value[] = [];
        for (let i = 0; i < n; i++) items.push(this.value(depth + 1));
        return items;
      }
      case valueObject: {
        const n = this.count(5);
        const fields: Record<string, Value> = {};
        for (let i = 0; i < n; i++) {
          const key = this.string();
          // Defined as own data, so a key named __proto__ stays a key (as JSON.parse keeps it).
          Object.defineProperty(fields, key, { value: this.value(depth + 1), enumerable: true, writable: true, configurable: true });
        }
        return fields;
      }
      default:
        throw new PayloadError(`unknown value tag ${tag}`);
    }
  }

  u8(): number {
    this.need(1);
    return this.bytes[this.at++] as number;
  }

  flag(): boolean {
    const x = this.u8();
    if (x > 1) throw new PayloadError(`flag byte ${x}`);
    return x === 1;
  }

  /** A u32 count of items of at least `itemBytes` each, which must fit in what is left. */
  count(itemBytes: number): number {
    const n = this.u32();
    if (n * itemBytes > this.bytes.length - this.at) throw new PayloadError(`count ${n} exceeds the payload`);
    return n;
  }

  f64(): number {
    this.need(8);
    const x = this.view.getFloat64(this.at, true);
    this.at += 8;
    return x;
  }

  string(): string {
    const n = this.u32();
    this.need(n);
    const start = this.at;
    this.at += n;
    let ascii = true;
    for (let i = start; i < this.at; i++) {
      if ((this.bytes[i] as number) >= 0x80) {
        ascii = false;
        break;
      }
    }
    if (ascii && n <= shortStringBytes) return String.fromCharCode(...this.bytes.subarray(start, this.at));
    try {
      return decoder.decode(this.bytes.subarray(start, this.at));
    } catch {
      throw new PayloadError('a string is not UTF-8');
    }
  }

  private u32(): number {
    this.need(4);
    const x = this.view.getUint32(this.at, true);
    this.at += 4;
    return x;
  }

  private need(n: number): void {
    if (n > this.bytes.length - this.at) throw new PayloadError('payload ends early');
  }
}
