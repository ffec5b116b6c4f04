import type { Operation } from '../history.ts';
import type { Model } from './model.ts';

/**
 * What is wrong with a linearization the search returned, or undefined when it is one: each
 * operation at most once, every `ok` one present, no operation placed after one that was invoked
 * after it had completed, and the model accepting every step from its initial state. The search's
 * reductions (footprints, backjumping, remembered dead ends, read-ahead) each rest on an argument
 * about the model; replaying the answer through the plain model is a cheap check that a `true`
 * verdict really comes with a witness.
 */
export function linearizationFault<State>(options: { readonly model: Model<State>; readonly operations: readonly Operation[]; readonly order: readonly number[] }): string | undefined {
  const { model, operations, order } = options;
  const placed = new Uint8Array(operations.length);
  let state = model.init();
  let latestInvoke = Number.NEGATIVE_INFINITY;
  for (const index of order) {
    const op = operations[index];
    if (op === undefined || placed[index] === 1) return `operation index ${index} is unknown or placed twice`;
    placed[index] = 1;
    const complete = op.outcome === 'info' || op.completeIndex === undefined ? Number.POSITIVE_INFINITY : op.completeIndex;
    if (complete < latestInvoke) return `operation #${op.id} is placed after an operation invoked after it completed`;
    latestInvoke = Math.max(latestInvoke, op.invokeIndex);
    const result = model.step(state, op);
    if (!result.ok) return `the model rejects operation #${op.id} where it is placed`;
    state = result.state;
  }
  const missing = operations.findIndex((op, index) => op.outcome === 'ok' && placed[index] !== 1);
  return missing < 0 ? undefined : `ok operation #${operations[missing]!.id} is missing`;
}
