import type { RunRecord } from '../../sim/run-record.ts';
import { prepareRun, runScenario } from '../runner.ts';
import type { AnyScenario } from '../scenario.ts';
import { shrinkableKnobs } from './knobs.ts';
import { advanceSteps, dropSteps, lowerKnobs, shortenWindows } from './plan-passes.ts';
import type { ShrinkCandidate, ShrinkStep } from './plan-passes.ts';
import { shrink } from './search.ts';
import { hitsTarget, targetOf } from './shrink-target.ts';
import type { ShrinkTarget } from './shrink-target.ts';

type SetArg = { readonly key: string; readonly text: string };

/** Default budget of shrink runs: each is one full simulation of the scenario. */
export const SHRINK_ATTEMPTS_DEFAULT = 300;

export interface ShrinkRequest {
  readonly scenario: AnyScenario;
  readonly seed: number;
  readonly sets: readonly SetArg[];
  /** The plan the failing run replayed, if it replayed one. */
  readonly faultsJson?: unknown;
  readonly attemptsMax: number;
  /** Told of each variant that still fails, for progress lines. */
  readonly onAccepted?: (candidate: ShrinkCandidate, attempts: number) => void;
}

export type ShrinkResult =
  | { readonly kind: 'usage-error'; readonly error: string }
  | { readonly kind: 'passes'; readonly record: RunRecord }
  | { readonly kind: 'not-reproducible'; readonly record: RunRecord; readonly target: ShrinkTarget }
  | {
      readonly kind: 'shrunk';
      readonly original: RunRecord;
      readonly target: ShrinkTarget;
      readonly start: ShrinkCandidate;
      readonly minimal: ShrinkCandidate;
      readonly record: RunRecord;
      /** The overrides that replay the minimal run (the user's, with the lowered knobs). */
      readonly sets: readonly SetArg[];
      readonly attempts: number;
      readonly budgetSpent: boolean;
    };

/** The `--set` list of a candidate: the user's overrides, with the knobs' values replacing theirs. */
export function candidateSets(userSets: readonly SetArg[], knobs: Readonly<Record<string, number>>): SetArg[] {
  const knobNames = Object.keys(knobs);
  return [...userSets.filter((set) => !knobNames.includes(set.key)), ...knobNames.map((key) => ({ key, text: String(knobs[key]) }))];
}

function changedKnobs(before: Readonly<Record<string, number>>, after: Readonly<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(Object.entries(after).filter(([name, value]) => before[name] !== value));
}

/**
 * Shrinks one failing run (issue 6 §5): replays its realised fault plan and workload, then
 * drops fault steps, shortens fault windows and lowers operation and client counts while the
 * same checker still fails. The phase heal-all at `chaosUs` is left to the runner, which always
 * adds it, so it is never a candidate for removal. Pure: runs simulations, writes nothing.
 */
export function shrinkRun(request: ShrinkRequest): ShrinkResult {
  const base = { scenario: request.scenario, seed: request.seed };
  const first = runScenario({ ...base, sets: request.sets, ...(request.faultsJson !== undefined ? { faultsJson: request.faultsJson } : {}) });
  if (!first.ok) return { kind: 'usage-error', error: first.error };
  const original = first.result.record;
  const target = targetOf(original);
  if (target === undefined) return { kind: 'passes', record: original };
  const prepared = prepareRun({ ...base, sets: request.sets });
  const chaosUs = prepared.kind === 'ready' ? prepared.run.build.phases.chaosUs : Number.NaN;
  const knobSpecs = shrinkableKnobs(request.scenario);
  const start: ShrinkCandidate = {
    steps: original.faultPlan.steps.filter((step) => !(step.fault.kind === 'heal-all' && step.atUs === chaosUs)) as ShrinkStep[],
    knobs: Object.fromEntries(knobSpecs.flatMap((spec) => (typeof original.options[spec.name] === 'number' ? [[spec.name, original.options[spec.name] as number]] : []))),
  };
  const runCandidate = (candidate: ShrinkCandidate): RunRecord | undefined => {
    const outcome = runScenario({ ...base, sets: candidateSets(request.sets, candidate.knobs), faultsJson: { steps: candidate.steps } });
    return outcome.ok ? outcome.result.record : undefined;
  };
  const replayed = runCandidate(start);
  if (replayed === undefined || !hitsTarget(replayed, target)) return { kind: 'not-reproducible', record: replayed ?? original, target };
  let attempts = 0;
  const outcome = shrink({
    start,
    fails: (candidate) => {
      const record = runCandidate(candidate);
      return record !== undefined && hitsTarget(record, target);
    },
    passes: [dropSteps, shortenWindows, lowerKnobs(knobSpecs), advanceSteps],
    attemptsMax: request.attemptsMax,
    onAttempt: (candidate, failed) => {
      attempts += 1;
      if (failed) request.onAccepted?.(candidate, attempts);
    },
  });
  const record = runCandidate(outcome.minimal) ?? replayed;
  return {
    kind: 'shrunk',
    original,
    target,
    start,
    minimal: outcome.minimal,
    record,
    sets: candidateSets(request.sets, changedKnobs(start.knobs, outcome.minimal.knobs)),
    attempts: outcome.attempts,
    budgetSpent: outcome.budgetSpent,
  };
}
