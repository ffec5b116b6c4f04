import type { Operation } from '../history.ts';
import { ConfigurationCache, operationHash } from './configuration-cache.ts';
import type { SearchStatistics } from './evidence.ts';
import type { Model } from './model.ts';
import type { Verdict } from './result.ts';
import { StateTable } from './state-table.ts';

/** Resolved limits of one part's search (see SearchBudget). */
export interface SearchLimits {
  readonly configurationsMax: number;
  readonly cacheBytesMax: number;
  readonly statesMax: number;
  /** Absolute deadline on `nowMs`'s clock. */
  readonly deadlineMs?: number;
  readonly nowMs?: () => number;
}

export interface SearchOutcome<State> {
  readonly valid: Verdict;
  readonly limit?: 'configurations' | 'time' | 'memory' | 'stopped';
  readonly statistics: SearchStatistics;
  /** The longest linearizable prefix found, as indices into the searched operations. */
  readonly prefix: readonly number[];
  readonly stateAfterPrefix: State;
}

/** How many list nodes `blockedRead` looks through for reads. */
const readLookahead = 64;

/** How many attempts pass between two looks at the clock. */
const clockPeriod = 4096;

/**
 * Wing–Gong linearizability search with Lowe's configuration cache, over one part of a history.
 * `operations` are `ok` or `info` ones (fail ones dropped), in any order; real-time order comes
 * from their history indices. An `info` operation may take effect any time after its invocation,
 * or never.
 *
 * Events are nodes of a doubly linked list in real-time order (node 0 is the head, node 2i+1 the
 * call of operation i, 2i+2 its return, 2n+1 the tail). Linearizing an operation lifts its call
 * and return out of the list; backtracking puts them back. The search takes the first call before
 * the first return whose step the model accepts and whose configuration is new; meeting a return
 * means its operation has to go first, so it backtracks. A read the model accepts is never
 * tried later at the same level instead: it changes nothing, so any solution placing it later
 * also works with it placed now (partial-order reduction). An explicit stack replaces recursion, and
 * the search can pause after a number of attempts and resume, so parts can take turns.
 */
export class PartSearch<State> {
  private readonly model: Model<State>;
  private readonly operations: readonly Operation[];
  private readonly limits: SearchLimits;
  private readonly table: StateTable<State>;
  private readonly initialStateId: number;
  private readonly next: Int32Array;
  private readonly prev: Int32Array;
  private readonly isInfo: Uint8Array;
  /** 1 for `ok` operations that never change the state (reads). */
  private readonly readOnly: Uint8Array;
  /** 1 for operations the model says may reset its growing state (see Model.isReset). */
  private readonly resets: Uint8Array;
  /** Per operation, a small number for its `key` (0 for none): what a reset or read concerns. */
  private readonly keyIds: Int32Array;
  /** Per key number, whether `blockedRead`'s scan has passed a reset call on it (cleared after). */
  private readonly resetSeen: Uint8Array;
  /** Whether the model can rule out configurations by an upcoming read (see `blockedRead`). */
  private readonly readAhead: boolean;
  private readonly opHashes: Int32Array;
  private readonly bitset: Uint32Array;
  private readonly cache: ConfigurationCache;
  private readonly stackNode: Int32Array;
  private readonly stackState: Int32Array;
  private readonly deepest: DeepestPrefix;
  private depth = 0;
  private stateId: number;
  /** The linearized set's running hash and the words the cache stores (see ConfigurationCache). */
  private readonly bits = { hash: 0, lowWord: 0, highWord: 0 };
  private node: number;
  private attempts = 0;
  private cacheHits = 0;
  private backtracks = 0;
  private elapsedMs = 0;
  private verdict: Verdict | undefined;
  private limit: SearchOutcome<State>['limit'];

  constructor(options: {
    readonly model: Model<State>;
    readonly operations: readonly Operation[];
    readonly limits: SearchLimits;
    /** Use the model's read-ahead pruning when it offers one (default true). */
    readonly readAhead?: boolean;
  }) {
    const { model, operations } = options;
    const n = operations.length;
    this.model = model;
    this.operations = operations;
    this.readAhead = (options.readAhead ?? true) && model.canStillObserve !== undefined && model.isReset !== undefined;
    this.limits = options.limits;
    this.table = new StateTable({ model, operations, statesMax: options.limits.statesMax });
    this.initialStateId = this.table.intern(model.init());
    this.stateId = this.initialStateId;
    const list = buildList(operations);
    this.next = list.next;
    this.prev = list.prev;
    this.node = this.next[0]!;
    this.isInfo = new Uint8Array(n);
    this.readOnly = new Uint8Array(n);
    this.opHashes = new Int32Array(n);
    this.resets = new Uint8Array(n);
    this.keyIds = new Int32Array(n);
    const keyNumbers = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const key = operations[i]!.key;
      if (key !== undefined && !keyNumbers.has(key)) keyNumbers.set(key, keyNumbers.size + 1);
      this.keyIds[i] = key === undefined ? 0 : keyNumbers.get(key)!;
      this.resets[i] = model.isReset?.(operations[i]!) === true ? 1 : 0;
      this.isInfo[i] = operations[i]!.outcome === 'info' ? 1 : 0;
      this.readOnly[i] = operations[i]!.outcome === 'ok' && model.isReadOnly?.(operations[i]!) === true ? 1 : 0;
      this.opHashes[i] = operationHash(i);
    }
    const words = Math.ceil(n / 32);
    this.bitset = new Uint32Array(Math.max(1, words));
    this.cache = new ConfigurationCache({ bytesMax: options.limits.cacheBytesMax });
    this.stackNode = new Int32Array(n);
    this.stackState = new Int32Array(n);
    this.resetSeen = new Uint8Array(keyNumbers.size + 1);
    this.deepest = new DeepestPrefix(n);
  }

  /** The verdict once the search has ended, undefined while it can still run. */
  get result(): Verdict | undefined {
    return this.verdict;
  }

  /**
   * Searches for at most `attemptsMax` more attempts. Returns true when the search has ended
   * (a verdict, or a limit), false when it paused and can be resumed.
   */
  run(attemptsMax: number): boolean {
    if (this.verdict !== undefined) return true;
    const { next, prev, isInfo, readOnly, opHashes, bitset, bits, cache, table, stackNode, stackState, deepest, limits, readAhead } = this;
    const full = 0xffffffff;
    const tail = 2 * this.operations.length + 1;
    const attemptsEnd = this.attempts + attemptsMax;
    const startMs = limits.nowMs?.();
    let { depth, stateId, node, attempts, cacheHits, backtracks } = this;
    let verdict: Verdict | undefined;
    for (;;) {
      if (node === tail || (!(node & 1) && isInfo[(node - 2) >> 1] === 1)) {
        verdict = true;
        break;
      }
      if (node & 1) {
        if (attempts >= attemptsEnd) break;
        const op = (node - 1) >> 1;
        attempts++;
        if ((attempts & (clockPeriod - 1)) === 0 && limits.nowMs !== undefined && limits.deadlineMs !== undefined && limits.nowMs() > limits.deadlineMs) {
          verdict = this.stop('time');
          break;
        }
        const nextState = table.step(stateId, op);
        if (nextState === -2) {
          verdict = this.stop('memory');
          break;
        }
        if (nextState < 0) {
          node = next[node]!;
          continue;
        }
        const word = op >>> 5;
        const bit = 1 << (op & 31);
        const lowWord = bits.lowWord;
        const highWord = bits.highWord;
        bitset[word]! |= bit;
        bits.hash ^= opHashes[op]!;
        if (word >= highWord) bits.highWord = word + 1;
        while (bits.lowWord < bitset.length && bitset[bits.lowWord] === full) bits.lowWord++;
        const added = cache.add(bitset, bits, nextState);
        if (added !== 1) {
          bitset[word]! &= ~bit;
          bits.hash ^= opHashes[op]!;
          bits.lowWord = lowWord;
          bits.highWord = highWord;
          if (added === -1) {
            verdict = this.stop('memory');
            break;
          }
          cacheHits++;
          node = next[node]!;
          continue;
        }
        if (cache.size > limits.configurationsMax) {
          verdict = this.stop('configurations');
          break;
        }
        stackNode[depth] = node;
        stackState[depth] = stateId;
        deepest.push(depth, op, nextState);
        depth++;
        stateId = nextState;
        // Lift the call and its return out of the list.
        const ret = node + 1;
        next[prev[node]!] = next[node]!;
        prev[next[node]!] = prev[node]!;
        next[prev[ret]!] = next[ret]!;
        prev[next[ret]!] = prev[ret]!;
        node = next[0]!;
        // A configuration no upcoming read can accept is a dead end: landing on that read's
        // return backtracks at once.
        if (readAhead && readOnly[op] !== 1) {
          const blocked = this.blockedRead(stateId, op);
          if (blocked >= 0) node = blocked;
        }
        continue;
      }
      if (depth === 0) {
        verdict = false;
        break;
      }
      depth--;
      backtracks++;
      deepest.pop(depth);
      node = stackNode[depth]!;
      stateId = stackState[depth]!;
      const op = (node - 1) >> 1;
      const word = op >>> 5;
      bitset[word]! &= ~(1 << (op & 31));
      bits.hash ^= opHashes[op]!;
      if (word < bits.lowWord) bits.lowWord = word;
      while (bits.highWord > 0 && bitset[bits.highWord - 1] === 0) bits.highWord--;
      // Unlift in the reverse order of lifting.
      const ret = node + 1;
      next[prev[ret]!] = ret;
      prev[next[ret]!] = ret;
      next[prev[node]!] = node;
      prev[next[node]!] = node;
      // A read that fits now may go now: no solution puts it later but not here, so when it
      // fails here the whole level fails (landing on its return backtracks once more).
      node = readOnly[op] === 1 ? ret : next[node]!;
    }
    Object.assign(this, { depth, stateId, node, attempts, cacheHits, backtracks });
    if (startMs !== undefined && limits.nowMs !== undefined) this.elapsedMs += limits.nowMs() - startMs;
    if (verdict !== undefined) this.verdict = verdict;
    return this.verdict !== undefined;
  }

  /**
   * The return node of an `ok` read of the key `changed` (the operation just linearized) touched
   * that can no longer take effect: no reset operation on its key may come before it, and the
   * model says no other sequence of operations from state `stateId` can satisfy it. -1 when
   * there is none among the next `readLookahead` list nodes. Operations whose call is after the
   * read's return must take effect after the read, so only calls before it can come between;
   * operations on other keys do not change what it observes.
   */
  private blockedRead(stateId: number, changed: number): number {
    const { next, isInfo, readOnly, resets, keyIds, resetSeen, operations } = this;
    const tail = 2 * operations.length + 1;
    const key = keyIds[changed]!;
    let blocked = -1;
    let at = next[0]!;
    for (let scanned = 0; at !== tail && scanned < readLookahead && blocked < 0; at = next[at]!, scanned++) {
      if (at & 1) {
        const op = (at - 1) >> 1;
        if (resets[op] === 1) resetSeen[keyIds[op]!] = 1;
        continue;
      }
      const op = (at - 2) >> 1;
      if (isInfo[op] === 1) break;
      if (readOnly[op] !== 1 || keyIds[op] !== key || resetSeen[key] === 1) continue;
      if (!this.model.canStillObserve!(this.table.states[stateId]!, operations[op]!)) blocked = at;
    }
    for (let node = next[0]!; node !== at; node = next[node]!) if (node & 1) resetSeen[keyIds[(node - 1) >> 1]!] = 0;
    return blocked;
  }

  /** Ends the search undecided, e.g. because another part already failed. */
  stop(limit: NonNullable<SearchOutcome<State>['limit']>): 'unknown' {
    this.limit ??= limit;
    this.verdict ??= 'unknown';
    return 'unknown';
  }

  outcome(): SearchOutcome<State> {
    const { deepest, limits } = this;
    const statistics: SearchStatistics = {
      configurations: this.cache.size,
      attempts: this.attempts,
      cacheHits: this.cacheHits,
      backtracks: this.backtracks,
      states: this.table.states.length,
      deepestPrefix: deepest.length,
      ...(limits.nowMs !== undefined ? { elapsedMs: this.elapsedMs } : {}),
    };
    const bestStateId = deepest.length === 0 ? this.initialStateId : deepest.stateId;
    return {
      valid: this.verdict ?? 'unknown',
      ...(this.limit !== undefined ? { limit: this.limit } : {}),
      statistics,
      prefix: deepest.prefix(),
      stateAfterPrefix: this.table.states[bestStateId]!,
    };
  }
}

/**
 * The linked list of call and return nodes in real-time order. Returns of `info` operations
 * never happen, so they go last; ties (equal indices) put calls first, treating such operations
 * as concurrent.
 */
function buildList(operations: readonly Operation[]): { next: Int32Array; prev: Int32Array } {
  const n = operations.length;
  const nodes: number[] = [];
  const position = new Float64Array(2 * n + 2);
  for (let i = 0; i < n; i++) {
    const op = operations[i]!;
    position[2 * i + 1] = op.invokeIndex;
    position[2 * i + 2] = op.outcome === 'info' || op.completeIndex === undefined ? Number.POSITIVE_INFINITY : op.completeIndex;
    nodes.push(2 * i + 1, 2 * i + 2);
  }
  nodes.sort((a, b) => position[a]! - position[b]! || (b & 1) - (a & 1) || a - b);
  // Calls with no return between them are all candidates at the same moments, so their order is
  // free; trying the one that completes first is the better guess of what took effect first.
  for (let start = 0; start < nodes.length; ) {
    let end = start;
    while (end < nodes.length && nodes[end]! & 1) end++;
    if (end - start > 1) {
      const run = nodes.slice(start, end).sort((a, b) => position[a + 1]! - position[b + 1]! || a - b);
      nodes.splice(start, run.length, ...run);
    }
    start = end + 1;
  }
  const next = new Int32Array(2 * n + 2);
  const prev = new Int32Array(2 * n + 2);
  let last = 0;
  for (const node of nodes) {
    next[last] = node;
    prev[node] = last;
    last = node;
  }
  next[last] = 2 * n + 1;
  prev[2 * n + 1] = last;
  return { next, prev };
}

/**
 * The longest stack of linearized operations seen so far. Copying the stack at every new maximum
 * would be quadratic, so it tracks how much of the stack still agrees with the best and copies
 * only the part that diverged.
 */
class DeepestPrefix {
  private readonly best: Int32Array;
  private readonly current: Int32Array;
  private bestLength = 0;
  private agree = 0;
  stateId = 0;

  constructor(size: number) {
    this.best = new Int32Array(size);
    this.current = new Int32Array(size);
  }

  get length(): number {
    return this.bestLength;
  }

  push(depth: number, op: number, stateId: number): void {
    this.current[depth] = op;
    if (this.agree === depth && depth < this.bestLength && this.best[depth] === op) this.agree = depth + 1;
    if (depth + 1 <= this.bestLength) return;
    this.best.set(this.current.subarray(this.agree, depth + 1), this.agree);
    this.bestLength = depth + 1;
    this.agree = depth + 1;
    this.stateId = stateId;
  }

  pop(depth: number): void {
    if (this.agree > depth) this.agree = depth;
  }

  prefix(): number[] {
    return Array.from(this.best.subarray(0, this.bestLength));
  }
}
