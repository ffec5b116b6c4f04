import type { Value } from '../../history.ts';
import type { Model } from '../model.ts';
import { canonicalText, valueWords } from '../value.ts';
import { describeOperation, readMismatch, unsupported } from './describe.ts';

/** The set's elements by canonical text, sorted, so equal sets have equal states. */
export type SetState = readonly (readonly [string, Value])[];

/** A grow-only set: add v inserts; a read returns all elements, in any order. */
export function createSetModel(): Model<SetState> {
  return {
    name: 'set',
    init: () => [],
    step: (state, op) => {
      if (op.f === 'add') {
        const text = canonicalText(op.input);
        if (state.some(([known]) => known === text)) return { ok: true, state };
        const next = [...state, [text, op.input] as const];
        next.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
        return { ok: true, state: next };
      }
      if (op.f !== 'read') return { ok: false, reason: unsupported(op, 'set') };
      if (op.output === undefined) return { ok: true, state };
      if (!Array.isArray(op.output)) return { ok: false, reason: unsupported(op, 'set', `a set read must return a list, got ${valueWords(op.output)}`) };
      const observed = [...new Set((op.output as readonly Value[]).map(canonicalText))].sort();
      const expected = state.map(([text]) => text);
      if (observed.length === expected.length && observed.every((text, i) => text === expected[i])) return { ok: true, state };
      const held = state.map(([, value]) => value);
      return { ok: false, reason: readMismatch(op, held, op.output) };
    },
    stateKey: (state) => state.map(([text]) => text).join('\u0000'),
    describeState: (state) => state.map(([, value]) => value),
    describeOperation,
    isReadOnly: (op) => op.f === 'read',
  };
}
