import type { Operation, Value } from '../history.ts';

/**
 * Why a model refused an operation in a state, as data so reports can explain a failure in words
 * and tools can match on it. `expected` is what the state implies, `observed` what the operation
 * reported (e.g. a read that returned 3 while the register held 2). Models build it on the search's
 * hot path, so it holds no prose; `reasonWords` in reason-words.ts makes the sentence.
 */
export interface StepRejection {
  /**
   * 'read-mismatch': a read/get returned something other than the current value;
   * 'cas-mismatch': a cas that reported success found another value;
   * 'empty': a dequeue reported a value from an empty queue;
   * 'unsupported': the model does not know this operation (its `f` or value shape).
   */
  readonly kind: 'read-mismatch' | 'cas-mismatch' | 'empty' | 'unsupported';
  /** The operation's function, for the sentence. */
  readonly f: string;
  readonly key?: string | undefined;
  readonly expected?: Value;
  readonly observed?: Value;
  /** For 'unsupported': what is wrong with the operation. */
  readonly detail?: string;
}

/** A rejection with its sentence, as evidence carries it. */
export interface RejectReason extends StepRejection {
  /** The reason in one sentence, e.g. `get of key "3" returned "x" but the key held "xy"`. */
  readonly message: string;
}

/** The result of applying one operation to a state. */
export type StepResult<State> = { readonly ok: true; readonly state: State } | { readonly ok: false; readonly reason: StepRejection };

/** One independent sub-history (P-compositionality): checked alone, verdicts merge. */
export interface ModelPart {
  /** For people: 'key "3"', 'all'. */
  readonly label: string;
  readonly key?: string;
  readonly operations: readonly Operation[];
}

/**
 * A sequential specification the linearizability search checks a history against. States are
 * immutable values; `step` never mutates its input. The search interns states by `stateKey` and
 * memoizes `step` per (state, operation), which keeps expensive states (a whole map) affordable.
 */
export interface Model<State> {
  /** Stable name used by the CLI's `--model` and in results: 'register', 'kv', … */
  readonly name: string;
  init(): State;
  /**
   * Applies `op` as if it took effect atomically now. For an `info` operation `op.output` is
   * undefined: the model must accept it whenever its effect is possible, whatever it returned.
   */
  step(state: State, op: Operation): StepResult<State>;
  /**
   * Like `step`, but a rejection may carry a shared placeholder reason. The search calls it in its
   * hot loop, where only acceptance matters, so models can skip building reasons; evidence is
   * made with `step`. Absent: the search uses `step`.
   */
  stepQuietly?(state: State, op: Operation): StepResult<State>;
  /**
   * A key for interning: equal keys must mean equal states. Equal states should have equal keys;
   * a model may miss a few (say, the same text reached by a put and by appends), which costs only
   * search time, never a wrong verdict. Numbers and short strings hash cheaply.
   */
  stateKey(state: State): string | number;
  /**
   * With `stateEquals`, a faster way to intern states than `stateKey` for states whose key would
   * be a long string (a whole map): equal states must hash equal, and `stateEquals` must be
   * exact. A hash the state carries, updated by `step`, costs nothing to read.
   */
  stateHash?(state: State): number;
  stateEquals?(a: State, b: State): boolean;
  /** The state as plain data for evidence (JSON-serialisable). */
  describeState(state: State): Value;
  /** The operation in words, e.g. `p3 cas "x" 1→2 ok`. */
  describeOperation(op: Operation): string;
  /**
   * Splits a history into parts that can be checked independently (e.g. per key). Absent when the
   * model's object cannot be split. Every operation must land in exactly one part.
   */
  partition?(operations: readonly Operation[]): readonly ModelPart[];
  /**
   * The part of the state an operation reads or writes (for a map, its key); undefined when it
   * may touch all of it. Lets an unsplit search try only operations on the part that blocks
   * progress, and backtrack past choices on other parts when a part's failure cannot depend on
   * them (see PartSearch). Operations with different defined footprints must be independent in
   * every state `s`: when `b` is accepted in `s`, `a` is accepted in `s` exactly when it is
   * accepted after `b`, with the same effect, and applying both in either order ends in the same
   * state. Footprints are compared with `===`.
   */
  footprint?(op: Operation): string | number | undefined;
  /**
   * A key for the part of `state` that operations of `footprint` read and write (for a map, the
   * key's value), so the search can remember that one footprint is stuck, whatever the rest of
   * the state (see FootprintNogoods). Equal keys must mean that the same sequences of that
   * footprint's operations are accepted; operations of other footprints must not change it.
   * Absent: the search does not remember per footprint.
   */
  footprintKey?(state: State, footprint: string | number): string | number;
  /**
   * True when the operation never changes the state, in any state (a read). Such operations
   * with an unknown outcome constrain nothing, so the search drops them, and one that fits now is
   * linearized now without trying it later.
   */
  isReadOnly?(op: Operation): boolean;
  /**
   * For models whose state only grows unless some operations reset it (appends to a value, with
   * puts resetting it): true for the resetting ones. With `canStillObserve`, lets the search drop
   * configurations that can never satisfy an upcoming read.
   */
  isReset?(op: Operation): boolean;
  /**
   * False only when no sequence of non-reset operations from `state` can make the `ok` read
   * `read` fit (e.g. the key's value is no prefix of what the read returned). The search asks
   * only when no reset operation on the read's `key` may take effect before the read, so
   * operations on other keys must never change what a read observes; false must be certain.
   */
  canStillObserve?(state: State, read: Operation): boolean;
  /**
   * False when `canStillObserve` is true for the `ok` read `read` in every state (e.g. a read of
   * a number, which no append extends), so read-ahead pruning can never cut a branch for it; a
   * part where no read can be ruled out is searched without read-ahead. Absent: any read may be.
   */
  mayRuleOut?(read: Operation): boolean;
}
