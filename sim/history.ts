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
  // Invocations in order and, at the same position, their completions: no map keyed by event.
  const invokes: HistoryEvent[] = [];
  const completions: (HistoryEvent | undefined)[] = [];
  /**
   * process -> 1 + position in `invokes` of its open invocation (0 or a hole: none). Processes
   * are small integers, for which an array is a much faster map than a Map; any other number
   * still works, as a property of the array.
   */
  const open: number[] = [];
  for (const event of history) {
    const processId = event.process;
    if (event.type === 'invoke') {
      if ((open[processId] ?? 0) !== 0) {
        return { ok: false, error: { index: event.index, message: `process ${event.process} invokes again before its previous operation completed` } };
      }
      open[processId] = invokes.length + 1;
      invokes.push(event);
      completions.push(undefined);
      continue;
    }
    const at = (open[processId] ?? 0) - 1;
    if (at < 0) {
      return { ok: false, error: { index: event.index, message: `process ${event.process} completes '${event.type}' with no open invocation` } };
    }
    open[processId] = 0;
    completions[at] = event;
  }
  const operations = new Array<Operation>(invokes.length);
  for (let id = 0; id < invokes.length; id++) operations[id] = operationOf(id, invokes[id] as HistoryEvent, completions[id]);
  return { ok: true, operations };
}

/**
 * One paired operation, with the fields in the order they always had (reports print them). Built
 * from literals, the optional fields assigned after them in a fixed order, so operations share
 * a few hidden classes (checkers read many of them).
 */
function operationOf(id: number, invoke: HistoryEvent, done: HistoryEvent | undefined): Operation {
  const outcome = done === undefined || done.type === 'invoke' ? 'info' : done.type;
  const definite = done !== undefined && outcome !== 'info';
  const output = definite ? done.value : undefined;
  const completeIndex = done?.index;
  const completeUs = definite ? done.timeUs : undefined;
  const { process, f, key } = invoke;
  const op: Mutable<Operation> =
    key === undefined
      ? { id, process, f, input: invoke.value, output, outcome, invokeIndex: invoke.index, completeIndex, invokeUs: invoke.timeUs, completeUs }
      : { id, process, f, key, input: invoke.value, output, outcome, invokeIndex: invoke.index, completeIndex, invokeUs: invoke.timeUs, completeUs };
  const node = invoke.node ?? done?.node;
  if (node !== undefined) op.node = node;
  const error = done?.error;
  if (error !== undefined) op.error = error;
  return op;
}

/** A record type with its readonly modifiers removed, for building one field by field. */
type Mutable<T> = { -readonly [K in keyof T]: T[K] };
