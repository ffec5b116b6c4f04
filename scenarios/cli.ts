import { readFileSync } from 'node:fs';
import { parseArgs } from './cli/args.ts';
import type { CliCommand } from './cli/args.ts';
import { runText } from './cli/output.ts';
import { oneLine } from './cli/yargs-parse.ts';
import { checkDeterminism } from './determinism.ts';
import type { DeterminismVerdict } from './determinism.ts';
import { describeOption } from './options.ts';
import { findScenario, scenarios } from './registry.ts';
import { runDir, writeRunArtifacts } from './report-writer.ts';
import type { RunArtifactPaths } from './report-writer.ts';
import { describeError, executeRun, prepareRun } from './runner.ts';
import type { RunResult } from './runner.ts';
import { sweepCli } from './sweep/sweep-cli.ts';

/**
 * `npm run scenario -- …` (DESIGN.md §10): for a single run, the place that reads the fault plan,
 * has the run's files written (report-writer.ts) and looks at the wall clock (to pick a seed when
 * none is given); sweeps, merges and shrinks are the sweep CLI's (scenarios/sweep/). Everything
 * else is the pure runner. Bad input ends here with one line on stderr and exit 64, never a stack
 * trace.
 */

const EXIT_USAGE = 64;
const EXIT_CRASH = 4;

type RunCommand = Extract<CliCommand, { kind: 'run' }>;

/** A failure the user can fix: printed as one line, exit 64. */
class UsageError extends Error {}

function main(argv: readonly string[]): number {
  const parsed = parseArgs(argv);
  if (!parsed.ok) throw new UsageError(parsed.error);
  const command = parsed.command;
  if (command.kind === 'help') {
    print(command.text);
    return 0;
  }
  if (command.kind === 'list') {
    print(listText());
    return 0;
  }
  return run(command);
}

function listText(): string {
  const lines: string[] = [];
  for (const scenario of scenarios) {
    lines.push(`${scenario.name}: ${scenario.description}`);
    for (const [key, spec] of Object.entries(scenario.options)) lines.push(`    --set ${describeOption(key, spec)}`);
  }
  return lines.join('\n');
}

function run(command: RunCommand): number {
  const scenario = findScenario(command.scenario);
  if (scenario === undefined) {
    throw new UsageError(`unknown scenario '${command.scenario}'; known: ${scenarios.map((s) => s.name).join(', ')} (see npm run scenario -- list)`);
  }
  // No seed given: pick one from the wall clock, and say so, so the run can be replayed.
  const seed = command.seed ?? Date.now() % 1_000_000;
  const seedNote = command.seed === undefined ? `none given: picked ${seed}; replay with --seed ${seed}` : undefined;
  const preparation = prepareRun({
    scenario,
    seed,
    sets: command.sets,
    ...(command.faultsPath !== undefined ? { faultsJson: readFaults(command.faultsPath), faultsPath: command.faultsPath } : {}),
  });
  if (preparation.kind === 'usage-error') throw new UsageError(preparation.error);
  let result: RunResult;
  let determinism: DeterminismVerdict | undefined;
  if (preparation.kind === 'crashed') {
    result = { record: preparation.record, simulation: undefined };
  } else if (command.checkDeterminism) {
    ({ result, determinism } = checkDeterminism(preparation.run));
  } else {
    result = executeRun(preparation.run);
  }
  const { record } = result;
  const paths = writeOutput(command, record);
  const exitCode = determinism !== undefined && !determinism.deterministic ? EXIT_CRASH : record.exitCode;
  if (command.json) {
    print(JSON.stringify({ ...record, ...paths, ...(determinism !== undefined ? { determinism } : {}) }));
  } else {
    print(runText({ record, seedNote, paths, determinism, exitCode }).join('\n'));
  }
  return exitCode;
}

function readFaults(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : describeError(error);
    throw new UsageError(`cannot read --faults file '${path}': ${why}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(`--faults file '${path}' is not valid JSON: ${(error as Error).message}`);
  }
}

function writeOutput(command: RunCommand, record: Parameters<typeof writeRunArtifacts>[0]['record']): RunArtifactPaths {
  const dir = runDir({ outDir: command.outDir, record, replayed: command.faultsPath !== undefined });
  try {
    return writeRunArtifacts({ dir, record, report: command.report });
  } catch (error) {
    throw new UsageError(`cannot write the run's output to '${dir}': ${(error as Error).message}; choose another folder with --out DIR`);
  }
}

function print(text: string): void {
  process.stdout.write(`${text}\n`);
}

// Sweeps, shards, merge and --shrink are answered by the sweep CLI; it returns undefined for a plain run.
const sweepExit = await sweepCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  isTTY: process.stdout.isTTY === true,
  columns: process.stdout.columns ?? 80,
});
if (sweepExit !== undefined) {
  process.exitCode = sweepExit;
} else {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`error: ${oneLine(error.message)}\n`);
      process.exitCode = EXIT_USAGE;
    } else {
      process.stderr.write(`faultline crashed: ${oneLine(describeError(error))}\n`);
      process.exitCode = EXIT_CRASH;
    }
  }
}
