import { simAssert } from './assert.ts';

/**
 * The kernel's priority queue: a min-heap ordered by (timeUs, sequence number), so events at the
 * same instant come out in the order they were pushed (DESIGN.md §2). It is 4-ary: half the depth
 * of a binary heap, and the four children of a node sit side by side in memory.
 *
 * An event is a few plain fields (kind, two integers, one reference) kept in parallel typed arrays
 * indexed by a slot. The heap arrays hold each entry's time inline next to its slot, so sifting
 * compares neighbouring memory; the sequence number lives with the slot and is read only to break
 * a tie, which keeps the heap's hot memory small when many events are queued. Popping copies the
 * event's fields into `top*` instead of returning an object, so the hot loop allocates nothing.
 */
export class EventQueue {
  /** Fields of the event last returned by `pop()`. */
  topTimeUs = 0;
  topKind = 0;
  topA = 0;
  topB = 0;
  topRef: unknown = undefined;

  private heap: Int32Array;
  private heapTimeUs: Float64Array;
  private size = 0;
  private slotSeq: Float64Array;
  /** Per slot: kind, a, b (stride 4), so one cache line holds an event's fields. */
  private slotFields: Int32Array;
  private slotRef: unknown[];
  private freeSlots: Int32Array;
  private freeCount: number;
  private seqNext = 0;
  private readonly capacityMax: number;

  constructor(o: { capacityInitial?: number; capacityMax?: number } = {}) {
    const capacity = Math.max(16, o.capacityInitial ?? 1024);
    this.capacityMax = o.capacityMax ?? 50_000_000;
    this.heap = new Int32Array(capacity);
    this.heapTimeUs = new Float64Array(capacity);
    this.slotSeq = new Float64Array(capacity);
    this.slotFields = new Int32Array(capacity * 4);
    this.slotRef = new Array<unknown>(capacity).fill(undefined);
    this.freeSlots = new Int32Array(capacity);
    this.freeCount = capacity;
    for (let i = 0; i < capacity; i++) this.freeSlots[i] = capacity - 1 - i;
  }

  get length(): number {
    return this.size;
  }

  /** Time of the earliest event, or Infinity when empty. */
  peekTimeUs(): number {
    return this.size === 0 ? Infinity : (this.heapTimeUs[0] as number);
  }

  push(timeUs: number, kind: number, a: number, b: number, ref: unknown): void {
    if (this.freeCount === 0) this.grow();
    const slot = this.freeSlots[--this.freeCount] as number;
    const fields = this.slotFields;
    const at = slot << 2;
    fields[at] = kind;
    fields[at + 1] = a;
    fields[at + 2] = b;
    this.slotRef[slot] = ref;
    const seq = this.seqNext++;
    this.slotSeq[slot] = seq;
    this.siftUp(this.size++, slot, timeUs, seq);
  }

  /** Removes the earliest event into the `top*` fields; false when empty. */
  pop(): boolean {
    if (this.size === 0) return false;
    const heap = this.heap;
    const slot = heap[0] as number;
    this.topTimeUs = this.heapTimeUs[0] as number;
    const fields = this.slotFields;
    const at = slot << 2;
    this.topKind = fields[at] as number;
    this.topA = fields[at + 1] as number;
    this.topB = fields[at + 2] as number;
    this.topRef = this.slotRef[slot];
    this.slotRef[slot] = undefined;
    this.freeSlots[this.freeCount++] = slot;
    const last = --this.size;
    if (last > 0) {
      const moved = heap[last] as number;
      this.siftDown(moved, this.heapTimeUs[last] as number, this.slotSeq[moved] as number);
    }
    return true;
  }

  /** Calls `visit` for every queued event, in no particular order (for reports of what is pending). */
  forEach(visit: (kind: number, a: number, b: number, ref: unknown) => void): void {
    for (let i = 0; i < this.size; i++) {
      const slot = this.heap[i] as number;
      const at = slot << 2;
      visit(this.slotFields[at] as number, this.slotFields[at + 1] as number, this.slotFields[at + 2] as number, this.slotRef[slot]);
    }
  }

  private siftUp(start: number, slot: number, t: number, s: number): void {
    const heap = this.heap;
    const times = this.heapTimeUs;
    const seqs = this.slotSeq;
    let i = start;
    while (i > 0) {
      const parent = (i - 1) >> 2;
      const pt = times[parent] as number;
      const ps = heap[parent] as number;
      if (pt < t || (pt === t && (seqs[ps] as number) < s)) break;
      heap[i] = ps;
      times[i] = pt;
      i = parent;
    }
    heap[i] = slot;
    times[i] = t;
  }

  private siftDown(slot: number, t: number, s: number): void {
    const heap = this.heap;
    const times = this.heapTimeUs;
    const seqs = this.slotSeq;
    const size = this.size;
    let i = 0;
    for (;;) {
      const first = 4 * i + 1;
      if (first >= size) break;
      let child = first;
      let ct = times[first] as number;
      const last = Math.min(first + 4, size);
      for (let c = first + 1; c < last; c++) {
        const xt = times[c] as number;
        if (xt < ct || (xt === ct && (seqs[heap[c] as number] as number) < (seqs[heap[child] as number] as number))) {
          child = c;
          ct = xt;
        }
      }
      if (t < ct || (t === ct && s < (seqs[heap[child] as number] as number))) break;
      heap[i] = heap[child] as number;
      times[i] = ct;
      i = child;
    }
    heap[i] = slot;
    times[i] = t;
  }

  private grow(): void {
    const old = this.heap.length;
    const capacity = old * 2;
    simAssert(capacity <= this.capacityMax, `event queue exceeds ${this.capacityMax} events: a runaway system floods the scheduler`);
    const heap = new Int32Array(capacity);
    heap.set(this.heap);
    this.heap = heap;
    this.heapTimeUs = growFloat(this.heapTimeUs, capacity);
    this.slotSeq = growFloat(this.slotSeq, capacity);
    this.slotFields = growInt(this.slotFields, capacity * 4);
    for (let i = old; i < capacity; i++) this.slotRef.push(undefined);
    const free = new Int32Array(capacity);
    free.set(this.freeSlots.subarray(0, this.freeCount));
    for (let i = capacity - 1; i >= old; i--) free[this.freeCount++] = i;
    this.freeSlots = free;
  }
}

function growFloat(a: Float64Array, capacity: number): Float64Array {
  const out = new Float64Array(capacity);
  out.set(a);
  return out;
}

function growInt(a: Int32Array, capacity: number): Int32Array {
  const out = new Int32Array(capacity);
  out.set(a);
  return out;
}
