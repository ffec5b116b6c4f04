/**
 * Histories in Jepsen's vocabulary (DESIGN.md §7): a client records `invoke`, then exactly one
 * completion: `ok` (it happened), `fail` (it definitely did not happen) or `info` (unknown).
 * Times are integer microseconds of true simulated time (`timeUs`); exporters convert to Jepsen's
 * nanosecond `:time`.
 */

/** A JSON-like value: what operations carry and what exporters can write. */
export type Value = null | boolean | number | string | readonly Value[] | { readonly [key: string]: Value };

export type EventType = 'invoke' | 'ok' | 'fail' | 'info';

/** One line of a history. */
export interface HistoryEvent {
  /** Position in the history, 0-based and dense. */
  readonly index: number;
  /** The logical client process. A process never has two operations open at once. */
  readonly process: number;
  readonly type: EventType;
  /** The operation's function: 'read', 'write', 'cas', 'get', 'put', 'append', 'delete', 'enqueue', … */
  readonly f: string;
  /** The key the operation touches, for keyed models; absent for single-object histories. */
  readonly key?: string;
  /** Invocation: the argument. Completion: the result (reads) or the argument echoed (writes). */
  readonly value: Value;
  readonly timeUs: number;
  /** The node the client sent the operation to, when known. */
  readonly node?: string;
  /** Why an operation failed or is unknown, e.g. 'timeout', 'no-quorum'. */
  readonly error?: string;
}

export type History = readonly HistoryEvent[];

/** An invocation paired with its completion: what checkers and reports work on. */
export interface Operation {
  /** Dense id in invocation order (0-based). */
  readonly id: number;
  readonly process: number;
  readonly f: string;
  readonly key?: string;
  /** The invocation's value. */
  readonly input: Value;
  /** The completion's value (undefined when the outcome is info). */
  readonly output: Value | undefined;
  readonly outcome: 'ok' | 'fail' | 'info';
  readonly invokeIndex: number;
  /** Index of the completion event, or undefined when the operation never completed. */
  readonly completeIndex: number | undefined;
  readonly invokeUs: number;
  /** Completion time; undefined for an info operation, which may take effect at any later time. */
  readonly completeUs: number | undefined;
  readonly node?: string;
  readonly error?: string;
}

/** Why a history cannot be paired into operations. */
export interface PairingError {
  readonly index: number;
  readonly message: string;
}

/**
 * Pairs each invocation with the next completion of the same process. An invocation that never
 * completes becomes `info`. Returns an error for a completion without an open invocation or a
 * second invocation while one is open, since such a history is not well formed.
 */
export function pairOperations(history: History): { ok: true; operations: Operation[] } | { ok: false; error: PairingError } {
  const open = new Map<number, HistoryEvent>();
  const opened: HistoryEvent[] = [];
  const completions = new Map<HistoryEvent, HistoryEvent>();
  for (const event of history) {
    if (event.type === 'invoke') {
      if (open.has(event.process)) {
        return { ok: false, error: { index: event.index, message: `process ${event.process} invokes again before its previous operation completed` } };
      }
      open.set(event.process, event);
      opened.push(event);
      continue;
    }
    const invoke = open.get(event.process);
    if (invoke === undefined) {
      return { ok: false, error: { index: event.index, message: `process ${event.process} completes '${event.type}' with no open invocation` } };
    }
    open.delete(event.process);
    completions.set(invoke, event);
  }
  const operations = opened.map((invoke, id): Operation => {
    const done = completions.get(invoke);
    const outcome = done === undefined ? 'info' : done.type === 'invoke' ? 'info' : done.type;
    const definite = done !== undefined && outcome !== 'info';
    const node = invoke.node ?? done?.node;
    const error = done?.error;
    return {
      id,
      process: invoke.process,
      f: invoke.f,
      ...(invoke.key !== undefined ? { key: invoke.key } : {}),
      input: invoke.value,
      output: definite ? done.value : undefined,
      outcome,
      invokeIndex: invoke.index,
      completeIndex: done?.index,
      invokeUs: invoke.timeUs,
      completeUs: definite ? done.timeUs : undefined,
      ...(node !== undefined ? { node } : {}),
      ...(error !== undefined ? { error } : {}),
    };
  });
  return { ok: true, operations };
}
