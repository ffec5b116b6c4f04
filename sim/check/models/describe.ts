import type { Operation, Value } from '../../history.ts';
import type { StepRejection } from '../model.ts';
import { valueWords } from '../value.ts';

/**
 * An operation in words, the same way for every model: `p3 cas key "x" [1,2] ok`, with a read's
 * result after an arrow (`p1 read → 2 ok`).
 */
export function describeOperation(op: Operation): string {
  const key = op.key !== undefined ? ` key ${JSON.stringify(op.key)}` : '';
  const input = op.input === null ? '' : ` ${valueWords(op.input)}`;
  const output = op.outcome === 'ok' && op.output !== undefined && !sameAsInput(op) ? ` → ${valueWords(op.output)}` : '';
  return `p${op.process} ${op.f}${key}${input}${output} ${op.outcome}`;
}

function sameAsInput(op: Operation): boolean {
  return op.output === op.input;
}

/** The rejection of an operation the model does not know. */
export function unsupported(op: Operation, modelName: string, detail?: string): StepRejection {
  return { kind: 'unsupported', f: op.f, key: op.key, observed: op.input, detail: detail ?? `the ${modelName} model has no operation '${op.f}'` };
}

/** The rejection of a read whose result differs from the current value. */
export function readMismatch(op: Operation, expected: Value, observed: Value): StepRejection {
  return { kind: 'read-mismatch', f: op.f, key: op.key, expected, observed };
}

/** The rejection of a successful cas whose expected value was not there. */
export function casMismatch(op: Operation, current: Value, from: Value): StepRejection {
  return { kind: 'cas-mismatch', f: op.f, key: op.key, expected: current, observed: from };
}

/** Something that can produce a value from its id on demand (the kv model's value table). */
export interface ValueSource {
  value(id: number): Value;
}

/**
 * A rejection whose expected value is computed only when read: building a long appended value
 * for every refused read would cost more than the search itself. Evidence copies it through
 * `withWords`, which reads `expected` once. (A class, not a closure: the hot path allocates one
 * plain object.)
 */
class DeferredRejection implements StepRejection {
  readonly kind: 'read-mismatch' | 'cas-mismatch';
  readonly f: string;
  readonly key: string | undefined;
  readonly observed: Value;
  private readonly source: ValueSource;
  private readonly expectedId: number;

  constructor(kind: 'read-mismatch' | 'cas-mismatch', op: Operation, expected: { readonly source: ValueSource; readonly id: number }, observed: Value) {
    this.kind = kind;
    this.f = op.f;
    this.key = op.key;
    this.source = expected.source;
    this.expectedId = expected.id;
    this.observed = observed;
  }

  get expected(): Value {
    return this.source.value(this.expectedId);
  }
}

/** `readMismatch` or `casMismatch` with the expected value computed only when read. */
export function deferredMismatch(kind: 'read-mismatch' | 'cas-mismatch', op: Operation, expected: { readonly source: ValueSource; readonly id: number }, observed: Value): StepRejection {
  return new DeferredRejection(kind, op, expected, observed);
}

/** Reads a cas argument `[from, to]`, or undefined when the value has another shape. */
export function casArgument(value: Value): { from: Value; to: Value } | undefined {
  if (!Array.isArray(value) || value.length !== 2) return undefined;
  const [from, to] = value as readonly Value[];
  return { from: from as Value, to: to as Value };
}
