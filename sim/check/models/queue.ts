import type { Value } from '../../history.ts';
import type { Model } from '../model.ts';
import { canonicalText, valuesEqual } from '../value.ts';
import { describeOperation, readMismatch, unsupported } from './describe.ts';

/** The queue's contents, head first. */
export type QueueState = readonly Value[];

/**
 * A FIFO queue: enqueue v appends; a dequeue returns the head and removes it, or returns nil
 * when the queue is empty. A dequeue whose outcome is unknown may have removed the head.
 */
export function createQueueModel(): Model<QueueState> {
  return {
    name: 'queue',
    init: () => [],
    step: (state, op) => {
      if (op.f === 'enqueue') return { ok: true, state: [...state, op.input] };
      if (op.f !== 'dequeue') return { ok: false, reason: unsupported(op, 'queue') };
      const head = state[0];
      if (op.output === undefined) return { ok: true, state: state.slice(1) };
      if (head === undefined) {
        if (op.output === null) return { ok: true, state };
        return { ok: false, reason: { kind: 'empty', f: op.f, expected: null, observed: op.output } };
      }
      if (!valuesEqual(op.output, head)) {
        return { ok: false, reason: readMismatch(op, head, op.output) };
      }
      return { ok: true, state: state.slice(1) };
    },
    stateKey: (state) => canonicalText(state),
    describeState: (state) => state,
    describeOperation,
  };
}
