import type { RejectReason, StepRejection } from './model.ts';
import { valueWords } from './value.ts';

/** A model's rejection in one sentence, e.g. `get of key "3" returned "x" but the key held "xy"`. */
export function reasonWords(rejection: StepRejection): string {
  const subject = rejection.key !== undefined ? `${rejection.f} of key ${JSON.stringify(rejection.key)}` : rejection.f;
  switch (rejection.kind) {
    case 'read-mismatch':
      return `${subject} returned ${valueWords(rejection.observed)} but ${holder(rejection)} ${valueWords(rejection.expected)}`;
    case 'cas-mismatch':
      return `${subject} expected ${valueWords(rejection.observed)} but the value was ${valueWords(rejection.expected)}`;
    case 'empty':
      return `${subject} returned ${valueWords(rejection.observed)} but the queue was empty`;
    case 'unsupported':
      return rejection.detail ?? `the model has no operation '${rejection.f}'`;
  }
}

/** The rejection as plain data with its sentence, for evidence (reads deferred fields once). */
export function withWords(rejection: StepRejection): RejectReason {
  const { expected, observed, key, detail } = rejection;
  return {
    kind: rejection.kind,
    f: rejection.f,
    ...(key !== undefined ? { key } : {}),
    ...(expected !== undefined ? { expected } : {}),
    ...(observed !== undefined ? { observed } : {}),
    ...(detail !== undefined ? { detail } : {}),
    message: reasonWords({ kind: rejection.kind, f: rejection.f, key, ...(expected !== undefined ? { expected } : {}), ...(observed !== undefined ? { observed } : {}), ...(detail !== undefined ? { detail } : {}) }),
  };
}

function holder(rejection: StepRejection): string {
  if (rejection.key !== undefined) return 'the key held';
  return rejection.f === 'dequeue' ? 'the head was' : 'the value was';
}
