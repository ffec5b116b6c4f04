import { simAssert } from './assert.ts';

/** Default width of the near-future window, in microseconds (a power of two). */
const windowUsDefault = 4096;
/** The link field of a heap entry (a wheel entry's is the next slot of its list, or -1). */
const linkHeap = -2;

/**
 * The kernel's priority queue: events come out ordered by (timeUs, sequence number), so events at
 * the same instant come out in the order they were pushed (DESIGN.md §2).
 *
 * Most events of a simulation land a little after now (message latencies, disk callbacks), and
 * times are whole microseconds, so many share an instant. Such events go into a timing wheel: one
 * FIFO list per microsecond of the window [base, base + windowUs), where base is the time of the
 * last event popped; a list holds one instant, in push order, so neither pushing nor popping
 * compares anything, and a bitmap finds the next non-empty instant. Events beyond the window
 * (long timers), before base or between whole microseconds (only a direct user of the queue pushes
 * such times) go into a
 * 4-ary min-heap keyed by (time, sequence number). Each pop takes the earlier of the wheel's first
 * event and the heap's top, the heap's on a tie (see `pop`), so the order is exactly that of one
 * (time, sequence) heap.
 *
 * An event is a few plain fields (kind, two integers, one reference) kept in parallel typed arrays
 * indexed by a slot; a wheel list is linked through the slots. Popping copies the event's fields
 * into `top*` instead of returning an object, so the hot loop allocates nothing.
 *
 * `push` returns the event's slot, with which `cancel` removes it: a timer that is cancelled or
 * replaced, or a timeout whose reply came first, then never comes out of the queue. Each slot
 * knows its place (heap position or wheel bucket), so a heap entry leaves the heap at once and a
 * wheel entry is unlinked from its instant's list; nothing is left behind for the hot path to skip.
 * A slot is reused once its event is out, so `cancel` also takes the event's kind and `b`, which
 * the caller makes unique among the queued events of that kind (a timer token, a request id), and
 * finds the slot at its place or refuses. The slot is a small integer: a larger handle would be a
 * heap-allocated number per push.
 */
export class EventQueue {
  /** Fields of the event last removed by `pop()` (by `popRef()` too, except `topRef`). */
  topTimeUs = 0;
  topKind = 0;
  topA = 0;
  topB = 0;
  topRef: unknown = undefined;

  /** Per slot: kind, a, b, next slot in its wheel list (-1 at the end); stride 4, one cache line. */
  private slotFields: Int32Array;
  private slotSeq: Float64Array;
  private slotRef: unknown[];
  private freeSlots: Int32Array;
  private freeCount: number;
  private seqNext = 0;
  private readonly capacityMax: number;

  private readonly windowUs: number;
  private readonly mask: number;
  private readonly bucketHead: Int32Array;
  private readonly bucketTail: Int32Array;
  /** One bit per bucket: set when its list is not empty. */
  private readonly occupied: Int32Array;
  /** No wheel event is earlier than this; the bucket of this instant is `baseBucket`. */
  private baseUs = 0;
  private baseBucket = 0;
  private wheelCount = 0;
  /** The wheel's first non-empty bucket, remembered between calls; -1 when unknown. */
  private peeked = -1;

  /** Heap of the slots outside the window, with each entry's time inline. */
  private heap: Int32Array;
  /** Per queued slot: its position in the heap, or its bucket in the wheel (for `cancel`). */
  private slotPlace: Int32Array;
  private heapTimeUs: Float64Array;
  private heapSize = 0;

  constructor(o: { capacityInitial?: number; capacityMax?: number; windowUs?: number } = {}) {
    const capacity = Math.max(16, o.capacityInitial ?? 1024);
    this.capacityMax = o.capacityMax ?? 50_000_000;
    this.windowUs = o.windowUs ?? windowUsDefault;
    const w = this.windowUs;
    simAssert(Number.isInteger(w) && w >= 32 && w <= 1 << 24 && (w & (w - 1)) === 0, `event queue window must be a power of two in [32, 2^24]; got ${w}`);
    this.mask = w - 1;
    this.bucketHead = new Int32Array(w).fill(-1);
    this.bucketTail = new Int32Array(w);
    this.occupied = new Int32Array(w >> 5);
    this.heap = new Int32Array(capacity);
    this.slotPlace = new Int32Array(capacity);
    this.heapTimeUs = new Float64Array(capacity);
    this.slotSeq = new Float64Array(capacity);
    this.slotFields = new Int32Array(capacity * 4);
    this.slotRef = new Array<unknown>(capacity).fill(undefined);
    this.freeSlots = new Int32Array(capacity);
    this.freeCount = capacity;
    for (let i = 0; i < capacity; i++) this.freeSlots[i] = capacity - 1 - i;
  }

  get length(): number {
    return this.wheelCount + this.heapSize;
  }

  /** Time of the earliest event, or Infinity when empty. */
  peekTimeUs(): number {
    if (this.wheelCount > 0 && this.peeked === -1) this.peeked = this.firstBucket();
    const wheelUs = this.wheelCount === 0 ? Infinity : this.bucketTimeUs(this.peeked);
    return this.heapSize === 0 ? wheelUs : Math.min(wheelUs, this.heapTimeUs[0] as number);
  }

  /** Queues an event and returns its slot, for `cancel`. */
  push(timeUs: number, kind: number, a: number, b: number, ref: unknown): number {
    if (this.freeCount === 0) this.grow();
    const slot = this.freeSlots[--this.freeCount] as number;
    const fields = this.slotFields;
    const at = slot << 2;
    fields[at] = kind;
    fields[at + 1] = a;
    fields[at + 2] = b;
    this.slotRef[slot] = ref;
    const seq = this.seqNext++;
    const offsetUs = timeUs - this.baseUs;
    // The wheel holds whole microseconds only; any other time (the kernel makes none) is heaped.
    if (offsetUs >= 0 && offsetUs < this.windowUs && (offsetUs | 0) === offsetUs) {
      const bucket = (this.baseBucket + offsetUs) & this.mask;
      fields[at + 3] = -1;
      this.slotPlace[slot] = bucket;
      if (this.bucketHead[bucket] === -1) {
        this.bucketHead[bucket] = slot;
        const word = bucket >> 5;
        this.occupied[word] = (this.occupied[word] as number) | (1 << (bucket & 31));
      } else {
        fields[((this.bucketTail[bucket] as number) << 2) + 3] = slot;
      }
      this.bucketTail[bucket] = slot;
      this.wheelCount++;
      this.peeked = -1;
      return slot;
    }
    // Only heap entries need their sequence number: a wheel list is in push order already.
    fields[at + 3] = linkHeap;
    this.slotSeq[slot] = seq;
    this.siftUp(this.heapSize++, slot, timeUs, seq);
    return slot;
  }

  /**
   * Cancels the event of this kind and `b` that `push` put in `slot`: it will not come out of the
   * queue. Returns false (and does nothing) when that event already came out or was cancelled.
   */
  cancel(slot: number, event: { kind: number; b: number }): boolean {
    const at = slot << 2;
    const fields = this.slotFields;
    if (!(slot >= 0 && slot < this.slotRef.length) || fields[at] !== event.kind || fields[at + 2] !== event.b) return false;
    // A slot whose event came out keeps its old fields: it is not found at its old place.
    if (fields[at + 3] === linkHeap) {
      const i = this.slotPlace[slot] as number;
      if (i >= this.heapSize || this.heap[i] !== slot) return false;
      this.removeHeapAt(i);
    } else if (!this.unlinkWheel(slot)) {
      return false;
    }
    this.slotRef[slot] = undefined;
    this.freeSlots[this.freeCount++] = slot;
    return true;
  }

  /** Takes a slot out of its bucket's list; false when it is not there. */
  private unlinkWheel(slot: number): boolean {
    const fields = this.slotFields;
    const bucket = this.slotPlace[slot] as number;
    let prev = -1;
    // The list holds the events of one instant; the walk ends at its end (-1).
    for (let cur = this.bucketHead[bucket] as number; cur !== -1; cur = fields[(cur << 2) + 3] as number) {
      if (cur !== slot) {
        prev = cur;
        continue;
      }
      const next = fields[(slot << 2) + 3] as number;
      if (prev === -1) this.bucketHead[bucket] = next;
      else fields[(prev << 2) + 3] = next;
      if (next === -1) this.bucketTail[bucket] = prev;
      if (this.bucketHead[bucket] === -1) {
        const word = bucket >> 5;
        this.occupied[word] = (this.occupied[word] as number) & ~(1 << (bucket & 31));
        if (this.peeked === bucket) this.peeked = -1;
      }
      this.wheelCount--;
      return true;
    }
    return false;
  }

  /** Takes the heap entry at position `i` out, the last entry filling its place. */
  private removeHeapAt(i: number): void {
    const last = --this.heapSize;
    if (i === last) return;
    const moved = this.heap[last] as number;
    const t = this.heapTimeUs[last] as number;
    const s = this.slotSeq[moved] as number;
    const parent = (i - 1) >> 2;
    const pt = this.heapTimeUs[parent] as number;
    if (i > 0 && (t < pt || (t === pt && s < (this.slotSeq[this.heap[parent] as number] as number)))) this.siftUp(i, moved, t, s);
    else this.siftDown(i, moved, t, s);
  }

  /** Removes the earliest event into the `top*` fields; false when empty. */
  pop(): boolean {
    if (this.length === 0) return false;
    this.topRef = this.popRef();
    return true;
  }

  /**
   * Removes the earliest event of a queue that is not empty: its numbers into `topTimeUs`,
   * `topKind`, `topA`, `topB`, its reference returned (`topRef` is left alone). The kernel's loop
   * uses it: keeping a just-sent message in a long-lived field costs a write barrier per event.
   */
  popRef(): unknown {
    const slot = this.popSlot();
    const ref = this.slotRef[slot];
    this.slotRef[slot] = undefined;
    return ref;
  }

  /** Removes the earliest event, sets the numeric `top*` fields and returns its slot, already free. */
  private popSlot(): number {
    if (this.wheelCount === 0) {
      simAssert(this.heapSize > 0, 'event queue: pop from an empty queue');
      return this.popHeap(this.heapTimeUs[0] as number);
    }
    const bucket = this.peeked === -1 ? this.firstBucket() : this.peeked;
    // The wheel's first bucket stays first while it has events, whichever side this pop takes.
    this.peeked = bucket;
    const wheelUs = this.bucketTimeUs(bucket);
    // On a tie the heap's event was pushed first: it went to the heap while its instant lay beyond
    // the window, and the wheel event only after base had moved (base never goes back).
    if (this.heapSize > 0 && (this.heapTimeUs[0] as number) <= wheelUs) return this.popHeap(this.heapTimeUs[0] as number);
    return this.popWheel(bucket, wheelUs);
  }

  /** Calls `visit` for every queued event, in no particular order (for reports of what is pending). */
  forEach(visit: (kind: number, a: number, b: number, ref: unknown) => void): void {
    const fields = this.slotFields;
    const each = (slot: number): void => {
      const at = slot << 2;
      visit(fields[at] as number, fields[at + 1] as number, fields[at + 2] as number, this.slotRef[slot]);
    };
    for (let i = 0; i < this.heapSize; i++) each(this.heap[i] as number);
    // Only the buckets the bitmap marks: a run's end visits a few events, not the whole window.
    for (let word = 0; word < this.occupied.length; word++) {
      for (let bits = this.occupied[word] as number; bits !== 0; bits &= bits - 1) {
        const bucket = (word << 5) | (31 - Math.clz32(bits & -bits));
        for (let slot = this.bucketHead[bucket] as number; slot !== -1; slot = fields[(slot << 2) + 3] as number) each(slot);
      }
    }
  }

  /** The first non-empty bucket at or after base, going round the wheel once (the wheel is not empty). */
  private firstBucket(): number {
    const occupied = this.occupied;
    const start = this.baseBucket;
    let word = start >> 5;
    let bits = (occupied[word] as number) & (-1 << (start & 31));
    const wordMask = occupied.length - 1;
    for (let i = occupied.length; bits === 0 && i > 0; i--) {
      word = (word + 1) & wordMask;
      bits = occupied[word] as number;
    }
    simAssert(bits !== 0, 'event queue: wheel count and bitmap disagree');
    return (word << 5) | (31 - Math.clz32(bits & -bits));
  }

  private bucketTimeUs(bucket: number): number {
    return this.baseUs + ((bucket - this.baseBucket) & this.mask);
  }

  private popWheel(bucket: number, timeUs: number): number {
    const slot = this.bucketHead[bucket] as number;
    const next = this.take(slot, timeUs);
    this.bucketHead[bucket] = next;
    if (next === -1) {
      this.peeked = -1;
      const word = bucket >> 5;
      this.occupied[word] = (this.occupied[word] as number) & ~(1 << (bucket & 31));
    }
    this.wheelCount--;
    this.baseUs = timeUs;
    this.baseBucket = bucket;
    return slot;
  }

  private popHeap(timeUs: number): number {
    const heap = this.heap;
    const slot = heap[0] as number;
    this.take(slot, timeUs);
    const last = --this.heapSize;
    if (last > 0) {
      const moved = heap[last] as number;
      this.siftDown(0, moved, this.heapTimeUs[last] as number, this.slotSeq[moved] as number);
    }
    // Every wheel event is at or after this time and before base + window, so base may move up to
    // it (to the whole microsecond at or below it: base stays a whole number).
    const wholeUs = Math.floor(timeUs);
    if (wholeUs > this.baseUs) {
      this.baseBucket = (this.baseBucket + (wholeUs - this.baseUs)) & this.mask;
      this.baseUs = wholeUs;
    }
    return slot;
  }

  /** Copies a slot's numbers into `top*`, frees the slot (its reference is the caller's) and returns its wheel link. */
  private take(slot: number, timeUs: number): number {
    const fields = this.slotFields;
    const at = slot << 2;
    this.topTimeUs = timeUs;
    this.topKind = fields[at] as number;
    this.topA = fields[at + 1] as number;
    this.topB = fields[at + 2] as number;
    this.freeSlots[this.freeCount++] = slot;
    return fields[at + 3] as number;
  }

  private siftUp(start: number, slot: number, t: number, s: number): void {
    const heap = this.heap;
    const index = this.slotPlace;
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
      index[ps] = i;
      i = parent;
    }
    heap[i] = slot;
    times[i] = t;
    index[slot] = i;
  }

  private siftDown(start: number, slot: number, t: number, s: number): void {
    const heap = this.heap;
    const index = this.slotPlace;
    const times = this.heapTimeUs;
    const seqs = this.slotSeq;
    const size = this.heapSize;
    let i = start;
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
      const moved = heap[child] as number;
      heap[i] = moved;
      times[i] = ct;
      index[moved] = i;
      i = child;
    }
    heap[i] = slot;
    times[i] = t;
    index[slot] = i;
  }

  private grow(): void {
    const old = this.slotSeq.length;
    const capacity = old * 2;
    simAssert(capacity <= this.capacityMax, `event queue exceeds ${this.capacityMax} events: a runaway system floods the scheduler`);
    this.heap = growInt(this.heap, capacity);
    this.slotPlace = growInt(this.slotPlace, capacity);
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
