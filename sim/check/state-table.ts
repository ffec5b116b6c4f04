import type { Operation } from '../history.ts';
import type { Model } from './model.ts';
import { PairTable } from './pair-table.ts';

/** Transitions memoized before the memo is cleared. */
const transitionsMax = 1 << 21;
/** What the tables answer for a pair they do not hold. */
const missing = -3;
/** Steps before the memo starts: a short search ends before a memo would repay its table. */
const memoStartSteps = 1 << 10;
/** Lookups after which the memo is judged, and the share of hits it must keep to stay on. */
const memoTrialSteps = 1 << 15;
const memoHitShareMin = 0.3;
/** Numeric state keys are split into two non-negative 30-bit halves for the pair table. */
const half = 2 ** 30;

/**
 * Interns model states as dense integer ids and memoizes transitions, so the search compares and
 * hashes integers and each (state, operation) step runs the model once. The memo pays off when
 * the search meets the same state often (a whole map checked unsplit) and costs more than it saves
 * when nearly every step is new (a single key under appends), so after a trial it switches itself
 * off if too few lookups hit. It starts only after the first `memoStartSteps` steps, which a short
 * search (a key of a small history) takes faster than it fills a memo.
 */
export class StateTable<State> {
  readonly states: State[] = [];
  private readonly textIds = new Map<string, number>();
  /** Numeric state keys, when the model does not hash its states (made at first use). */
  private numberIds: PairTable | undefined;
  /** When the model hashes its states (Model.stateHash): open addressing over state id + 1. */
  private readonly hashed: boolean;
  private slots = new Int32Array(64);
  private hashes = new Int32Array(32);
  private transitions: PairTable | undefined;
  private readonly model: Model<State>;
  private readonly operations: readonly Operation[];
  private readonly statesMax: number;
  private memoOn = true;
  private steps = 0;
  private memoLookups = 0;
  private memoHits = 0;

  constructor(options: { readonly model: Model<State>; readonly operations: readonly Operation[]; readonly statesMax: number }) {
    this.model = options.model;
    this.operations = options.operations;
    this.statesMax = options.statesMax;
    this.hashed = this.model.stateHash !== undefined && this.model.stateEquals !== undefined;
  }

  /** The id of `state`, adding it when new; -1 when the table is full. */
  intern(state: State): number {
    if (this.hashed) return this.internByHash(state);
    const key = this.model.stateKey(state);
    const numeric = typeof key === 'number' && Number.isSafeInteger(key) && key >= 0;
    this.numberIds ??= new PairTable({ entriesMax: this.statesMax + 1 });
    const known = numeric ? this.numberIds.get(Math.floor(key / half), key % half, missing) : (this.textIds.get(String(key)) ?? missing);
    if (known !== missing) return known;
    if (this.states.length >= this.statesMax) return -1;
    const id = this.states.length;
    this.states.push(state);
    if (numeric) this.numberIds.set(Math.floor(key / half), key % half, id);
    else this.textIds.set(typeof key === 'number' ? `#${key}` : key, id);
    return id;
  }

  private internByHash(state: State): number {
    const hash = this.model.stateHash!(state) | 0;
    let mask = this.slots.length - 1;
    let slot = spread(hash) & mask;
    for (let stored = this.slots[slot]!; stored !== 0; stored = this.slots[slot]!) {
      if (this.hashes[stored - 1] === hash && this.model.stateEquals!(this.states[stored - 1]!, state)) return stored - 1;
      slot = (slot + 1) & mask;
    }
    if (this.states.length >= this.statesMax) return -1;
    const id = this.states.length;
    this.states.push(state);
    if (id === this.hashes.length) {
      const hashes = new Int32Array(id * 2);
      hashes.set(this.hashes);
      this.hashes = hashes;
    }
    this.hashes[id] = hash;
    this.slots[slot] = id + 1;
    if (this.states.length * 2 > this.slots.length) {
      this.slots = new Int32Array(this.slots.length * 2);
      mask = this.slots.length - 1;
      for (let other = 0; other < this.states.length; other++) {
        let at = spread(this.hashes[other]!) & mask;
        while (this.slots[at] !== 0) at = (at + 1) & mask;
        this.slots[at] = other + 1;
      }
    }
    return id;
  }

  /**
   * The state after operation `opIndex` (an index into the part's operations) in state
   * `stateId`: its id, -1 when the model rejects it, or -2 when the state table is full.
   */
  step(stateId: number, opIndex: number): number {
    const memo = this.memo();
    if (memo !== undefined) {
      const known = memo.get(stateId, opIndex, missing);
      this.memoLookups++;
      if (known !== missing) {
        this.memoHits++;
        return known;
      }
      if (this.memoLookups >= memoTrialSteps && this.memoHits < memoHitShareMin * this.memoLookups) this.memoOn = false;
    }
    const state = this.states[stateId]!;
    const op = this.operations[opIndex]!;
    const result = this.model.stepQuietly !== undefined ? this.model.stepQuietly(state, op) : this.model.step(state, op);
    let next = -1;
    if (result.ok) {
      next = this.intern(result.state);
      if (next < 0) return -2;
    }
    if (memo !== undefined && this.memoOn) memo.set(stateId, opIndex, next);
    return next;
  }

  /** The transition memo, once the search has run long enough to want one and while it pays. */
  private memo(): PairTable | undefined {
    if (!this.memoOn || ++this.steps <= memoStartSteps) return undefined;
    this.transitions ??= new PairTable({ entriesMax: transitionsMax });
    return this.transitions;
  }
}

/** Spreads a model's state hash over the table's low bits. */
function spread(hash: number): number {
  const h = Math.imul(hash ^ (hash >>> 16), 0x45d9f3b);
  return (h ^ (h >>> 16)) | 0;
}
