import type { Value } from '../history.ts';
import type { RejectReason } from './model.ts';
import type { Verdict } from './result.ts';

/**
 * The evidence of a linearizability check (`CheckResult<LinearizabilityEvidence>`): per part of
 * the history (per key for keyed models), the verdict, search statistics and, when the part is
 * not linearizable, why. Operation ids are `Operation.id` of `pairOperations` on the checked
 * history, so a report can find every operation in the history it already has.
 */
export interface LinearizabilityEvidence {
  readonly model: string;
  /** Whether the model's partition was used (false when checked as one object). */
  readonly split: boolean;
  readonly parts: readonly PartEvidence[];
  /** Sums over all parts. */
  readonly statistics: SearchStatistics;
  /** Operations left out before the search: `fail` ones (never happened) and `info` reads. */
  readonly droppedOperations: number;
}

export interface PartEvidence {
  /** For people: 'key "3"', 'all'. */
  readonly label: string;
  readonly key?: string;
  readonly valid: Verdict;
  /** Operations searched in this part (after dropping `fail` ones and `info` reads). */
  readonly operationCount: number;
  readonly statistics: SearchStatistics;
  /** Present when `valid` is false. */
  readonly failure?: FailureEvidence;
  /** Present when `valid` is 'unknown': which limit ended the search, and how far it got. */
  readonly unknown?: UnknownEvidence;
}

/** What the search did, for one part or summed. */
export interface SearchStatistics {
  /** Distinct (linearized set, state) configurations recorded in Lowe's cache. */
  readonly configurations: number;
  /** Attempts to linearize an operation (model steps, including memoized ones). */
  readonly attempts: number;
  /** Attempts whose configuration had been seen before, so were not explored again. */
  readonly cacheHits: number;
  /** Times the search undid a linearized operation. */
  readonly backtracks: number;
  /**
   * Of those, times it undid one without trying the level's other candidates, because the
   * failure below could not depend on that operation's footprint (Model.footprint).
   */
  readonly backjumps?: number;
  /** New configurations dropped at once because one footprint was in a known dead end. */
  readonly nogoodHits?: number;
  /** Distinct model states met. */
  readonly states: number;
  /** Length of the longest linearizable prefix found. */
  readonly deepestPrefix: number;
  /** Wall-clock time of the search; present only when the caller supplied a clock. */
  readonly elapsedMs?: number;
}

/**
 * Why a part is not linearizable, at the deepest point the search reached: after linearizing
 * `prefix` (state `stateAfterPrefix`), `blockedOperation` must take effect before anything else
 * can, yet every candidate either is rejected by the model or leads only to dead ends.
 */
export interface FailureEvidence {
  /** The operation that cannot be linearized: the earliest-completing one still open. */
  readonly blockedOperation: number;
  /** The longest linearizable prefix found, as operation ids in linearization order. */
  readonly prefix: readonly number[];
  readonly stateAfterPrefix: Value;
  /** Every operation that could have gone next, with why it did not work out. */
  readonly candidates: readonly CandidateEvidence[];
  /** The failure explained in sentences, ready to print. */
  readonly explanation: readonly string[];
  /** Operation ids of the part's operations overlapping the failure (for timelines). */
  readonly window: readonly number[];
}

export interface CandidateEvidence {
  readonly operation: number;
  /** The operation in words (model's `describeOperation`). */
  readonly text: string;
  /**
   * 'rejected': the model refuses it in `stateAfterPrefix` (see `reason`);
   * 'dead-end': the model accepts it (giving `stateAfter`) but no order of the remaining
   * operations works from there.
   */
  readonly outcome: 'rejected' | 'dead-end';
  readonly reason?: RejectReason;
  readonly stateAfter?: Value;
}

export interface UnknownEvidence {
  /**
   * 'configurations': the state budget; 'time': the time budget; 'memory': the cache's size
   * limit; 'stopped': another part failed first, which decides the verdict, so this one was not
   * finished (see `LinearizabilityOptions.allParts`).
   */
  readonly limit: 'configurations' | 'time' | 'memory' | 'stopped';
  /** The longest linearizable prefix found before the limit, as operation ids. */
  readonly prefix: readonly number[];
}
