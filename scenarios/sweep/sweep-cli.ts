import { availableParallelism } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { renderSummaryPage } from '../../reports/summary-page.ts';
import { parseArgs } from '../cli/args.ts';
import { findScenario, scenarios } from '../registry.ts';
import { describeError, prepareRun } from '../runner.ts';
import { shrinkCommand } from '../shrink/shrink-command.ts';
import { mergeSummaries, parseSummary } from './merge.ts';
import { readJsonFile, writeJsonFile, writeTextFile } from './output-files.ts';
import { WORKERS_MAX } from './pool.ts';
import { ProgressDisplay } from './progress.ts';
import type { SeedRange } from './seed-range.ts';
import type { SeedTaskConfig } from './seed-task.ts';
import { WHOLE } from './shard.ts';
import type { Shard } from './shard.ts';
import { extractSweepFlags, isSweepCommand } from './sweep-args.ts';
import type { SweepFlags } from './sweep-args.ts';
import { runSweep } from './sweep.ts';
import type { SweepSummary } from './summary.ts';
import { summaryText } from './summary-text.ts';
import { wallClockMs } from './wall-clock.ts';

/** Where the sweep commands talk: stdout for results, stderr for progress under --json and errors. */
export interface SweepIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Whether stdout is a terminal (progress bar) or a pipe/log (plain lines). */
  readonly isTTY: boolean;
  readonly columns: number;
}

const USAGE_ERROR = 64;
const EXIT_CRASH = 4;

/**
 * The sweep side of `npm run scenario` (issue 6): `NAME --seeds A..B [--workers N] [--shard I/N]
 * [--stop-after-failures K] [--time-budget S]`, `NAME --seed N --shrink`, and `merge DIR...`.
 * Returns the exit code, or undefined when the command line is a plain run for the runner's CLI.
 */
export async function sweepCli(argv: readonly string[], io: SweepIo): Promise<number | undefined> {
  try {
    return await sweepOrShrink(argv, io);
  } catch (error) {
    io.err(`faultline crashed: ${describeError(error).replace(/\s+/g, ' ')}\n`);
    return EXIT_CRASH;
  }
}

async function sweepOrShrink(argv: readonly string[], io: SweepIo): Promise<number | undefined> {
  if (argv[0] === 'merge') return mergeCli(argv.slice(1), io);
  const extracted = extractSweepFlags(argv);
  if (!extracted.ok) return usageError(io, extracted.error);
  if (!isSweepCommand(extracted.flags)) return undefined;
  const parsed = parseArgs(extracted.rest);
  if (!parsed.ok) return usageError(io, parsed.error);
  if (parsed.command.kind !== 'run') return usageError(io, '--seeds and --shrink need a scenario name, e.g. npm run scenario -- kv-partition --seeds 1..200');
  const command = parsed.command;
  const scenario = findScenario(command.scenario);
  if (scenario === undefined) return usageError(io, `unknown scenario '${command.scenario}'; known: ${scenarios.map((s) => s.name).join(', ')}`);
  let faultsJson: unknown;
  if (command.faultsPath !== undefined) {
    const read = readJsonFile(command.faultsPath, 'fault plan');
    if (!read.ok) return usageError(io, read.error);
    faultsJson = read.json;
  }
  const firstSeed = extracted.flags.seeds?.first ?? command.seed ?? 0;
  const preparation = prepareRun({ scenario, seed: firstSeed, sets: command.sets, ...(faultsJson !== undefined ? { faultsJson } : {}), ...(command.faultsPath !== undefined ? { faultsPath: command.faultsPath } : {}) });
  if (preparation.kind === 'usage-error') return usageError(io, preparation.error);
  const outGiven = extracted.rest.some((arg) => arg === '--out' || arg.startsWith('--out='));
  if (extracted.flags.shrink) {
    return shrinkCommand({ scenario, seed: command.seed ?? firstSeed, sets: command.sets, faultsJson, faultsPath: command.faultsPath, outDir: outGiven ? command.outDir : join(command.outDir, scenario.name, `seed-${command.seed ?? firstSeed}`, 'shrink'), attemptsMax: extracted.flags.shrinkAttempts, json: command.json, io });
  }
  const range = extracted.flags.seeds as SeedRange;
  const shard = extracted.flags.shard ?? WHOLE;
  const outDir = outGiven ? command.outDir : join(command.outDir, scenario.name, sweepFolder(range, shard));
  const config: SeedTaskConfig = {
    scenario: scenario.name,
    sets: command.sets,
    ...(faultsJson !== undefined ? { faultsJson } : {}),
    ...(command.faultsPath !== undefined ? { faultsPath: command.faultsPath } : {}),
    outDir: resolve(outDir),
  };
  const summary = await sweepWithProgress({ flags: extracted.flags, range, shard, config, json: command.json, io });
  return writeAndReport(summary, outDir, command.json, io);
}

function sweepFolder(range: SeedRange, shard: Shard): string {
  const base = `sweep-${range.first}-${range.last}`;
  return shard.count === 1 ? base : `${base}-shard-${shard.index}-of-${shard.count}`;
}

async function sweepWithProgress(o: { flags: SweepFlags; range: SeedRange; shard: Shard; config: SeedTaskConfig; json: boolean; io: SweepIo }): Promise<SweepSummary> {
  const progressToStdout = !o.json;
  const display = new ProgressDisplay(
    { isTTY: progressToStdout && o.io.isTTY, columns: o.io.columns, write: progressToStdout ? o.io.out : o.io.err },
    { nowMs: wallClockMs },
  );
  const workers = o.flags.workers ?? Math.min(WORKERS_MAX, availableParallelism());
  const summary = await runSweep({
    settings: { scenario: o.config.scenario, range: o.range, sets: o.config.sets.map((set) => `${set.key}=${set.text}`), ...(o.config.faultsPath !== undefined ? { faultsFile: o.config.faultsPath } : {}) },
    shard: o.shard,
    workers,
    task: { moduleUrl: new URL('./seed-task.ts', import.meta.url).href, exportName: 'sweepSeedTask', config: o.config },
    ...(o.flags.stopAfterFailures !== undefined ? { stopAfterFailures: o.flags.stopAfterFailures } : {}),
    ...(o.flags.timeBudgetS !== undefined ? { timeBudgetMs: o.flags.timeBudgetS * 1000 } : {}),
    nowMs: wallClockMs,
    onProgress: (state) => display.update(state),
  });
  display.finish();
  return summary;
}

function writeAndReport(summary: SweepSummary, outDir: string, json: boolean, io: SweepIo): number {
  const files = { json: join(outDir, 'summary.json'), html: join(outDir, 'summary.html') };
  writeJsonFile(files.json, summary);
  writeTextFile(files.html, renderSummaryPage(summary));
  io.out(json ? `${JSON.stringify(summary)}\n` : summaryText(summary, files));
  return summary.exitCode;
}

/** `merge DIR... [--out DIR] [--json]`: joins shard summaries into one summary and page. */
function mergeCli(args: readonly string[], io: SweepIo): number {
  const dirs: string[] = [];
  let outDir: string | undefined;
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--json') json = true;
    else if (arg === '--out' || arg.startsWith('--out=')) outDir = arg === '--out' ? args[++i] : arg.slice('--out='.length);
    else if (arg.startsWith('--')) return usageError(io, `merge takes folders, --out DIR and --json, not ${arg}: npm run scenario -- merge DIR... [--out DIR]`);
    else dirs.push(arg);
  }
  if (outDir === undefined || outDir === '') {
    if (args.some((arg) => arg === '--out' || arg.startsWith('--out='))) return usageError(io, '--out needs a folder, e.g. --out out/merged');
  }
  if (dirs.length === 0) return usageError(io, 'merge needs the shard folders: npm run scenario -- merge out/kv-partition/sweep-1-200-shard-1-of-3 ...');
  const inputs: { summary: SweepSummary; relocate: (p: string) => string }[] = [];
  for (const dir of dirs) {
    const path = join(dir, 'summary.json');
    const read = readJsonFile(path, 'summary');
    if (!read.ok) return usageError(io, read.error);
    const parsed = parseSummary(read.json, path);
    if (!parsed.ok) return usageError(io, parsed.error);
    inputs.push({ summary: parsed.summary, relocate: (p) => p });
  }
  const first = inputs[0]?.summary as SweepSummary;
  const target = outDir ?? join('out', first.scenario, `merged-${first.range.first}-${first.range.last}`);
  const relocated = inputs.map((input, i) => ({ summary: input.summary, relocate: (p: string) => relative(target, join(dirs[i] as string, p)).split('\\').join('/') }));
  const merged = mergeSummaries(relocated);
  if (!merged.ok) return usageError(io, merged.error);
  return writeAndReport(merged.summary, target, json, io);
}

function usageError(io: SweepIo, message: string): number {
  io.err(`error: ${message}\n`);
  return USAGE_ERROR;
}
