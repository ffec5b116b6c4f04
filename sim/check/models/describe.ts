import type { Operation, Value } from '../../history.ts';
import type { RejectReason } from '../model.ts';
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

/** The reason for an operation the model does not know. */
export function unsupported(op: Operation, modelName: string, detail?: string): RejectReason {
  const why = detail ?? `the ${modelName} model has no operation '${op.f}'`;
  return { kind: 'unsupported', ...(op.key !== undefined ? { key: op.key } : {}), observed: op.input, message: why };
}

/** The reason for a read whose result differs from the current value. */
export function readMismatch(op: Operation, expected: Value, observed: Value): RejectReason {
  const subject = op.key !== undefined ? `${op.f} of key ${JSON.stringify(op.key)}` : op.f;
  const holder = op.key !== undefined ? 'the key held' : 'the value was';
  return {
    kind: 'read-mismatch',
    ...(op.key !== undefined ? { key: op.key } : {}),
    expected,
    observed,
    message: `${subject} returned ${valueWords(observed)} but ${holder} ${valueWords(expected)}`,
  };
}

/** The reason for a successful cas whose expected value was not there. */
export function casMismatch(op: Operation, current: Value, from: Value): RejectReason {
  const subject = op.key !== undefined ? `cas of key ${JSON.stringify(op.key)}` : 'cas';
  return {
    kind: 'cas-mismatch',
    ...(op.key !== undefined ? { key: op.key } : {}),
    expected: current,
    observed: from,
    message: `${subject} expected ${valueWords(from)} but the value was ${valueWords(current)}`,
  };
}

/** Reads a cas argument `[from, to]`, or undefined when the value has another shape. */
export function casArgument(value: Value): { from: Value; to: Value } | undefined {
  if (!Array.isArray(value) || value.length !== 2) return undefined;
  const [from, to] = value as readonly Value[];
  return { from: from as Value, to: to as Value };
}
