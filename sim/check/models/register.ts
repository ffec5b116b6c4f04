import type { Operation, Value } from '../../history.ts';
import type { Model, StepResult } from '../model.ts';
import { canonicalText, valuesEqual } from '../value.ts';
import { describeOperation, readMismatch, unsupported } from './describe.ts';

export interface RegisterOptions {
  /** The value before any write; a read of it returns this (default nil). */
  readonly initial?: Value;
}

/** Applies a read or a write to a register holding `state`; undefined for other functions. */
export function registerStep(state: Value, op: Operation): StepResult<Value> | undefined {
  if (op.f === 'write') return { ok: true, state: op.input };
  if (op.f !== 'read') return undefined;
  if (op.output === undefined || valuesEqual(op.output, state)) return { ok: true, state };
  return { ok: false, reason: readMismatch(op, state, op.output) };
}

/** A single read/write register (Jepsen's `:read` / `:write`). */
export function createRegisterModel(options: RegisterOptions = {}): Model<Value> {
  const initial = options.initial ?? null;
  return {
    name: 'register',
    init: () => initial,
    step: (state, op) => registerStep(state, op) ?? { ok: false, reason: unsupported(op, 'register') },
    stateKey: canonicalText,
    describeState: (state) => state,
    describeOperation,
    isReadOnly: (op) => op.f === 'read',
  };
}
