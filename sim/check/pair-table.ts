/**
 * A hash map from pairs of non-negative int32s to int32s in typed arrays: the search's
 * transition memo and the kv model's value names, which would otherwise churn the garbage
 * collector with millions of map entries. When `entriesMax` is reached it forgets everything,
 * which is right for caches.
 */
export class PairTable {
  private keysA: Int32Array;
  private keysB: Int32Array;
  private values: Int32Array;
  private mask: number;
  private count = 0;
  private readonly entriesMax: number;

  constructor(options: { readonly entriesMax: number }) {
    this.entriesMax = options.entriesMax;
    this.keysA = new Int32Array(1024).fill(-1);
    this.keysB = new Int32Array(1024);
    this.values = new Int32Array(1024);
    this.mask = 1023;
  }

  get size(): number {
    return this.count;
  }

  /** The value stored for (a, b), or `missing`. */
  get(a: number, b: number, missing: number): number {
    const keysA = this.keysA;
    let slot = pairHash(a, b) & this.mask;
    for (;;) {
      const stored = keysA[slot]!;
      if (stored === -1) return missing;
      if (stored === a && this.keysB[slot] === b) return this.values[slot]!;
      slot = (slot + 1) & this.mask;
    }
  }

  set(a: number, b: number, value: number): void {
    if (this.count >= this.entriesMax) this.clear();
    if ((this.count + 1) * 2 > this.keysA.length) this.grow();
    const keysA = this.keysA;
    let slot = pairHash(a, b) & this.mask;
    for (;;) {
      const stored = keysA[slot]!;
      if (stored === -1) break;
      if (stored === a && this.keysB[slot] === b) {
        this.values[slot] = value;
        return;
      }
      slot = (slot + 1) & this.mask;
    }
    keysA[slot] = a;
    this.keysB[slot] = b;
    this.values[slot] = value;
    this.count++;
  }

  private clear(): void {
    this.keysA.fill(-1);
    this.count = 0;
  }

  private grow(): void {
    const { keysA, keysB, values } = this;
    const capacity = keysA.length * 2;
    this.keysA = new Int32Array(capacity).fill(-1);
    this.keysB = new Int32Array(capacity);
    this.values = new Int32Array(capacity);
    this.mask = capacity - 1;
    this.count = 0;
    for (let slot = 0; slot < keysA.length; slot++) {
      if (keysA[slot] !== -1) this.set(keysA[slot]!, keysB[slot]!, values[slot]!);
    }
  }
}

function pairHash(a: number, b: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  return (h ^ (h >>> 13)) | 0;
}
