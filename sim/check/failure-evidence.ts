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
  const linearized = new Uint8Array(operations.length);
  for (const index of prefix) linearized[index] = 1;
  const { remaining, blocked } = remainingOperations(operations, linearized);
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
  const window = windowOf({ operations, linearized, candidateIds: new Set(candidates.map((candidate) => candidate.operation)), deadline });
  const stateAfterPrefix = model.describeState(state);
  const blockedOp = operations[blocked]!;
  const prefixWords = prefix.length <= 24 ? idWords(operations, prefix) : `${idWords(operations, prefix.slice(0, 12))} … ${idWords(operations, prefix.slice(-12))}`;
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

// The loops over every operation live in small functions of their own. explainFailure runs once
// per failing check, but its loops made it hot enough for V8 to optimize it whole, with every
// callee inlined: a ~90 ms compile, thrown away at the next operation of an unseen shape, and
// redone every few dozen failing runs (kv-partition: every fourth round of ten seeds, +40-50%
// CPU for that round). Small functions compile in about a millisecond and stay optimized.

/** The operations not yet linearized, and among them the one whose completion comes first. */
function remainingOperations(operations: readonly Operation[], linearized: Uint8Array): { remaining: number[]; blocked: number } {
  const remaining: number[] = [];
  let blocked = -1;
  for (let index = 0; index < operations.length; index++) {
    if (linearized[index] === 1) continue;
    remaining.push(index);
    if (blocked < 0 || completeRank(operations[index]!) < completeRank(operations[blocked]!)) blocked = index;
  }
  return { remaining, blocked };
}

/**
 * The ids to show around the failure, ascending: the candidates, and the linearized operations
 * that completed after the earliest candidate's invocation (they overlap the candidates).
 */
function windowOf(o: { operations: readonly Operation[]; linearized: Uint8Array; candidateIds: ReadonlySet<number>; deadline: number }): number[] {
  const { operations, linearized, candidateIds } = o;
  let earliestInvoke = o.deadline;
  for (const op of operations) if (candidateIds.has(op.id)) earliestInvoke = Math.min(earliestInvoke, op.invokeIndex);
  const window: number[] = [];
  for (let index = 0; index < operations.length; index++) {
    const op = operations[index]!;
    if (candidateIds.has(op.id) || (linearized[index] === 1 && completeRank(op) >= earliestInvoke)) window.push(op.id);
  }
  return window.sort((a, b) => a - b);
}

/** `#id` words of the operations at these indices. */
function idWords(operations: readonly Operation[], indices: readonly number[]): string {
  return indices.map((index) => `#${operations[index]!.id}`).join(' ');
}

/** Where an operation's completion falls in real time; an `info` operation never completes. */
function completeRank(op: Operation): number {
  return op.outcome === 'info' || op.completeIndex === undefined ? Number.POSITIVE_INFINITY : op.completeIndex;
}
