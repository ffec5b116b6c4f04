import type { RunRecord } from '../../sim/run-record.ts';

/** What a seed's run came to, named after the exit codes of DESIGN.md §10. */
export type SeedVerdict = 'pass' | 'safety' | 'liveness' | 'unknown' | 'crashed';

/** All verdicts, in the order summaries list them. */
export const SEED_VERDICTS: readonly SeedVerdict[] = ['pass', 'safety', 'liveness', 'unknown', 'crashed'];

export type ExitCode = 0 | 1 | 2 | 3 | 4;

const VERDICT_BY_EXIT: Readonly<Record<ExitCode, SeedVerdict>> = { 0: 'pass', 1: 'safety', 2: 'liveness', 3: 'unknown', 4: 'crashed' };

/** The verdict a run's exit code stands for. */
export function verdictOfExitCode(exitCode: ExitCode): SeedVerdict {
  return VERDICT_BY_EXIT[exitCode];
}

/** How many of `pending` a seed result keeps: enough to name the stuck operations. */
export const PENDING_KEPT_MAX = 20;

/**
 * One seed of a sweep, small enough to send from a worker and to keep for millions of seeds.
 * Every field but `wallMs` and `reportPath` is a function of scenario, settings and seed, so
 * results compare equal across worker counts, shards and machines; those two (a real duration and
 * a location on disk) are kept out of every comparison.
 */
export interface SeedResult {
  readonly seed: number;
  readonly verdict: SeedVerdict;
  readonly exitCode: ExitCode;
  readonly traceHash: string;
  readonly events: number;
  readonly simulatedUs: number;
  /** Operations invoked by the clients. */
  readonly operations: number;
  /** Steps of the realised fault plan. */
  readonly faultSteps: number;
  /** Checkers whose verdict was false or unknown, in the run's order. */
  readonly failedCheckers: readonly string[];
  /** For a liveness failure: what was still pending (at most PENDING_KEPT_MAX entries). */
  readonly pending: readonly string[];
  /** For a crash of the simulation itself: the assertion message. */
  readonly error?: string;
  /** What the seed chose (swarm testing). */
  readonly drawn: Readonly<Record<string, string | number | boolean>>;
  readonly replayCommand: string;
  /** The failing seed's report, relative to the summary's folder, when one was written. */
  readonly reportPath?: string;
  /** Real time the run took in its worker: for "slowest seeds" only, never compared. */
  readonly wallMs: number;
}

/** Operations the clients invoked in a run. */
export function operationCount(record: RunRecord): number {
  return record.history.filter((event) => event.type === 'invoke').length;
}

/** Condenses a run record into the result a sweep keeps. */
export function seedResultOf(record: RunRecord, extra: { wallMs: number; reportPath?: string }): SeedResult {
  const failedCheckers = record.checks.filter((check) => check.valid !== true).map((check) => check.checker);
  return {
    seed: record.seed,
    verdict: verdictOfExitCode(record.exitCode),
    exitCode: record.exitCode,
    traceHash: record.traceHash,
    events: record.events,
    simulatedUs: record.simulatedUs,
    operations: operationCount(record),
    faultSteps: record.faultPlan.steps.length,
    failedCheckers,
    pending: record.stop.pending.slice(0, PENDING_KEPT_MAX),
    ...(record.stop.error !== undefined ? { error: record.stop.error } : {}),
    drawn: record.drawn,
    replayCommand: record.replayCommand,
    ...(extra.reportPath !== undefined ? { reportPath: extra.reportPath } : {}),
    wallMs: extra.wallMs,
  };
}

/** A seed result without wall time and report location: what must agree between any two runs. */
export type ComparableSeedResult = Omit<SeedResult, 'wallMs' | 'reportPath'>;

/** Drops the fields allowed to differ between runs of the same seed. */
export function comparableSeedResult(result: SeedResult): ComparableSeedResult {
  const { wallMs: _wallMs, reportPath: _reportPath, ...rest } = result;
  return rest;
}

/**
 * The result of a seed whose worker thread died while running it (out of memory, or simulated
 * code that ended the thread): a crash of the simulation (exit 4), with the replay command that
 * reproduces it in one process, where the failure shows with its stack.
 */
export function lostSeedResult(o: { seed: number; message: string; replayCommand: string }): SeedResult {
  return {
    seed: o.seed,
    verdict: 'crashed',
    exitCode: 4,
    traceHash: '',
    events: 0,
    simulatedUs: 0,
    operations: 0,
    faultSteps: 0,
    failedCheckers: [],
    pending: [],
    error: `the sweep worker died running this seed: ${o.message}`,
    drawn: {},
    replayCommand: o.replayCommand,
    wallMs: 0,
  };
}
