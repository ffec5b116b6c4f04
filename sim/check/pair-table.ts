/**
 * A hash map from pairs of non-negative int32s to int32s in one typed array of (a, b, value)
 * triples, so a probe touches one cache line: the search's transition memo, its numeric state
 * keys and the kv model's value names, which would otherwise churn the garbage collector with
 * millions of map entries. When `entriesMax` is reached it forgets everything, which callers
 * treat as a cache miss.
 */
export class PairTable {
  /** Slot i holds a at 3i (-1 when empty), b at 3i+1, the value at 3i+2. */
  private slots: Int32Array;
  private mask: number;
  private count = 0;
  private readonly entriesMax: number;

  constructor(options: { readonly entriesMax: number }) {
    this.entriesMax = options.entriesMax;
    this.slots = emptySlots(64);
    this.mask = 63;
  }

  get size(): number {
    return this.count;
  }

  /** The value stored for (a, b), or `missing`. */
  get(a: number, b: number, missing: number): number {
    const slots = this.slots;
    let slot = pairHash(a, b) & this.mask;
    for (;;) {
      const at = slot * 3;
      const stored = slots[at]!;
      if (stored === -1) return missing;
      if (stored === a && slots[at + 1] === b) return slots[at + 2]!;
      slot = (slot + 1) & this.mask;
    }
  }

  set(a: number, b: number, value: number): void {
    if (this.count >= this.entriesMax) this.clear();
    if ((this.count + 1) * 2 > this.mask + 1) this.grow();
    this.place(a, b, value);
  }

  private place(a: number, b: number, value: number): void {
    const slots = this.slots;
    let slot = pairHash(a, b) & this.mask;
    for (;;) {
      const at = slot * 3;
      const stored = slots[at]!;
      if (stored === -1) {
        slots[at] = a;
        slots[at + 1] = b;
        slots[at + 2] = value;
        this.count++;
        return;
      }
      if (stored === a && slots[at + 1] === b) {
        slots[at + 2] = value;
        return;
      }
      slot = (slot + 1) & this.mask;
    }
  }

  private clear(): void {
    this.slots.fill(-1);
    this.count = 0;
  }

  private grow(): void {
    const old = this.slots;
    const capacity = (this.mask + 1) * 2;
    this.slots = emptySlots(capacity);
    this.mask = capacity - 1;
    this.count = 0;
    for (let at = 0; at < old.length; at += 3) {
      if (old[at] !== -1) this.place(old[at]!, old[at + 1]!, old[at + 2]!);
    }
  }
}

function emptySlots(capacity: number): Int32Array {
  return new Int32Array(capacity * 3).fill(-1);
}

function pairHash(a: number, b: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  return (h ^ (h >>> 13)) | 0;
}
