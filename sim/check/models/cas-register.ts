import type { Value } from '../../history.ts';
import type { Model } from '../model.ts';
import { canonicalText, valuesEqual } from '../value.ts';
import { casArgument, casMismatch, describeOperation, unsupported } from './describe.ts';
import { registerStep } from './register.ts';
import type { RegisterOptions } from './register.ts';

/**
 * A read/write/compare-and-set register, the etcd shape: it starts nil, a read of it returns nil,
 * and `cas [from to]` sets `to` only when the value equals `from`.
 */
export function createCasRegisterModel(options: RegisterOptions = {}): Model<Value> {
  const initial = options.initial ?? null;
  return {
    name: 'cas-register',
    init: () => initial,
    step: (state, op) => {
      const basic = registerStep(state, op);
      if (basic !== undefined) return basic;
      if (op.f !== 'cas') return { ok: false, reason: unsupported(op, 'cas-register') };
      const argument = casArgument(op.input);
      if (argument === undefined) return { ok: false, reason: unsupported(op, 'cas-register', `cas needs [from to], got ${canonicalText(op.input)}`) };
      if (!valuesEqual(state, argument.from)) return { ok: false, reason: casMismatch(op, state, argument.from) };
      return { ok: true, state: argument.to };
    },
    stateKey: canonicalText,
    describeState: (state) => state,
    describeOperation,
    isReadOnly: (op) => op.f === 'read',
  };
}
