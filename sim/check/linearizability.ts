import { pairOperations } from '../history.ts';
import type { History, Operation } from '../history.ts';
import { defaultSearchBudget } from './budget.ts';
import type { SearchBudget } from './budget.ts';
import type { LinearizabilityEvidence, PartEvidence, SearchStatistics } from './evidence.ts';
import { explainFailure } from './failure-evidence.ts';
import { linearizationFault } from './linearization-check.ts';
import type { Model, ModelPart } from './model.ts';
import { mergeVerdicts } from './result.ts';
import type { CheckResult } from './result.ts';
import { PartSearch } from './search.ts';
import type { SearchLimits, SearchOutcome } from './search.ts';

export interface LinearizabilityOptions<State> {
  readonly model: Model<State>;
  /** Check the model's parts (e.g. keys) separately; default true. False checks one object. */
  readonly split?: boolean;
  readonly budget?: SearchBudget;
  /**
   * Finish every part even after one fails (default false). Parts take turns, so the first
   * failure found stops the rest, which end 'unknown' with limit 'stopped'; the verdict is false
   * either way.
   */
  readonly allParts?: boolean;
  /**
   * Re-run a failing part's search without read-ahead pruning to find the deeper point its
   * explanation names (default true). False skips that second search: the same verdict and
   * statistics, but the explanation may stop a forced step short, naming an operation the model
   * accepts. For callers that only need the verdict, as with Porcupine's CheckOperations versus
   * CheckOperationsVerbose.
   */
  readonly explainFailures?: boolean;
}

/** Attempts a part may make before the next part takes its turn. */
const turnAttempts = 64;

/** The checker's stable name in results. */
export const linearizabilityChecker = 'linearizable';

/**
 * Checks that a history is linearizable with respect to a model. The history must be well formed
 * (every completion follows an open invocation of its process), as simulator histories are;
 * parse foreign histories with sim/formats and pair them first, then use `checkOperations`.
 */
export function checkLinearizability<State>(history: History, options: LinearizabilityOptions<State>): CheckResult<LinearizabilityEvidence> {
  const paired = pairOperations(history);
  if (!paired.ok) throw new Error(`malformed history at event ${paired.error.index}: ${paired.error.message}`);
  return checkOperations(paired.operations, options);
}

/**
 * Checks paired operations. `fail` operations never happened and are dropped; `info` reads
 * cannot change anything and are dropped too; every other `info` operation may take effect at
 * any time after its invocation, or never.
 */
export function checkOperations<State>(operations: readonly Operation[], options: LinearizabilityOptions<State>): CheckResult<LinearizabilityEvidence> {
  const { model } = options;
  const kept = operations.filter((op) => op.outcome === 'ok' || (op.outcome === 'info' && !(model.isReadOnly?.(op) ?? false)));
  const split = (options.split ?? true) && model.partition !== undefined;
  const parts: readonly ModelPart[] = split && model.partition !== undefined ? model.partition(kept) : [{ label: 'all', operations: kept }];
  const limits = resolveLimits(options.budget ?? {});
  const searches = parts.map((part) => new PartSearch({ model, operations: part.operations, limits }));
  runInTurns(searches, options.allParts ?? false);
  const partEvidence = parts.map((part, index) => {
    const outcome = searches[index]!.outcome();
    assertWitness(model, part, outcome);
    const failing = options.explainFailures === false ? { outcome, operations: part.operations, label: part.label } : failureOutcome(model, part, outcome, limits);
    return partEvidenceOf(model, part, failing);
  });
  const evidence: LinearizabilityEvidence = {
    model: model.name,
    split,
    parts: partEvidence,
    statistics: sumStatistics(partEvidence.map((part) => part.statistics)),
    droppedOperations: operations.length - kept.length,
  };
  const valid = mergeVerdicts(partEvidence.map((part) => part.valid));
  return { checker: linearizabilityChecker, valid, summary: summarize(evidence, valid), evidence };
}

function resolveLimits(budget: SearchBudget): SearchLimits {
  const startMs = budget.nowMs?.();
  return {
    configurationsMax: budget.configurationsMax ?? defaultSearchBudget.configurationsMax,
    cacheBytesMax: budget.cacheBytesMax ?? defaultSearchBudget.cacheBytesMax,
    statesMax: budget.statesMax ?? defaultSearchBudget.statesMax,
    ...(budget.nowMs !== undefined ? { nowMs: budget.nowMs } : {}),
    ...(startMs !== undefined && budget.timeMsMax !== undefined ? { deadlineMs: startMs + budget.timeMsMax } : {}),
  };
}

/**
 * Runs the parts' searches in turns of `turnAttempts`, the way Porcupine runs them in parallel:
 * an easy failure is found before a hard part is finished.
 */
function runInTurns<State>(searches: readonly PartSearch<State>[], allParts: boolean): void {
  let open = searches;
  while (open.length > 0) {
    const unfinished: PartSearch<State>[] = [];
    for (const search of open) {
      if (!search.run(turnAttempts)) unfinished.push(search);
      else if (search.result === false && !allParts) {
        for (const other of searches) if (other.result === undefined) other.stop('stopped');
        return;
      }
    }
    open = unfinished;
  }
}

/** A `true` verdict must come with a linearization the plain model accepts (see linearizationFault). */
function assertWitness<State>(model: Model<State>, part: ModelPart, outcome: SearchOutcome<State>): void {
  if (outcome.valid !== true) return;
  const fault = outcome.linearization === undefined ? 'no linearization' : linearizationFault({ model, operations: part.operations, order: outcome.linearization });
  if (fault !== undefined) throw new Error(`internal error: the search found ${part.label} linearizable, but its witness is wrong: ${fault}`);
}

/** A failing part's search outcome, with the operations its prefix indexes and the label to explain it under. */
interface FailureOutcome<State> {
  readonly outcome: SearchOutcome<State>;
  readonly operations: readonly Operation[];
  readonly label: string;
}

/**
 * Read-ahead pruning abandons a branch as soon as a coming read can no longer be satisfied, so
 * the deepest prefix of a pruned search stops short of the operation the model rejects. For a
 * failing part, the plain search (within the same limits) finds the deeper, clearer point; the
 * verdict stays the pruned search's, and if the plain search cannot finish, its evidence stands.
 * A search that never pruned (e.g. a history whose reads see numbers, which read-ahead cannot
 * rule out) already is the plain search, so it is not run again.
 * When the search refuted the part through one footprint alone (a key of a map checked
 * unsplit), those operations are not linearizable by themselves, so the plain search runs on
 * them only: a smaller explanation, found in a fraction of the time.
 */
function failureOutcome<State>(model: Model<State>, part: ModelPart, outcome: SearchOutcome<State>, limits: SearchLimits): FailureOutcome<State> {
  const whole = { outcome, operations: part.operations, label: part.label };
  if (outcome.valid !== false) return whole;
  const refuted = outcome.refutedFootprint;
  if (refuted === undefined && !outcome.readAheadPruned) return whole;
  const operations = refuted === undefined ? part.operations : part.operations.filter((op) => model.footprint?.(op) === refuted);
  const plain = new PartSearch({ model, operations, limits, readAhead: false });
  plain.run(Number.POSITIVE_INFINITY);
  const replay = plain.outcome();
  if (replay.valid !== false) return whole;
  const label = refuted === undefined ? part.label : `${part.label}, footprint ${JSON.stringify(refuted)} alone`;
  return { outcome: { ...outcome, prefix: replay.prefix, stateAfterPrefix: replay.stateAfterPrefix }, operations, label };
}

function partEvidenceOf<State>(model: Model<State>, part: ModelPart, failing: FailureOutcome<State>): PartEvidence {
  const { outcome } = failing;
  const common = {
    label: part.label,
    ...(part.key !== undefined ? { key: part.key } : {}),
    valid: outcome.valid,
    operationCount: part.operations.length,
    statistics: outcome.statistics,
  };
  if (outcome.valid === false) {
    const failure = explainFailure({ model, operations: failing.operations, prefix: outcome.prefix, state: outcome.stateAfterPrefix, label: failing.label });
    return { ...common, failure };
  }
  if (outcome.valid === 'unknown' && outcome.limit !== undefined) {
    return { ...common, unknown: { limit: outcome.limit, prefix: outcome.prefix.map((index) => part.operations[index]!.id) } };
  }
  return common;
}

function sumStatistics(all: readonly SearchStatistics[]): SearchStatistics {
  const timed = all.filter((statistics) => statistics.elapsedMs !== undefined);
  return {
    configurations: all.reduce((sum, s) => sum + s.configurations, 0),
    attempts: all.reduce((sum, s) => sum + s.attempts, 0),
    cacheHits: all.reduce((sum, s) => sum + s.cacheHits, 0),
    backtracks: all.reduce((sum, s) => sum + s.backtracks, 0),
    backjumps: all.reduce((sum, s) => sum + (s.backjumps ?? 0), 0),
    nogoodHits: all.reduce((sum, s) => sum + (s.nogoodHits ?? 0), 0),
    states: all.reduce((sum, s) => sum + s.states, 0),
    deepestPrefix: all.reduce((max, s) => Math.max(max, s.deepestPrefix), 0),
    ...(timed.length > 0 ? { elapsedMs: timed.reduce((sum, s) => sum + (s.elapsedMs ?? 0), 0) } : {}),
  };
}

function summarize(evidence: LinearizabilityEvidence, valid: CheckResult['valid']): string {
  const scope = `${evidence.model}, ${evidence.parts.length} part(s), ${evidence.parts.reduce((sum, part) => sum + part.operationCount, 0)} operation(s)`;
  if (valid === true) return `linearizable (${scope})`;
  const failing = evidence.parts.filter((part) => part.valid === false);
  const first = failing[0];
  if (first?.failure !== undefined) {
    return `not linearizable (${scope}): ${failing.length} part(s) fail; in ${first.label} operation #${first.failure.blockedOperation} cannot be linearized`;
  }
  const undecided = evidence.parts.filter((part) => part.valid === 'unknown');
  const limits = [...new Set(undecided.map((part) => part.unknown?.limit ?? 'budget'))].join(', ');
  return `unknown (${scope}): ${undecided.length} part(s) undecided, search limit reached (${limits})`;
}
