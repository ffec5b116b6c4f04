import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from '../cli/args.ts';
import type { CliCommand } from '../cli/args.ts';
import { findScenario, scenarios } from '../registry.ts';
import { describeError, prepareRun } from '../runner.ts';
import type { AnyScenario } from '../scenario.ts';
import { shrinkCommand } from '../shrink/shrink-command.ts';
import { mergeCli } from './merge-cli.ts';
import { readJsonFile } from './output-files.ts';
import { WORKERS_MAX } from './pool.ts';
import { ProgressDisplay } from './progress.ts';
import type { SeedRange } from './seed-range.ts';
import type { SeedTaskConfig } from './seed-task.ts';
import { WHOLE } from './shard.ts';
import type { Shard } from './shard.ts';
import { extractSweepFlags, isSweepCommand } from './sweep-args.ts';
import type { SweepFlags } from './sweep-args.ts';
import { EXIT_CRASH, usageError, writeSummary } from './sweep-io.ts';
import type { SweepIo } from './sweep-io.ts';
import { runSweep } from './sweep.ts';
import { wallClockMs } from './wall-clock.ts';

export type { SweepIo } from './sweep-io.ts';

/** A sweep or shrink command line, checked: the scenario exists, the options and plan are valid. */
interface CheckedCommand {
  readonly flags: SweepFlags;
  readonly run: Extract<CliCommand, { kind: 'run' }>;
  readonly scenario: AnyScenario;
  readonly faultsJson: unknown;
  /** Whether the user chose the output folder (else one is derived under `out/`). */
  readonly outGiven: boolean;
}

/**
 * The sweep side of `npm run scenario` (issue 6): `NAME --seeds A..B [--workers N] [--shard I/N]
 * [--stop-after-failures K] [--time-budget S]`, `NAME --seed N --shrink`, and `merge DIR...`.
 * Returns the exit code, or undefined when the command line is a plain run for the runner's CLI.
 */
export async function sweepCli(argv: readonly string[], io: SweepIo): Promise<number | undefined> {
  try {
    if (argv[0] === 'merge') return mergeCli(argv.slice(1), io);
    const checked = checkCommand(argv);
    if (checked === undefined) return undefined;
    if (!checked.ok) return usageError(io, checked.error);
    return checked.command.flags.shrink ? shrink(checked.command, io) : await sweep(checked.command, io);
  } catch (error) {
    io.err(`faultline crashed: ${describeError(error).replace(/\s+/g, ' ')}\n`);
    return EXIT_CRASH;
  }
}

function checkCommand(argv: readonly string[]): { ok: true; command: CheckedCommand } | { ok: false; error: string } | undefined {
  const extracted = extractSweepFlags(argv);
  if (!extracted.ok) return extracted;
  if (!isSweepCommand(extracted.flags)) return undefined;
  const parsed = parseArgs(extracted.rest);
  if (!parsed.ok) return parsed;
  const run = parsed.command;
  if (run.kind !== 'run') return { ok: false, error: '--seeds and --shrink need a scenario name, e.g. npm run scenario -- kv-partition --seeds 1..200' };
  if (run.checkDeterminism) return { ok: false, error: '--check-determinism runs one seed twice: use it with --seed N, without --seeds or --shrink' };
  const scenario = findScenario(run.scenario);
  if (scenario === undefined) return { ok: false, error: `unknown scenario '${run.scenario}'; known: ${scenarios.map((s) => s.name).join(', ')}` };
  let faultsJson: unknown;
  if (run.faultsPath !== undefined) {
    const read = readJsonFile(run.faultsPath, 'fault plan');
    if (!read.ok) return read;
    faultsJson = read.json;
  }
  const seed = extracted.flags.seeds?.first ?? run.seed ?? 0;
  const preparation = prepareRun({ scenario, seed, sets: run.sets, ...(faultsJson !== undefined ? { faultsJson } : {}), ...(run.faultsPath !== undefined ? { faultsPath: run.faultsPath } : {}) });
  if (preparation.kind === 'usage-error') return { ok: false, error: preparation.error };
  const outGiven = extracted.rest.some((arg) => arg === '--out' || arg.startsWith('--out='));
  return { ok: true, command: { flags: extracted.flags, run, scenario, faultsJson, outGiven } };
}

function shrink(c: CheckedCommand, io: SweepIo): number {
  const seed = c.run.seed ?? 0;
  const outDir = c.outGiven ? c.run.outDir : join(c.run.outDir, c.scenario.name, `seed-${seed}`, 'shrink');
  return shrinkCommand({ scenario: c.scenario, seed, sets: c.run.sets, faultsJson: c.faultsJson, faultsPath: c.run.faultsPath, outDir, report: c.run.report, attemptsMax: c.flags.shrinkAttempts, json: c.run.json, io });
}

function sweepFolder(range: SeedRange, shard: Shard): string {
  const base = `sweep-${range.first}-${range.last}`;
  return shard.count === 1 ? base : `${base}-shard-${shard.index}-of-${shard.count}`;
}

async function sweep(c: CheckedCommand, io: SweepIo): Promise<number> {
  const range = c.flags.seeds as SeedRange;
  const shard = c.flags.shard ?? WHOLE;
  const outDir = c.outGiven ? c.run.outDir : join(c.run.outDir, c.scenario.name, sweepFolder(range, shard));
  const config: SeedTaskConfig = {
    scenario: c.scenario.name,
    sets: c.run.sets,
    ...(c.faultsJson !== undefined ? { faultsJson: c.faultsJson } : {}),
    ...(c.run.faultsPath !== undefined ? { faultsPath: c.run.faultsPath } : {}),
    outDir: resolve(outDir),
    report: c.run.report,
  };
  // Under --json stdout carries only the summary object, so progress goes to stderr as lines.
  const display = new ProgressDisplay({ isTTY: !c.run.json && io.isTTY, columns: io.columns, write: c.run.json ? io.err : io.out }, { nowMs: wallClockMs });
  const summary = await runSweep({
    settings: { scenario: c.scenario.name, range, sets: c.run.sets.map((set) => `${set.key}=${set.text}`), ...(c.run.faultsPath !== undefined ? { faultsFile: c.run.faultsPath } : {}) },
    shard,
    workers: c.flags.workers ?? Math.min(WORKERS_MAX, availableParallelism()),
    task: { moduleUrl: new URL('./seed-task.ts', import.meta.url).href, exportName: 'sweepSeedTask', config },
    ...(c.flags.stopAfterFailures !== undefined ? { stopAfterFailures: c.flags.stopAfterFailures } : {}),
    ...(c.flags.timeBudgetS !== undefined ? { timeBudgetMs: c.flags.timeBudgetS * 1000 } : {}),
    nowMs: wallClockMs,
    onProgress: (state) => display.update(state),
  });
  display.finish();
  return writeSummary(summary, outDir, c.run.json, io);
}
