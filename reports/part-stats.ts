import type { Operation } from '../sim/history.ts';

/** What the part index shows about one part's operations, computed from the history itself. */
export interface PartOperationStats {
  readonly operations: number;
  readonly info: number;
  /** The most operations open at one instant (an info operation stays open to the end). */
  readonly concurrencyMax: number;
}

/**
 * Counts and the maximum concurrency of a set of operations. Concurrency is swept in history
 * order (event indices), which is the order the clients observed, so ties in time cannot blur it.
 */
export function partOperationStats(operations: readonly Operation[]): PartOperationStats {
  const steps: { readonly index: number; readonly delta: number }[] = [];
  let info = 0;
  for (const op of operations) {
    steps.push({ index: op.invokeIndex, delta: 1 });
    if (op.completeIndex !== undefined) steps.push({ index: op.completeIndex, delta: -1 });
    if (op.outcome === 'info') info++;
  }
  steps.sort((a, b) => a.index - b.index);
  let open = 0;
  let concurrencyMax = 0;
  for (const step of steps) {
    open += step.delta;
    if (open > concurrencyMax) concurrencyMax = open;
  }
  return { operations: operations.length, info, concurrencyMax };
}

/** Groups operations by key in first-seen order; operations without a key go under `undefined`. */
export function operationsByKey(operations: readonly Operation[]): Map<string | undefined, Operation[]> {
  const groups = new Map<string | undefined, Operation[]>();
  for (const op of operations) {
    const group = groups.get(op.key);
    if (group === undefined) groups.set(op.key, [op]);
    else group.push(op);
  }
  return groups;
}
