import { SEED_VERDICTS, comparableSeedResult } from './seed-result.ts';
import type { ComparableSeedResult, ExitCode, SeedResult, SeedVerdict } from './seed-result.ts';
import type { SeedRange } from './seed-range.ts';
import { swarmTable } from './swarm.ts';
import type { SwarmRow } from './swarm.ts';

/** The format tag of summary.json, so `merge` can refuse files it does not understand. */
export const SUMMARY_FORMAT = 'faultline-sweep-summary/1';

/** What defines a sweep apart from its seeds: shards of one sweep must agree on all of it. */
export interface SweepSettings {
  readonly scenario: string;
  readonly range: SeedRange;
  /** The `--set key=value` overrides, in the order given. */
  readonly sets: readonly string[];
  /** The `--faults` file every seed replays, if any. */
  readonly faultsFile?: string;
}

/** Why a sweep (or one shard of it) ended before running all its seeds. */
export interface SweepStop {
  readonly shard: number;
  readonly reason: 'failures' | 'time-budget';
  readonly seedsNotRun: number;
}

/** summary.json: one sweep, one shard of it, or several shards merged. */
export interface SweepSummary extends SweepSettings {
  readonly format: typeof SUMMARY_FORMAT;
  /** The N of `--shard I/N` (1 for an unsharded sweep). */
  readonly shardCount: number;
  /** The shard indices this summary covers, ascending; all of 1..shardCount when complete. */
  readonly shards: readonly number[];
  /** Seeds the covered shards were to run. */
  readonly seedsPlanned: number;
  /** One result per seed run, ascending by seed. */
  readonly results: readonly SeedResult[];
  readonly counts: Readonly<Record<SeedVerdict, number>>;
  /** The sweep's exit code: the most severe of its seeds (crash, safety, liveness, unknown). */
  readonly exitCode: ExitCode;
  readonly stops: readonly SweepStop[];
  readonly swarm: readonly SwarmRow[];
  /** Real time of the sweep (the longest shard, once merged): never compared. */
  readonly wallMs: number;
}

/** Exit codes from most to least severe: a crash of our code hides everything else. */
const SEVERITY: readonly ExitCode[] = [4, 1, 2, 3, 0];

/** The most severe exit code among `codes` (0 for none). */
export function worstExitCode(codes: readonly ExitCode[]): ExitCode {
  return SEVERITY.find((code) => codes.includes(code)) ?? 0;
}

/** Counts results per verdict, every verdict present. */
export function countVerdicts(results: readonly SeedResult[]): Record<SeedVerdict, number> {
  const counts = Object.fromEntries(SEED_VERDICTS.map((verdict) => [verdict, 0])) as Record<SeedVerdict, number>;
  for (const result of results) counts[result.verdict] += 1;
  return counts;
}

/** Builds a summary from the results of the covered shards; results may arrive in any order. */
export function buildSummary(o: {
  settings: SweepSettings;
  shardCount: number;
  shards: readonly number[];
  seedsPlanned: number;
  results: readonly SeedResult[];
  stops: readonly SweepStop[];
  wallMs: number;
}): SweepSummary {
  const results = o.results.slice().sort((a, b) => a.seed - b.seed);
  for (let i = 1; i < results.length; i++) {
    if (results[i]?.seed === results[i - 1]?.seed) throw new Error(`seed ${results[i]?.seed} appears twice in one summary`);
  }
  return {
    format: SUMMARY_FORMAT,
    scenario: o.settings.scenario,
    range: o.settings.range,
    sets: o.settings.sets,
    ...(o.settings.faultsFile !== undefined ? { faultsFile: o.settings.faultsFile } : {}),
    shardCount: o.shardCount,
    shards: o.shards.slice().sort((a, b) => a - b),
    seedsPlanned: o.seedsPlanned,
    results,
    counts: countVerdicts(results),
    exitCode: worstExitCode(results.map((result) => result.exitCode)),
    stops: o.stops.slice().sort((a, b) => a.shard - b.shard),
    swarm: swarmTable(results),
    wallMs: o.wallMs,
  };
}

/** Whether the summary covers every shard of its sweep. */
export function isComplete(summary: SweepSummary): boolean {
  return summary.shards.length === summary.shardCount;
}

/** The part of a summary that any two runs of the same sweep agree on, however it was split. */
export interface ComparableSummary {
  readonly scenario: string;
  readonly range: SeedRange;
  readonly sets: readonly string[];
  readonly faultsFile: string | undefined;
  readonly complete: boolean;
  readonly seedsPlanned: number;
  readonly results: readonly ComparableSeedResult[];
  readonly counts: Readonly<Record<SeedVerdict, number>>;
  readonly exitCode: ExitCode;
  readonly stopped: boolean;
  readonly swarm: readonly SwarmRow[];
}

/**
 * Drops wall times, report locations and how the sweep was split, so a full sweep and the merge
 * of its shards compare equal with a deep equality.
 */
export function comparableSummary(summary: SweepSummary): ComparableSummary {
  return {
    scenario: summary.scenario,
    range: summary.range,
    sets: summary.sets,
    faultsFile: summary.faultsFile,
    complete: isComplete(summary),
    seedsPlanned: summary.seedsPlanned,
    results: summary.results.map(comparableSeedResult),
    counts: summary.counts,
    exitCode: summary.exitCode,
    stopped: summary.stops.length > 0,
    swarm: summary.swarm,
  };
}
