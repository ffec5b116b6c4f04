/**
 * Lowe's cache for the Wing–Gong search: the set of (linearized operations, model state) pairs
 * already explored. A configuration seen before leads to the same dead ends, so the search skips
 * it. Bitsets live in one growing Uint32Array pool and the table is open addressing over integer
 * slots, so the hot loop allocates nothing and memory is bounded by `bytesMax`.
 */
export class ConfigurationCache {
  private readonly words: number;
  private readonly bytesMax: number;
  private slots: Int32Array;
  private mask: number;
  private hashes: Int32Array;
  private stateIds: Int32Array;
  private bits: Uint32Array;
  private count = 0;

  constructor(options: { readonly words: number; readonly bytesMax: number }) {
    this.words = Math.max(1, options.words);
    this.bytesMax = options.bytesMax;
    const entries = 1024;
    this.slots = new Int32Array(entries * 2);
    this.mask = entries * 2 - 1;
    this.hashes = new Int32Array(entries);
    this.stateIds = new Int32Array(entries);
    this.bits = new Uint32Array(entries * this.words);
  }

  get size(): number {
    return this.count;
  }

  /** Bytes held now. */
  get bytes(): number {
    return this.slots.byteLength + this.hashes.byteLength + this.stateIds.byteLength + this.bits.byteLength;
  }

  /**
   * Records (bitset, stateId) unless present. Returns 1 when added, 0 when already present, and
   * -1 when adding it would exceed the memory limit.
   */
  add(bitset: Uint32Array, bitsetHash: number, stateId: number): 1 | 0 | -1 {
    const hash = mixHash(bitsetHash, stateId);
    let slot = this.findSlot(bitset, hash, stateId);
    if (slot < 0) return 0;
    if (this.count === this.hashes.length) {
      if (!this.grow()) return -1;
      slot = this.findSlot(bitset, hash, stateId);
    }
    const entry = this.count++;
    this.hashes[entry] = hash;
    this.stateIds[entry] = stateId;
    this.bits.set(bitset, entry * this.words);
    this.slots[slot] = entry + 1;
    return 1;
  }

  /** The empty slot where the configuration belongs, or -1 when it is already stored. */
  private findSlot(bitset: Uint32Array, hash: number, stateId: number): number {
    const words = this.words;
    let slot = hash & this.mask;
    for (;;) {
      const stored = this.slots[slot]!;
      if (stored === 0) return slot;
      const entry = stored - 1;
      if (this.hashes[entry] === hash && this.stateIds[entry] === stateId && this.sameBits(entry * words, bitset)) return -1;
      slot = (slot + 1) & this.mask;
    }
  }

  private sameBits(offset: number, bitset: Uint32Array): boolean {
    const bits = this.bits;
    for (let i = 0; i < this.words; i++) if (bits[offset + i] !== bitset[i]) return false;
    return true;
  }

  private grow(): boolean {
    const entries = this.hashes.length * 2;
    const bytesNext = entries * 2 * 4 + entries * 8 + entries * this.words * 4;
    if (bytesNext > this.bytesMax) return false;
    const hashes = new Int32Array(entries);
    hashes.set(this.hashes);
    const stateIds = new Int32Array(entries);
    stateIds.set(this.stateIds);
    const bits = new Uint32Array(entries * this.words);
    bits.set(this.bits);
    this.hashes = hashes;
    this.stateIds = stateIds;
    this.bits = bits;
    this.slots = new Int32Array(entries * 2);
    this.mask = entries * 2 - 1;
    for (let entry = 0; entry < this.count; entry++) {
      let slot = hashes[entry]! & this.mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
      this.slots[slot] = entry + 1;
    }
    return true;
  }
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
