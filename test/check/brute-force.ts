import type { Operation } from '../../sim/history.ts';
import type { Model } from '../../sim/check/model.ts';

/**
 * A reference linearizability checker for tiny histories: tries every order of the operations
 * that respects real time, with each info operation either placed or left out. Exponential;
 * only for property tests against the real search.
 */
export function bruteForceLinearizable<State>(model: Model<State>, operations: readonly Operation[]): boolean {
  const ops = operations.filter((op) => op.outcome !== 'fail');
  if (ops.length > 9) throw new Error('brute force is for at most 9 operations');
  const done = (op: Operation): number => (op.outcome === 'info' || op.completeIndex === undefined ? Number.POSITIVE_INFINITY : op.completeIndex);
  const used = new Array<boolean>(ops.length).fill(false);
  const stack: { state: State; next: number }[] = [{ state: model.init(), next: 0 }];
  const chosen: number[] = [];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    const allOkPlaced = ops.every((op, i) => used[i] || op.outcome === 'info');
    if (allOkPlaced) return true;
    let advanced = false;
    while (frame.next < ops.length) {
      const i = frame.next++;
      if (used[i]) continue;
      const op = ops[i]!;
      // op may go next only if no unplaced ok operation completed before it was invoked.
      const blocked = ops.some((other, j) => !used[j] && j !== i && other.outcome === 'ok' && done(other) < op.invokeIndex);
      if (blocked) continue;
      const result = model.step(frame.state, op);
      if (!result.ok) continue;
      used[i] = true;
      chosen.push(i);
      stack.push({ state: result.state, next: 0 });
      advanced = true;
      break;
    }
    if (advanced) continue;
    stack.pop();
    const last = chosen.pop();
    if (last !== undefined) used[last] = false;
  }
  return false;
}
