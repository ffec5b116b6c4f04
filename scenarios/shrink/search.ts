/**
 * Greedy shrinking (as in delta debugging and QuickCheck): each pass proposes smaller variants
 * of the current candidate; the first variant that still fails becomes the current one and the
 * pass starts over from it. Rounds over all passes repeat until none makes progress or the
 * attempt budget is spent. The search knows nothing of fault plans: passes supply the variants,
 * `fails` runs one.
 */
export type ShrinkPass<C> = (current: C) => Iterable<C>;

export interface ShrinkOptions<C> {
  readonly start: C;
  /** Runs a variant; true when it still fails the way the start did. */
  readonly fails: (candidate: C) => boolean;
  /** Tried in order; put the passes that remove most first. */
  readonly passes: readonly ShrinkPass<C>[];
  /** Most variants to run, the search's limit. */
  readonly attemptsMax: number;
  /** Told of every variant run and whether it still failed, e.g. for progress. */
  readonly onAttempt?: (candidate: C, failed: boolean) => void;
}

export interface ShrinkOutcome<C> {
  readonly minimal: C;
  readonly attempts: number;
  /** Variants that still failed and were kept. */
  readonly accepted: number;
  /** True when the budget ran out before a round without progress. */
  readonly budgetSpent: boolean;
}

/** Shrinks `start` while it keeps failing; the result fails too (or is `start` itself). */
export function shrink<C>(o: ShrinkOptions<C>): ShrinkOutcome<C> {
  let current = o.start;
  let attempts = 0;
  let accepted = 0;
  const tryVariant = (candidate: C): boolean => {
    attempts += 1;
    const failed = o.fails(candidate);
    o.onAttempt?.(candidate, failed);
    return failed;
  };
  let progress = true;
  while (progress && attempts < o.attemptsMax) {
    progress = false;
    for (const pass of o.passes) {
      let restarted = true;
      while (restarted && attempts < o.attemptsMax) {
        restarted = false;
        for (const candidate of pass(current)) {
          if (attempts >= o.attemptsMax) break;
          if (tryVariant(candidate)) {
            current = candidate;
            accepted += 1;
            progress = true;
            restarted = true;
            break;
          }
        }
      }
    }
  }
  return { minimal: current, attempts, accepted, budgetSpent: attempts >= o.attemptsMax };
}
