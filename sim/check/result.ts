/**
 * The common shape of every checker's result (DESIGN.md §8). A checker is a pure function from a
 * history (and, where needed, final state) to a result; `valid` is `'unknown'` when a budget ran
 * out, never a guess.
 */
export type Verdict = true | false | 'unknown';

export interface CheckResult<Evidence = unknown> {
  /** Stable checker name, e.g. 'linearizable', 'convergence', 'ping-delivery'. */
  readonly checker: string;
  readonly valid: Verdict;
  /** One line for people: what was checked and what was found. */
  readonly summary: string;
  /** Checker-specific, JSON-serialisable evidence (failing operations, reasons, statistics). */
  readonly evidence?: Evidence;
}

/** Merges verdicts as false > unknown > true. */
export function mergeVerdicts(verdicts: readonly Verdict[]): Verdict {
  if (verdicts.includes(false)) return false;
  if (verdicts.includes('unknown')) return 'unknown';
  return true;
}
