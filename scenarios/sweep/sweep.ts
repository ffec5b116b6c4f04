import { replayCommand } from '../replay-command.ts';
import { runInProcess, runOnWorkers } from './pool.ts';
import type { SeedLoopOutcome } from './pool.ts';
import { lostSeedResult } from './seed-result.ts';
import type { SeedResult } from './seed-result.ts';
import { shardSeeds } from './shard.ts';
import type { Shard } from './shard.ts';
import { buildSummary, countVerdicts } from './summary.ts';
import type { SweepSettings, SweepStop, SweepSummary } from './summary.ts';
import type { WorkerTask } from './worker-protocol.ts';
import type { ProgressState } from './progress.ts';

/** How to run one sweep (or one shard of it). */
export interface SweepOptions {
  readonly settings: SweepSettings;
  readonly shard: Shard;
  /** Worker threads; 0 runs every seed in this thread. */
  readonly workers: number;
  /** The task that turns a seed into a SeedResult (see seed-task.ts). */
  readonly task: WorkerTask;
  /** Stop handing out seeds once this many have failed (any verdict but pass). */
  readonly stopAfterFailures?: number;
  /** Stop handing out seeds once this much real time has passed. */
  readonly timeBudgetMs?: number;
  /** The real clock, for the budget, progress and the summary's wall time only. */
  readonly nowMs: () => number;
  readonly onProgress?: (state: ProgressState) => void;
}

/**
 * Runs the shard's seeds and summarises them. Results do not depend on the number of workers;
 * only which seeds ran can, when a failure or time bound stops the sweep early.
 */
export async function runSweep(o: SweepOptions): Promise<SweepSummary> {
  const seeds = shardSeeds(o.settings.range, o.shard);
  const startMs = o.nowMs();
  const done: SeedResult[] = [];
  let failures = 0;
  let stopReason: SweepStop['reason'] | undefined;
  const shouldContinue = (): boolean => {
    if (o.stopAfterFailures !== undefined && failures >= o.stopAfterFailures) stopReason = 'failures';
    else if (o.timeBudgetMs !== undefined && o.nowMs() - startMs >= o.timeBudgetMs) stopReason = 'time-budget';
    return stopReason === undefined;
  };
  const onResult = (result: SeedResult): void => {
    done.push(result);
    if (result.verdict !== 'pass') failures += 1;
    o.onProgress?.({ done: done.length, total: seeds.length, counts: countVerdicts(done), elapsedMs: o.nowMs() - startMs });
  };
  o.onProgress?.({ done: 0, total: seeds.length, counts: countVerdicts([]), elapsedMs: 0 });
  const loop = { task: o.task, seeds, shouldContinue, onResult };
  const onLost = (seed: number, message: string): SeedResult => lostSeedResult({ seed, message, replayCommand: replayCommandOf(o.settings, seed) });
  const outcome: SeedLoopOutcome<SeedResult> = o.workers === 0 ? await runInProcess(loop) : await runOnWorkers({ ...loop, workers: o.workers, onLost });
  const stops: SweepStop[] =
    outcome.notRun.length > 0 && stopReason !== undefined ? [{ shard: o.shard.index, reason: stopReason, seedsNotRun: outcome.notRun.length }] : [];
  return buildSummary({
    settings: o.settings,
    shardCount: o.shard.count,
    shards: [o.shard.index],
    seedsPlanned: seeds.length,
    results: outcome.results,
    stops,
    wallMs: o.nowMs() - startMs,
  });
}

/** The command that replays one seed of the sweep (the runner's format, from the sweep settings). */
function replayCommandOf(settings: SweepSettings, seed: number): string {
  const sets = settings.sets.map((text) => ({ key: text.slice(0, text.indexOf('=')), text: text.slice(text.indexOf('=') + 1) }));
  return replayCommand({ scenario: { name: settings.scenario }, seed, sets, ...(settings.faultsFile !== undefined ? { faultsPath: settings.faultsFile } : {}) });
}
