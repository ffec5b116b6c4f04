import type { Operation } from '../history.ts';
import type { Model } from './model.ts';

/** How many of the changed key's list nodes `blockedRead` looks through for reads. */
const lookahead = 64;

/**
 * Read-ahead pruning for models whose state only grows unless some operations reset it
 * (Model.isReset, Model.canStillObserve): right after an operation changes a key, an upcoming
 * `ok` read of that key that no sequence of non-reset operations can satisfy any more makes the
 * configuration a dead end.
 *
 * Each key's call and return nodes form a list of their own that mirrors the search's list
 * (lifted and put back with it), so the look-ahead covers the next `lookahead` nodes of the
 * changed key however many other keys' operations are interleaved with them, as in a map checked
 * unsplit.
 */
export class ReadAhead<State> {
  private readonly model: Model<State>;
  private readonly operations: readonly Operation[];
  private readonly isInfo: Uint8Array;
  private readonly readOnly: Uint8Array;
  private readonly resets: Uint8Array;
  /** Per operation, a small number for its `key` (0 for none). */
  private readonly keyIds: Int32Array;
  /** Links of the per-key lists; node `headBase + k` heads key k's list, -1 ends it. */
  private readonly next: Int32Array;
  private readonly prev: Int32Array;
  private readonly headBase: number;

  /**
   * `order` is the search's list: `order[node]` follows `node`, from head 0 to the tail;
   * `isInfo` and `readOnly` are the search's flags per operation (see PartSearch).
   */
  constructor(options: { readonly model: Model<State>; readonly operations: readonly Operation[]; readonly order: Int32Array; readonly isInfo: Uint8Array; readonly readOnly: Uint8Array }) {
    const { model, operations, order } = options;
    const n = operations.length;
    this.model = model;
    this.operations = operations;
    this.isInfo = options.isInfo;
    this.readOnly = options.readOnly;
    this.resets = new Uint8Array(n);
    this.keyIds = new Int32Array(n);
    const keyNumbers = new Map<string, number>();
    // Operations of one key usually come in runs (a split part has only one): look up only changes.
    let lastKey: string | undefined;
    let lastKeyId = 0;
    for (let i = 0; i < n; i++) {
      const op = operations[i]!;
      if (op.key !== lastKey) {
        lastKey = op.key;
        if (op.key !== undefined && !keyNumbers.has(op.key)) keyNumbers.set(op.key, keyNumbers.size + 1);
        lastKeyId = op.key === undefined ? 0 : keyNumbers.get(op.key)!;
      }
      this.keyIds[i] = lastKeyId;
      this.resets[i] = model.isReset?.(op) === true ? 1 : 0;
    }
    this.headBase = 2 * n + 2;
    this.next = new Int32Array(this.headBase + keyNumbers.size + 1).fill(-1);
    this.prev = new Int32Array(this.headBase + keyNumbers.size + 1).fill(-1);
    const lasts = new Int32Array(keyNumbers.size + 1);
    for (let key = 0; key < lasts.length; key++) lasts[key] = this.headBase + key;
    for (let node = order[0]!; node !== 2 * n + 1; node = order[node]!) {
      const key = this.keyIds[(node - 1) >> 1]!;
      this.next[lasts[key]!] = node;
      this.prev[node] = lasts[key]!;
      lasts[key] = node;
    }
  }

  /** Takes a call or return node out of its key's list. */
  lift(node: number): void {
    const { next, prev } = this;
    const after = next[node]!;
    next[prev[node]!] = after;
    if (after >= 0) prev[after] = prev[node]!;
  }

  /** Puts a node back; nodes go back in the reverse order of lifting. */
  unlift(node: number): void {
    const { next, prev } = this;
    const after = next[node]!;
    next[prev[node]!] = node;
    if (after >= 0) prev[after] = node;
  }

  /**
   * The return node of an `ok` read of the key operation `changed` touched that can no longer
   * take effect from `state`: no reset operation on the key may come before it, and the model
   * says no other sequence of operations can satisfy it. -1 when there is none among the key's
   * next `lookahead` nodes. Operations whose call is after the read's return must take effect
   * after the read, so only calls before it can come between; operations on other keys do not
   * change what it observes.
   */
  blockedRead(state: State, changed: number): number {
    const { next, isInfo, readOnly, resets, operations } = this;
    let at = next[this.headBase + this.keyIds[changed]!]!;
    for (let scanned = 0; at >= 0 && scanned < lookahead; at = next[at]!, scanned++) {
      if (at & 1) {
        // A reset may come before every read after it, which may then see anything.
        if (resets[(at - 1) >> 1] === 1) return -1;
        continue;
      }
      const op = (at - 2) >> 1;
      // Returns of `info` operations come last: no `ok` read follows.
      if (isInfo[op] === 1) return -1;
      if (readOnly[op] === 1 && !this.model.canStillObserve!(state, operations[op]!)) return at;
    }
    return -1;
  }
}
