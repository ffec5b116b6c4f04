import type { Operation } from '../history.ts';
import { ConfigurationCache } from './configuration-cache.ts';
import { buildEventList } from './event-list.ts';
import type { SearchStatistics } from './evidence.ts';
import { FootprintMemory } from './footprint-memory.ts';
import { blameAll, blameUnion, footprintsOf } from './footprints.ts';
import type { Footprints } from './footprints.ts';
import { LinearizedSet } from './linearized-set.ts';
import { ReadAhead } from './read-ahead.ts';
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
  /** When `valid` is true: the linearization found, as indices into the searched operations. */
  readonly linearization?: readonly number[];
  /**
   * When `valid` is false and the refutation depends on one footprint alone (Model.footprint):
   * that footprint. Its operations are then not linearizable even by themselves.
   */
  readonly refutedFootprint?: string | number;
  /**
   * Whether read-ahead pruning cut a branch. When it never did, the search went exactly as a
   * search without it would have, so that search would find the same deepest prefix.
   */
  readonly readAheadPruned: boolean;
}

/** How many attempts pass between two looks at the clock. */
const clockPeriod = 4096;

/** A level's focus when every `ok` operation is linearized (see `levelFocus`). */
const allDone = -2;
/** The share of `cacheBytesMax` each of FootprintMemory's two tables may use on top of the cache. */
const memoryBytesShare = 1 / 8;

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
 *
 * When operations have independent footprints (Model.footprint: a map's keys, checked unsplit),
 * three more reductions keep the search from multiplying one key's choices by every other key's:
 * - a level tries only operations of the footprint of the operation whose return comes first
 *   (`levelFocus` gives the argument), so the search always advances the key blocking progress;
 * - every failure carries a blame, what it depends on (one footprint, or all; see footprints.ts):
 *   a rejection or a read-ahead dead end blames the operation's footprint, a level that fails
 *   blames the union of its children's blames and its own footprint, a cache hit the blame
 *   recorded with the entry. No order of the blamed footprint's remaining operations works from
 *   that configuration, which operations of other footprints cannot change, so levels that chose
 *   one of those fail too: the search jumps back over them to the last choice of the footprint;
 * - a failure blaming one footprint alone is remembered for it (FootprintMemory) and cuts every
 *   later configuration where that footprint stands the same, whatever the others did; and a
 *   level first tries the operation chosen last time its footprint stood the same, which after a
 *   backjump leads straight back past the dead ends already known.
 * The kv histories of Porcupine's c50 tests (50 clients on 10 keys) take seconds unsplit instead
 * of never finishing. Without footprints all this reduces to the plain search above.
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
  /** Read-ahead pruning, when the model offers it and some read may be ruled out (see ReadAhead). */
  private readonly readAhead: ReadAhead<State> | undefined;
  private readonly linearized: LinearizedSet;
  private readonly cache: ConfigurationCache;
  private readonly stackNode: Int32Array;
  private readonly stackState: Int32Array;
  /**
   * Per level: its focus and blame so far (see `run`), the cache entry of its choice, its `first`
   * and its entry in FootprintMemory's last choices.
   */
  private readonly stackFocus: Int32Array;
  private readonly stackBlame: Int32Array;
  private readonly stackEntry: Int32Array;
  private readonly stackFirst: Int32Array;
  private readonly stackChoice: Int32Array;
  private readonly footprints: Footprints;
  /** Dead ends and last choices per footprint, when the model can name a footprint's part of the state. */
  private readonly memory: FootprintMemory<State> | undefined;
  private readonly deepest: DeepestPrefix;
  private depth = 0;
  private stateId: number;
  private node: number;
  /** The footprint the current level tries (-1: every candidate). */
  private focus: number;
  /** What the failures met at the current level so far depend on (a footprint id or `blameAll`). */
  private levelBlame = blameAll;
  /**
   * The call node the current level tries before the others (FootprintMemory's last choice):
   * positive until tried, then negated so the walk over the list skips it; 0 for none.
   */
  private first = 0;
  /** The current level's entry in FootprintMemory's last choices, -1 for none. */
  private choice = -1;
  private attempts = 0;
  private cacheHits = 0;
  private backtracks = 0;
  private backjumps = 0;
  private nogoodHits = 0;
  private elapsedMs = 0;
  private verdict: Verdict | undefined;
  private limit: SearchOutcome<State>['limit'];
  /** The blame of the initial configuration's failure, once the verdict is false. */
  private rootBlame = blameAll;
  private readAheadPruned = false;

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
    this.limits = options.limits;
    this.table = new StateTable({ model, operations, statesMax: options.limits.statesMax });
    this.initialStateId = this.table.intern(model.init());
    this.stateId = this.initialStateId;
    const list = buildEventList(operations);
    this.next = list.next;
    this.prev = list.prev;
    this.node = this.next[0]!;
    this.isInfo = new Uint8Array(n);
    this.readOnly = new Uint8Array(n);
    let ruleOut = false;
    for (let i = 0; i < n; i++) {
      const op = operations[i]!;
      this.isInfo[i] = op.outcome === 'info' ? 1 : 0;
      this.readOnly[i] = op.outcome === 'ok' && model.isReadOnly?.(op) === true ? 1 : 0;
      ruleOut ||= this.readOnly[i] === 1 && (model.mayRuleOut?.(op) ?? true);
    }
    this.readAhead =
      (options.readAhead ?? true) && ruleOut && model.canStillObserve !== undefined && model.isReset !== undefined
        ? new ReadAhead({ model, operations, order: this.next, isInfo: this.isInfo, readOnly: this.readOnly })
        : undefined;
    this.linearized = new LinearizedSet(n);
    this.cache = new ConfigurationCache({ bytesMax: options.limits.cacheBytesMax, entriesHint: n });
    this.stackNode = new Int32Array(n);
    this.stackState = new Int32Array(n);
    this.stackFocus = new Int32Array(n);
    this.stackBlame = new Int32Array(n);
    this.stackEntry = new Int32Array(n);
    this.stackFirst = new Int32Array(n);
    this.stackChoice = new Int32Array(n);
    this.footprints = footprintsOf(model, operations);
    const { ids, values, several } = this.footprints;
    this.memory =
      several && model.footprintKey !== undefined
        ? new FootprintMemory({ model, footprints: values, footIds: ids, bytesMax: Math.floor(options.limits.cacheBytesMax * memoryBytesShare) })
        : undefined;
    this.focus = this.levelFocus();
    if (this.focus === allDone) this.node = 2 * n + 1;
    this.levelBlame = blameOfFocus(this.focus);
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
    const { next, prev, isInfo, readOnly, linearized, cache, table, stackNode, stackState, stackFocus, stackBlame, stackEntry, stackFirst, stackChoice, deepest, limits, readAhead, memory } = this;
    const footIds = this.footprints.ids;
    const tail = 2 * this.operations.length + 1;
    const attemptsEnd = this.attempts + attemptsMax;
    const startMs = limits.nowMs?.();
    let { depth, stateId, node, focus, levelBlame, first, choice, attempts, cacheHits, backtracks, backjumps, nogoodHits } = this;
    let verdict: Verdict | undefined;
    for (;;) {
      if (node === tail || (!(node & 1) && isInfo[(node - 2) >> 1] === 1)) {
        verdict = true;
        break;
      }
      if (node & 1) {
        const op = (node - 1) >> 1;
        if ((focus >= 0 && footIds[op] !== focus) || node === -first) {
          node = next[node]!;
          continue;
        }
        if (attempts >= attemptsEnd) break;
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
        // A rejection depends on the operation's footprint only, which the level's blame holds.
        // An accepted operation leads to a dead configuration when its footprint reaches one of
        // its known dead ends (blame: that footprint) or when the configuration failed before
        // (blame: recorded with it); a read that fits but fails takes the level with it.
        let dead = false;
        if (nextState >= 0) {
          const footId = footIds[op]!;
          memory?.add(op);
          if (memory !== undefined && footId >= 0 && memory.isDead(footId, table.states[nextState]!)) {
            nogoodHits++;
            dead = true;
            levelBlame = blameUnion(levelBlame, footId);
          } else {
            linearized.add(op);
            const added = cache.add(linearized.words, linearized, nextState);
            if (added !== 1) {
              linearized.remove(op);
              if (added === -1) {
                verdict = this.stop('memory');
                break;
              }
              cacheHits++;
              dead = true;
              levelBlame = blameUnion(levelBlame, cache.tag(cache.lastEntry));
            }
          }
          if (dead) memory?.remove(op);
        }
        if (nextState < 0 || dead) {
          if (dead && readOnly[op] === 1) node = node + 1;
          else if (node === first) {
            first = -first;
            node = next[0]!;
          } else node = next[node]!;
          continue;
        }
        if (cache.size > limits.configurationsMax) {
          verdict = this.stop('configurations');
          break;
        }
        stackNode[depth] = node;
        stackState[depth] = stateId;
        stackFocus[depth] = focus;
        stackBlame[depth] = levelBlame;
        stackEntry[depth] = cache.lastEntry;
        stackFirst[depth] = first;
        stackChoice[depth] = choice;
        if (choice >= 0) memory!.setLastChoice(choice, op);
        deepest.push(depth, op, nextState);
        depth++;
        stateId = nextState;
        // Lift the call and its return out of the list.
        const ret = node + 1;
        next[prev[node]!] = next[node]!;
        prev[next[node]!] = prev[node]!;
        next[prev[ret]!] = next[ret]!;
        prev[next[ret]!] = prev[ret]!;
        readAhead?.lift(node);
        readAhead?.lift(ret);
        // A configuration no upcoming read can accept is a dead end: landing on that read's
        // return backtracks at once, blaming the read's footprint.
        const blocked = readAhead !== undefined && readOnly[op] !== 1 ? readAhead.blockedRead(table.states[stateId]!, op) : -1;
        if (blocked >= 0) {
          this.readAheadPruned = true;
          node = blocked;
          levelBlame = footIds[(blocked - 2) >> 1]!;
          continue;
        }
        focus = this.levelFocus();
        levelBlame = blameOfFocus(focus);
        node = focus === allDone ? tail : next[0]!;
        first = 0;
        choice = memory !== undefined && focus >= 0 ? memory.choiceEntry(focus, table.states[stateId]!) : -1;
        const last = choice >= 0 ? memory!.lastChoice(choice) : -1;
        if (last >= 0 && this.isCandidate(2 * last + 1)) {
          first = 2 * last + 1;
          node = first;
        }
        continue;
      }
      // This level's configuration has no extension, for reasons confined to the footprints in
      // `blame`; a configuration that differs from it only by operations of other footprints
      // fails for the same reasons, so levels that chose such an operation fail at once
      // (backjumping). A failure of one footprint alone is remembered for good.
      const blame = levelBlame;
      if (memory !== undefined && blame >= 0) memory.recordDead(blame, table.states[stateId]!);
      let op = -1;
      for (;;) {
        if (depth === 0) {
          verdict = false;
          this.rootBlame = blame;
          break;
        }
        cache.setTag(stackEntry[depth - 1]!, blame);
        depth--;
        backtracks++;
        deepest.pop(depth);
        node = stackNode[depth]!;
        stateId = stackState[depth]!;
        focus = stackFocus[depth]!;
        levelBlame = stackBlame[depth]!;
        first = stackFirst[depth]!;
        choice = stackChoice[depth]!;
        op = (node - 1) >> 1;
        linearized.remove(op);
        memory?.remove(op);
        // Unlift in the reverse order of lifting.
        const ret = node + 1;
        next[prev[ret]!] = ret;
        prev[next[ret]!] = ret;
        next[prev[node]!] = node;
        prev[next[node]!] = node;
        readAhead?.unlift(ret);
        readAhead?.unlift(node);
        if (blame === blameAll || footIds[op]! < 0 || footIds[op] === blame) break;
        backjumps++;
      }
      if (verdict !== undefined) break;
      levelBlame = blameUnion(levelBlame, blame);
      // A read that fits now may go now: no solution puts it later but not here, so when it
      // fails here the whole level fails (landing on its return backtracks once more).
      if (readOnly[op] === 1) node = node + 1;
      else if (node === first) {
        first = -first;
        node = next[0]!;
      } else node = next[node]!;
    }
    Object.assign(this, { depth, stateId, node, focus, levelBlame, first, choice, attempts, cacheHits, backtracks, backjumps, nogoodHits });
    if (startMs !== undefined && limits.nowMs !== undefined) this.elapsedMs += limits.nowMs() - startMs;
    if (verdict !== undefined) this.verdict = verdict;
    return this.verdict !== undefined;
  }

  /**
   * The footprint whose operations the level just entered tries (-1: all of them), or `allDone`
   * when every `ok` operation is linearized. X, the operation of the first return in the list,
   * must go before any operation called after that return, so every candidate (a call before
   * it) overlaps every other. When all candidates have defined footprints, a solution from here
   * can begin with the first operation of X's footprint it places: the ones it placed before are
   * candidates of other footprints, so moving it ahead of them breaks no real-time order and,
   * footprints being independent, changes no step. Trying only X's footprint loses nothing.
   */
  private levelFocus(): number {
    if (!this.footprints.several) return -1;
    const { next, isInfo } = this;
    const footIds = this.footprints.ids;
    const tail = 2 * this.operations.length + 1;
    let whole = false;
    let at = next[0]!;
    for (; at !== tail && at & 1; at = next[at]!) whole ||= footIds[(at - 1) >> 1]! < 0;
    if (at === tail || isInfo[(at - 2) >> 1] === 1) return allDone;
    return whole ? -1 : footIds[(at - 2) >> 1]!;
  }

  /** Whether call node `call` is a candidate now: in the list before the first return. */
  private isCandidate(call: number): boolean {
    const tail = 2 * this.operations.length + 1;
    for (let at = this.next[0]!; at !== tail && at & 1; at = this.next[at]!) if (at === call) return true;
    return false;
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
      backjumps: this.backjumps,
      nogoodHits: this.nogoodHits,
      states: this.table.states.length,
      deepestPrefix: deepest.length,
      ...(limits.nowMs !== undefined ? { elapsedMs: this.elapsedMs } : {}),
    };
    const refuted = this.verdict === false && this.footprints.several ? this.rootBlame : -1;
    const bestStateId = deepest.length === 0 ? this.initialStateId : deepest.stateId;
    return {
      valid: this.verdict ?? 'unknown',
      ...(this.limit !== undefined ? { limit: this.limit } : {}),
      statistics,
      prefix: deepest.prefix(),
      stateAfterPrefix: this.table.states[bestStateId]!,
      ...(this.verdict === true ? { linearization: this.linearization() } : {}),
      ...(refuted >= 0 ? { refutedFootprint: this.footprints.values[refuted]! } : {}),
      readAheadPruned: this.readAheadPruned,
    };
  }

  /** The operations on the stack, bottom first: a linearization once the verdict is true. */
  private linearization(): number[] {
    const order = arrayOf(this.stackNode, this.depth);
    for (let i = 0; i < order.length; i++) order[i] = (order[i]! - 1) >> 1;
    return order;
  }
}

/** The items of `array` before `length` as a plain array (Array.from walks a typed array by its iterator). */
function arrayOf(array: Int32Array, length: number): number[] {
  const items: number[] = [];
  for (let i = 0; i < length; i++) items.push(array[i]!);
  return items;
}

/** The blame of a level that tries footprint `focus` (-1: every footprint). */
function blameOfFocus(focus: number): number {
  return focus < 0 ? blameAll : focus;
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
    for (let at = this.agree; at <= depth; at++) this.best[at] = this.current[at]!;
    this.bestLength = depth + 1;
    this.agree = depth + 1;
    this.stateId = stateId;
  }

  pop(depth: number): void {
    if (this.agree > depth) this.agree = depth;
  }

  prefix(): number[] {
    return arrayOf(this.best, this.bestLength);
  }
}
