import { simAssert } from './assert.ts';

/**
 * The trace: every send, delivery, drop, timer, crash, restart, pause, fault, client operation and
 * node log line folds into a running 64-bit hash. Two runs with the same hash did the same thing
 * (DESIGN.md §2). Hashing uses integers only (node indices, times, codes, short strings char by
 * char), never JSON, because it runs once or twice per simulated event.
 *
 * Optionally the trace keeps a compact chain (the running hash after each event, 4 bytes each) so
 * two runs can be compared to find the first event where they diverge, and optionally it records
 * full events (all of them, or an index window) so that event can be printed.
 */

/** What happened, as a stable code (part of the hash: never renumber). */
export const TraceCode = {
  send: 1,
  deliver: 2,
  drop: 3,
  timer: 4,
  crash: 5,
  restart: 6,
  pause: 7,
  resume: 8,
  fault: 9,
  log: 10,
  hold: 11,
  invoke: 12,
  complete: 13,
  lateReply: 14,
  diskCallback: 15,
  start: 16,
  harness: 17,
  deferred: 18,
} as const;

export type TraceKind = keyof typeof TraceCode;

const kindByCode: TraceKind[] = [];
for (const [kind, code] of Object.entries(TraceCode) as [TraceKind, number][]) kindByCode[code] = kind;

/** One recorded trace event, for people and for determinism diffs. */
export interface TraceEvent {
  readonly index: number;
  readonly timeUs: number;
  readonly kind: TraceKind;
  /** The node or client the event happened at (empty for cluster-wide events). */
  readonly at: string;
  /** The other end (sender of a delivery, receiver of a send), when there is one. */
  readonly peer?: string;
  /** Free text: message content, timer name, fault label, log fields, drop reason. */
  readonly detail?: string;
}

/** Which events to keep in memory: none, all, or those with index in [fromIndex, toIndex]. */
export type TraceRecordOption = boolean | { readonly fromIndex: number; readonly toIndex: number };

export interface TraceOptions {
  record?: TraceRecordOption;
  /** Keep the per-event hash chain (implied by `record`). */
  chain?: boolean;
  /** Bound on recorded events, so a long recorded run fails loudly instead of exhausting memory. */
  recordMax?: number;
}

/** Strings this short are cheaper to hash than to look up. */
const stringDirectLengthMax = 12;
const stringCacheLengthMax = 64;
const stringCacheSizeMax = 65_536;
/** Hashes of short strings; a pure function of the string, so sharing it across runs is safe. */
const stringHashes = new Map<string, number>();

/** FNV-1a over UTF-16 code units, with the length folded in. */
function hashString(s: string): number {
  let h = 0x811c9dc5 ^ s.length;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

const scratchFloat = new Float64Array(1);
const scratchWords = new Int32Array(scratchFloat.buffer);

export class Trace {
  /** True when the caller should build a TraceEvent for the next event (see `wants`). */
  private readonly recordAll: boolean;
  private readonly recordFrom: number;
  private readonly recordTo: number;
  private readonly recordMax: number;
  private readonly events: TraceEvent[] = [];
  private chain: Uint32Array | undefined;
  private h1 = 0x2545f491;
  private h2 = 0x6a09e667;
  private count = 0;

  constructor(o: TraceOptions = {}) {
    const record = o.record ?? false;
    this.recordAll = record === true;
    this.recordFrom = typeof record === 'object' ? record.fromIndex : record ? 0 : Infinity;
    this.recordTo = typeof record === 'object' ? record.toIndex : record ? Infinity : -1;
    this.recordMax = o.recordMax ?? 5_000_000;
    if (o.chain === true || record !== false) this.chain = new Uint32Array(1024);
  }

  /** Number of events so far. */
  get length(): number {
    return this.count;
  }

  /** Whether the event about to be added (the next index) should be recorded in full. */
  wants(): boolean {
    return this.recordAll || (this.count >= this.recordFrom && this.count <= this.recordTo);
  }

  /**
   * Starts an event: code, time and the two parties as endpoint indices (-1 for none). Packed
   * into three words; exact for fewer than 65,535 endpoints, which is far beyond any cluster here.
   */
  begin(code: number, timeUs: number, at: number, peer: number): void {
    const w1 = timeUs | 0;
    const w2 = ((timeUs / 4294967296) | 0) ^ (code << 24);
    const w3 = ((at + 1) << 16) ^ (peer + 1);
    let h1 = this.h1;
    let h2 = this.h2;
    h1 = rotl(Math.imul(h1 ^ w1, lane1), 13);
    h2 = (rotl(Math.imul(h2 ^ w1, lane2), 17) + h1) | 0;
    h1 = rotl(Math.imul(h1 ^ w2, lane1), 13);
    h2 = (rotl(Math.imul(h2 ^ w2, lane2), 17) + h1) | 0;
    h1 = rotl(Math.imul(h1 ^ w3, lane1), 13);
    h2 = (rotl(Math.imul(h2 ^ w3, lane2), 17) + h1) | 0;
    this.h1 = h1;
    this.h2 = h2;
  }

  /** Adds an integer (|x| < 2^31) to the current event. */
  mix(x: number): void {
    const h1 = rotl(Math.imul(this.h1 ^ x, lane1), 13);
    this.h2 = (rotl(Math.imul(this.h2 ^ x, lane2), 17) + h1) | 0;
    this.h1 = h1;
  }

  /** Adds any number by its exact bits. */
  mixNumber(x: number): void {
    if ((x | 0) === x) {
      this.mix(x);
      return;
    }
    scratchFloat[0] = x;
    this.mix(scratchWords[0] as number);
    this.mix(scratchWords[1] as number);
  }

  /**
   * Adds a string. Strings of moderate length (labels, names) recur, so their hash is computed
   * once and kept in a bounded cache; V8 caches a string's own hash, so the lookup is cheap.
   */
  mixString(s: string): void {
    if (s.length <= stringDirectLengthMax || s.length > stringCacheLengthMax) {
      this.mix(hashString(s));
      return;
    }
    let h = stringHashes.get(s);
    if (h === undefined) {
      h = hashString(s);
      if (stringHashes.size < stringCacheSizeMax) stringHashes.set(s, h);
    }
    this.mix(h);
  }

  /**
   * Adds a cheap shallow digest of a message: its top-level numbers, strings and booleans, and the
   * length of nested arrays. Enough to tell diverging runs apart without serialising payloads.
   * Returns true when the walk met no value but numbers, strings and booleans (a flat message), so
   * the kernel can copy the message without walking it again (`copyFlatMessage`).
   */
  mixMessage(msg: unknown): boolean {
    // typeof compared with literals (not a switch on its value), so optimized code tests types
    // directly instead of making the type's name.
    if (typeof msg !== 'object') {
      if (typeof msg === 'number') this.mixNumber(msg);
      else if (typeof msg === 'string') this.mixString(msg);
      else if (typeof msg === 'boolean') this.mix(msg ? 1 : 2);
      else this.mix(3);
      return true;
    }
    if (msg === null) {
      this.mix(4);
      return true;
    }
    if (Array.isArray(msg)) {
      this.mix(msg.length);
      return false;
    }
    const record = msg as Record<string, unknown>;
    let flat = true;
    for (const key in record) {
      const v = record[key];
      if (typeof v === 'number') this.mixNumber(v);
      else if (typeof v === 'string') this.mixString(v);
      else if (typeof v === 'boolean') this.mix(v ? 1 : 2);
      else {
        flat = false;
        this.mix(Array.isArray(v) ? v.length : 5);
      }
    }
    return flat;
  }

  /** Ends the current event; `recorded` is its full form when `wants()` said so. */
  end(recorded?: TraceEvent): void {
    const chain = this.chain;
    if (chain !== undefined) {
      if (this.count >= chain.length) this.chain = growChain(chain);
      (this.chain as Uint32Array)[this.count] = this.h1 >>> 0;
    }
    if (recorded !== undefined) {
      simAssert(this.events.length < this.recordMax, `trace recording exceeds ${this.recordMax} events; record a window instead`);
      this.events.push(recorded);
    }
    this.count++;
  }

  /** The running hash as 16 hex digits. */
  hash(): string {
    return hex32(fmix(this.h1 ^ this.count)) + hex32(fmix(this.h2 ^ Math.imul(this.count, 0x27d4eb2f)));
  }

  /** Recorded events (all, or the requested window). */
  recorded(): readonly TraceEvent[] {
    return this.events;
  }

  /** The per-event hash chain, or undefined when not kept. */
  hashChain(): Uint32Array | undefined {
    return this.chain?.subarray(0, this.count);
  }
}

/** Names a trace code (for recorded events). */
export function traceKindOf(code: number): TraceKind {
  const kind = kindByCode[code];
  simAssert(kind !== undefined, `unknown trace code ${code}`);
  return kind;
}

/** The index of the first event where two hash chains differ, or undefined when equal. */
export function firstChainDifference(a: Uint32Array, b: Uint32Array): number | undefined {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? undefined : n;
}

/** One line for people describing an event. */
export function formatTraceEvent(e: TraceEvent): string {
  const peer = e.peer === undefined ? '' : ` ${e.kind === 'send' ? '->' : '<-'} ${e.peer}`;
  const detail = e.detail === undefined ? '' : ` ${e.detail}`;
  return `#${e.index} @${e.timeUs}us ${e.kind} ${e.at}${peer}${detail}`;
}

const lane1 = 0x9e3779b1;
const lane2 = 0x85ebca77;

function rotl(x: number, bits: number): number {
  return (x << bits) | (x >>> (32 - bits));
}

function growChain(chain: Uint32Array): Uint32Array {
  const out = new Uint32Array(chain.length * 2);
  out.set(chain);
  return out;
}

function fmix(h: number): number {
  let x = h;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

function hex32(x: number): string {
  return x.toString(16).padStart(8, '0');
}
