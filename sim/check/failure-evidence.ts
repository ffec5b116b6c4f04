import type { Operation } from '../history.ts';
import type { CandidateEvidence, FailureEvidence } from './evidence.ts';
import type { Model } from './model.ts';
import { withWords } from './reason-words.ts';
import { canonicalText } from './value.ts';

/**
 * Explains a failed search at its deepest point: after `prefix` (indices into `operations`) the
 * model is in `state`; the earliest return among the remaining operations names the operation
 * that must go next, and every call before it is a candidate, rejected by the model or leading
 * only to dead ends.
 */
export function explainFailure<State>(options: {
  readonly model: Model<State>;
  readonly operations: readonly Operation[];
  readonly prefix: readonly number[];
  readonly state: State;
  readonly label: string;
}): FailureEvidence {
  const { model, operations, prefix, state } = options;
  const linearized = new Set(prefix);
  const remaining = operations.map((_, index) => index).filter((index) => !linearized.has(index));
  const blocked = remaining.reduce((best, index) => (completeRank(operations[index]!) < completeRank(operations[best]!) ? index : best), remaining[0]!);
  const deadline = completeRank(operations[blocked]!);
  const candidates = remaining
    .filter((index) => operations[index]!.invokeIndex <= deadline)
    .sort((a, b) => operations[a]!.invokeIndex - operations[b]!.invokeIndex)
    .map((index): CandidateEvidence => {
      const op = operations[index]!;
      const result = model.step(state, op);
      const text = model.describeOperation(op);
      return result.ok
        ? { operation: op.id, text, outcome: 'dead-end', stateAfter: model.describeState(result.state) }
        : { operation: op.id, text, outcome: 'rejected', reason: withWords(result.reason) };
    });
  const candidateIds = new Set(candidates.map((candidate) => candidate.operation));
  const earliestInvoke = operations.reduce((earliest, op) => (candidateIds.has(op.id) ? Math.min(earliest, op.invokeIndex) : earliest), deadline);
  const window = operations
    .filter((op, index) => candidateIds.has(op.id) || (linearized.has(index) && completeRank(op) >= earliestInvoke))
    .map((op) => op.id)
    .sort((a, b) => a - b);
  const stateAfterPrefix = model.describeState(state);
  const blockedOp = operations[blocked]!;
  const prefixIds = prefix.map((index) => `#${operations[index]!.id}`);
  const prefixWords = prefixIds.length <= 24 ? prefixIds.join(' ') : `${prefixIds.slice(0, 12).join(' ')} … ${prefixIds.slice(-12).join(' ')}`;
  const explanation = [
    `${options.label}: after ${prefix.length} operation(s) linearized, leaving state ${canonicalText(stateAfterPrefix)}, ` +
      `operation #${blockedOp.id} (${model.describeOperation(blockedOp)}) completed before anything else could go next, but no candidate works:`,
    `  linearized so far, in order: ${prefix.length === 0 ? 'nothing' : prefixWords}`,
    ...candidates.map((candidate) =>
      candidate.outcome === 'rejected'
        ? `  #${candidate.operation} ${candidate.text}: rejected: ${candidate.reason?.message ?? 'the model refuses it'}`
        : `  #${candidate.operation} ${candidate.text}: possible (state becomes ${canonicalText(candidate.stateAfter)}) but no order of the remaining operations works after it`,
    ),
  ];
  return {
    blockedOperation: blockedOp.id,
    prefix: prefix.map((index) => operations[index]!.id),
    stateAfterPrefix,
    candidates,
    explanation,
    window,
  };
}

/** Where an operation's completion falls in real time; an `info` operation never completes. */
function completeRank(op: Operation): number {
  return op.outcome === 'info' || op.completeIndex === undefined ? Number.POSITIVE_INFINITY : op.completeIndex;
}
