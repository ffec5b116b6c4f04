import type { FailureEvidence, LinearizabilityEvidence, PartEvidence } from '../sim/check/evidence.ts';
import type { CheckResult } from '../sim/check/result.ts';
import type { Operation } from '../sim/history.ts';

/** A linearizability result found among a report's checks, with its evidence typed. */
export interface LinearizabilityCheck {
  readonly checker: string;
  readonly evidence: LinearizabilityEvidence;
}

/** One failing part, ready to draw: the evidence plus where its linearization points fall. */
export interface FailureView {
  /** Position among the report's failures; anchors are `#failure-<n>`. */
  readonly number: number;
  readonly checker: string;
  readonly part: PartEvidence;
  readonly failure: FailureEvidence;
  /** Simulated time of each prefix operation's linearization point, in prefix order. */
  readonly pointsUs: readonly number[];
  /** The time range to show first: the failure window with a margin. */
  readonly fromUs: number;
  readonly toUs: number;
}

/**
 * Picks out the checks whose evidence is linearizability evidence. Results are plain JSON (they
 * may have been read back from results.json), so the shape is tested rather than trusted.
 */
export function linearizabilityChecks(checks: readonly CheckResult[]): LinearizabilityCheck[] {
  const found: LinearizabilityCheck[] = [];
  for (const check of checks) {
    if (isLinearizabilityEvidence(check.evidence)) found.push({ checker: check.checker, evidence: check.evidence });
  }
  return found;
}

function isLinearizabilityEvidence(evidence: unknown): evidence is LinearizabilityEvidence {
  if (typeof evidence !== 'object' || evidence === null) return false;
  const candidate = evidence as { parts?: unknown; model?: unknown; statistics?: unknown };
  return Array.isArray(candidate.parts) && typeof candidate.model === 'string' && typeof candidate.statistics === 'object';
}

/**
 * The failing parts of all linearizability checks, each with linearization points for its prefix.
 * A point is placed as early as the order allows (no earlier than the operation's invocation nor
 * the previous point); because the prefix is a valid linearization, every point then also falls
 * before its operation completed.
 */
export function failureViews(checks: readonly LinearizabilityCheck[], operations: readonly Operation[], endUs: number): FailureView[] {
  const views: FailureView[] = [];
  for (const check of checks) {
    for (const part of check.evidence.parts) {
      if (part.failure === undefined) continue;
      const failure = part.failure;
      const pointsUs: number[] = [];
      let previousUs = 0;
      for (const id of failure.prefix) {
        const op = operations[id];
        const atUs = Math.max(op?.invokeUs ?? previousUs, previousUs);
        pointsUs.push(atUs);
        previousUs = atUs;
      }
      const range = failureRange(failure, operations, endUs);
      views.push({ number: views.length, checker: check.checker, part, failure, pointsUs, ...range });
    }
  }
  return views;
}

function failureRange(failure: FailureEvidence, operations: readonly Operation[], endUs: number): { fromUs: number; toUs: number } {
  const ids = [...failure.window, failure.blockedOperation, ...failure.candidates.map((c) => c.operation)];
  let fromUs = Number.POSITIVE_INFINITY;
  let toUs = Number.NEGATIVE_INFINITY;
  for (const id of ids) {
    const op = operations[id];
    if (op === undefined) continue;
    fromUs = Math.min(fromUs, op.invokeUs);
    toUs = Math.max(toUs, op.completeUs ?? op.invokeUs);
  }
  if (!Number.isFinite(fromUs)) return { fromUs: 0, toUs: endUs };
  const marginUs = Math.max(1, Math.round((toUs - fromUs) * 0.15));
  return { fromUs: Math.max(0, fromUs - marginUs), toUs: Math.min(endUs, toUs + marginUs) };
}
