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

/** Reads a cas argument `[from, to]`, or undefined when the value has another shape. */
export function casArgument(value: Value): { from: Value; to: Value } | undefined {
  if (!Array.isArray(value) || value.length !== 2) return undefined;
  const [from, to] = value as readonly Value[];
  return { from: from as Value, to: to as Value };
}
