import { join, relative } from 'node:path';
import type { RunRecord } from '../../sim/run-record.ts';
import { findScenario } from '../registry.ts';
import { writeRunArtifacts } from '../report-writer.ts';
import { runScenario } from '../runner.ts';
import { seedResultOf } from './seed-result.ts';
import type { SeedResult } from './seed-result.ts';
import { wallClockMs } from './wall-clock.ts';

/** What every seed of a sweep shares: plain data, sent once to each worker thread. */
export interface SeedTaskConfig {
  readonly scenario: string;
  readonly sets: readonly { readonly key: string; readonly text: string }[];
  /** A fault plan every seed replays instead of the scenario's own faults. */
  readonly faultsJson?: unknown;
  readonly faultsPath?: string;
  /** The sweep's folder, where each failing seed's run output is written; absent: none. */
  readonly outDir?: string;
  /** False (`--no-report`): a failing seed's folder gets no report.html, only its other files. */
  readonly report?: boolean;
}

/**
 * Runs one seed of a sweep and condenses its record. The sweep validated the options before it
 * started, so a usage error here is a bug and throws (the pool names the seed).
 */
export function sweepSeedTask(configJson: unknown, seed: number): SeedResult {
  const config = configJson as SeedTaskConfig;
  const scenario = findScenario(config.scenario);
  if (scenario === undefined) throw new Error(`unknown scenario ${config.scenario}`);
  const startMs = wallClockMs();
  const outcome = runScenario({
    scenario,
    seed,
    sets: config.sets,
    ...(config.faultsJson !== undefined ? { faultsJson: config.faultsJson } : {}),
    ...(config.faultsPath !== undefined ? { faultsPath: config.faultsPath } : {}),
  });
  if (!outcome.ok) throw new Error(outcome.error);
  const wallMs = wallClockMs() - startMs;
  const { record } = outcome.result;
  const reportPath = record.exitCode === 0 || config.outDir === undefined ? undefined : writeSeedArtifacts({ outDir: config.outDir, record, report: config.report ?? true });
  return seedResultOf(record, { wallMs, ...(reportPath !== undefined ? { reportPath } : {}) });
}

/**
 * Writes a failing seed's run output (record, realised plan, report) into `seed-N/` of the sweep
 * folder and returns the report's path relative to that folder, as summary.json stores it
 * (undefined when no report was written).
 */
function writeSeedArtifacts(o: { outDir: string; record: RunRecord; report: boolean }): string | undefined {
  const { reportPath } = writeRunArtifacts({ dir: join(o.outDir, `seed-${o.record.seed}`), record: o.record, report: o.report });
  return reportPath === undefined ? undefined : relative(o.outDir, reportPath).split('\\').join('/');
}
