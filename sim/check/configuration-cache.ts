/**
 * Lowe's cache for the Wing–Gong search: the set of (linearized operations, model state) pairs
 * already explored. A configuration seen before leads to the same dead ends, so the search skips
 * it. A linearized set is stored as the words of its bitset between `lowWord` (the first word not
 * all ones; all words before it are) and `highWord` (one past the last non-zero word), so a long
 * history whose early operations are all linearized costs a few words per entry, not n/32. Words
 * live in one growing Uint32Array pool and the table is open addressing over integer slots, so the
 * hot loop allocates nothing and memory is bounded by `bytesMax`.
 *
 * Each entry also keeps a tag, a number its user sets: PartSearch the blame of the
 * configuration's failure (the footprints it depends on; -1, all of them, until known),
 * FootprintMemory the choice last made from a footprint's sub-configuration. A new entry's tag
 * is -1.
 */
export class ConfigurationCache {
  private readonly bytesMax: number;
  private slots: Int32Array;
  private mask: number;
  private hashes: Int32Array;
  private stateIds: Int32Array;
  private lows: Int32Array;
  private offsets: Int32Array;
  private tags: Int32Array;
  private pool: Uint32Array;
  private poolUsed = 0;
  private count = 0;
  /** The entry `add` last added or found. */
  private entry = -1;

  /**
   * `entriesHint`: how many entries the user expects (a search of n operations records at least n
   * when it succeeds), so the table starts large enough instead of growing step by step; within
   * `bytesMax`, and at least 64.
   */
  constructor(options: { readonly bytesMax: number; readonly entriesHint?: number }) {
    this.bytesMax = options.bytesMax;
    let entries = 64;
    while (entries < (options.entriesHint ?? 0) && bytesOf(entries * 2, entries * 8) <= this.bytesMax) entries *= 2;
    this.slots = new Int32Array(entries * 2);
    this.mask = entries * 2 - 1;
    this.hashes = new Int32Array(entries);
    this.stateIds = new Int32Array(entries);
    this.lows = new Int32Array(entries);
    this.offsets = new Int32Array(entries + 1);
    this.tags = new Int32Array(entries);
    this.pool = new Uint32Array(entries * 4);
  }

  get size(): number {
    return this.count;
  }

  /** The entry the last `add` added (1) or found (0). */
  get lastEntry(): number {
    return this.entry;
  }

  /** An entry's tag: -1 until `setTag`. */
  tag(entry: number): number {
    return this.tags[entry]!;
  }

  setTag(entry: number, value: number): void {
    this.tags[entry] = value;
  }

  /**
   * Records (bitset, stateId) unless present; `lowWord`/`highWord` delimit the bitset's stored
   * words as above. Returns 1 when added, 0 when already present, -1 when over the memory limit;
   * `lastEntry` then names the entry added or found.
   */
  add(bitset: Uint32Array, bits: { readonly hash: number; readonly lowWord: number; readonly highWord: number }, stateId: number): 1 | 0 | -1 {
    const hash = mixHash(bits.hash, stateId);
    const low = bits.lowWord;
    const length = Math.max(0, bits.highWord - low);
    let slot = this.findSlot(bitset, hash, stateId, low, length);
    if (slot < 0) {
      this.entry = -2 - slot;
      return 0;
    }
    if (this.count === this.hashes.length || this.poolUsed + length > this.pool.length) {
      if (!this.grow(length)) return -1;
      slot = this.findSlot(bitset, hash, stateId, low, length);
    }
    const entry = this.count++;
    this.entry = entry;
    this.tags[entry] = -1;
    this.hashes[entry] = hash;
    this.stateIds[entry] = stateId;
    this.lows[entry] = low;
    for (let i = 0; i < length; i++) this.pool[this.poolUsed + i] = bitset[low + i]!;
    this.poolUsed += length;
    this.offsets[entry + 1] = this.poolUsed;
    this.slots[slot] = entry + 1;
    return 1;
  }

  /** Whether (bitset, stateId) is recorded, without recording it. */
  has(bitset: Uint32Array, bits: { readonly hash: number; readonly lowWord: number; readonly highWord: number }, stateId: number): boolean {
    const low = bits.lowWord;
    return this.findSlot(bitset, mixHash(bits.hash, stateId), stateId, low, Math.max(0, bits.highWord - low)) < 0;
  }

  /** The empty slot where the configuration belongs, or -2 - entry when it is already stored. */
  private findSlot(bitset: Uint32Array, hash: number, stateId: number, low: number, length: number): number {
    let slot = hash & this.mask;
    for (;;) {
      const stored = this.slots[slot]!;
      if (stored === 0) return slot;
      const entry = stored - 1;
      if (this.hashes[entry] === hash && this.stateIds[entry] === stateId && this.lows[entry] === low && this.sameWords(entry, bitset, low, length)) return -2 - entry;
      slot = (slot + 1) & this.mask;
    }
  }

  private sameWords(entry: number, bitset: Uint32Array, low: number, length: number): boolean {
    const start = this.offsets[entry]!;
    if (this.offsets[entry + 1]! - start !== length) return false;
    const pool = this.pool;
    for (let i = 0; i < length; i++) if (pool[start + i] !== bitset[low + i]) return false;
    return true;
  }

  private grow(wordsNeeded: number): boolean {
    const entries = this.count === this.hashes.length ? this.hashes.length * 2 : this.hashes.length;
    const poolWords = Math.max(this.pool.length, (this.poolUsed + wordsNeeded) * 2);
    const bytesNext = bytesOf(entries, poolWords);
    if (bytesNext > this.bytesMax) return false;
    if (poolWords !== this.pool.length) this.pool = copyInto(new Uint32Array(poolWords), this.pool);
    if (entries === this.hashes.length) return true;
    this.hashes = copyInto(new Int32Array(entries), this.hashes);
    this.stateIds = copyInto(new Int32Array(entries), this.stateIds);
    this.lows = copyInto(new Int32Array(entries), this.lows);
    this.offsets = copyInto(new Int32Array(entries + 1), this.offsets);
    this.tags = copyInto(new Int32Array(entries), this.tags);
    this.slots = new Int32Array(entries * 2);
    this.mask = entries * 2 - 1;
    for (let entry = 0; entry < this.count; entry++) {
      let slot = this.hashes[entry]! & this.mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
      this.slots[slot] = entry + 1;
    }
    return true;
  }
}

/** The bytes of a table of `entries` entries (two slots and five fields each) and a pool of `poolWords` words. */
function bytesOf(entries: number, poolWords: number): number {
  return entries * (2 * 4 + 5 * 4) + poolWords * 4;
}

function copyInto<T extends Int32Array | Uint32Array>(target: T, source: T): T {
  target.set(source);
  return target;
}

/** Combines a bitset's hash with a state id into a well-spread 32-bit hash. */
function mixHash(bitsetHash: number, stateId: number): number {
  let h = (bitsetHash ^ Math.imul(stateId + 1, 0x9e3779b1)) | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/** A fixed pseudo-random 32-bit value per operation index, XORed into a bitset's running hash. */
export function operationHash(index: number): number {
  let h = Math.imul(index + 0x632be5ab, 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}
