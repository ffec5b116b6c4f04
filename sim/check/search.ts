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
  readonly limit?: 'configurations' | 'time' | 'memory';
  readonly statistics: SearchStatistics;
  /** The longest linearizable prefix found, as indices into the searched operations. */
  readonly prefix: readonly number[];
  readonly stateAfterPrefix: State;
}

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
 * means its operation has to go first, so it backtracks. An explicit stack replaces recursion.
 */
export function searchLinearization<State>(model: Model<State>, operations: readonly Operation[], limits: SearchLimits): SearchOutcome<State> {
  const n = operations.length;
  const table = new StateTable({ model, operations, statesMax: limits.statesMax });
  const initialStateId = table.intern(model.init());
  const tail = 2 * n + 1;
  const { next, prev } = buildList(operations);
  const isInfo = new Uint8Array(n);
  const opHashes = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    isInfo[i] = operations[i]!.outcome === 'info' ? 1 : 0;
    opHashes[i] = operationHash(i);
  }
  const words = Math.ceil(n / 32);
  const bitset = new Uint32Array(Math.max(1, words));
  const cache = new ConfigurationCache({ words, bytesMax: limits.cacheBytesMax });
  const stackNode = new Int32Array(n);
  const stackState = new Int32Array(n);
  const deepest = new DeepestPrefix(n);

  let depth = 0;
  let stateId = initialStateId;
  let bitsetHash = 0;
  let node = next[0]!;
  let attempts = 0;
  let cacheHits = 0;
  let backtracks = 0;
  let valid: Verdict = false;
  let limit: SearchOutcome<State>['limit'];
  const startMs = limits.nowMs?.();

  for (;;) {
    if (node === tail || (!(node & 1) && isInfo[(node - 2) >> 1] === 1)) {
      valid = true;
      break;
    }
    if (node & 1) {
      const op = (node - 1) >> 1;
      attempts++;
      if ((attempts & (clockPeriod - 1)) === 0 && limits.nowMs !== undefined && limits.deadlineMs !== undefined && limits.nowMs() > limits.deadlineMs) {
        valid = 'unknown';
        limit = 'time';
        break;
      }
      const nextState = table.step(stateId, op);
      if (nextState === -2) {
        valid = 'unknown';
        limit = 'memory';
        break;
      }
      if (nextState < 0) {
        node = next[node]!;
        continue;
      }
      const word = op >>> 5;
      const bit = 1 << (op & 31);
      bitset[word]! |= bit;
      const added = cache.add(bitset, bitsetHash ^ opHashes[op]!, nextState);
      if (added !== 1) {
        bitset[word]! &= ~bit;
        if (added === -1) {
          valid = 'unknown';
          limit = 'memory';
          break;
        }
        cacheHits++;
        node = next[node]!;
        continue;
      }
      if (cache.size > limits.configurationsMax) {
        valid = 'unknown';
        limit = 'configurations';
        break;
      }
      bitsetHash ^= opHashes[op]!;
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
      continue;
    }
    if (depth === 0) break;
    depth--;
    backtracks++;
    deepest.pop(depth);
    node = stackNode[depth]!;
    stateId = stackState[depth]!;
    const op = (node - 1) >> 1;
    bitset[op >>> 5]! &= ~(1 << (op & 31));
    bitsetHash ^= opHashes[op]!;
    // Unlift in the reverse order of lifting.
    const ret = node + 1;
    next[prev[ret]!] = ret;
    prev[next[ret]!] = ret;
    next[prev[node]!] = node;
    prev[next[node]!] = node;
    node = next[node]!;
  }

  const statistics: SearchStatistics = {
    configurations: cache.size,
    attempts,
    cacheHits,
    backtracks,
    states: table.states.length,
    deepestPrefix: deepest.length,
    ...(startMs !== undefined && limits.nowMs !== undefined ? { elapsedMs: limits.nowMs() - startMs } : {}),
  };
  const bestStateId = deepest.length === 0 ? initialStateId : deepest.stateId;
  return {
    valid,
    ...(limit !== undefined ? { limit } : {}),
    statistics,
    prefix: deepest.prefix(),
    stateAfterPrefix: table.states[bestStateId]!,
  };
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
