import { parseSeed } from '../../sim/rng.ts';
import { parseWithYargs } from './yargs-parse.ts';

/**
 * The command line of `npm run scenario` (DESIGN.md §10), parsed into a plain command. Parsing
 * never exits and never prints: bad input comes back as a one-line error for the CLI to print
 * with exit 64. Sweeps (`--seeds`, `--workers`, `--shard`, …) and `--shrink` are taken out of the
 * command line by the sweep CLI (scenarios/sweep/) before this parser sees it.
 */

/** One `--set key=value`, split but not yet checked against the scenario's options. */
export interface SetArg {
  readonly key: string;
  readonly text: string;
}

export type CliCommand =
  | { readonly kind: 'help'; readonly text: string }
  | { readonly kind: 'list' }
  | {
      readonly kind: 'run';
      readonly scenario: string;
      /** Undefined when the user gave none: the CLI picks one and says so. */
      readonly seed: number | undefined;
      readonly sets: readonly SetArg[];
      readonly faultsPath: string | undefined;
      readonly json: boolean;
      readonly checkDeterminism: boolean;
      readonly outDir: string;
      /** False with `--no-report`: the run writes no report.html (its other files still). */
      readonly report: boolean;
    };

export const USAGE = 'npm run scenario -- NAME [--seed N] [--set key=value]... [--faults plan.json] [--json] [--check-determinism] [--out DIR] [--no-report] | list';

export const DEFAULT_OUT_DIR = 'out';

export function parseArgs(argv: readonly string[]): { ok: true; command: CliCommand } | { ok: false; error: string } {
  const outcome = parseWithYargs({
    argv,
    scriptName: 'npm run scenario --',
    usage: USAGE,
    declare: (parser) =>
      parser
        .command('list', 'list the scenarios and their options')
        .command('$0 <name>', 'run a scenario for one seed')
        .option('seed', { type: 'string', describe: 'the seed to run (a non-negative integer); default: one picked and printed' })
        .option('set', { type: 'string', array: true, describe: 'override a scenario option: --set key=value (repeatable)' })
        .option('faults', { type: 'string', describe: 'replay this fault plan JSON instead of the scenario\'s own faults' })
        .option('json', { type: 'boolean', default: false, describe: 'print one JSON object instead of text' })
        .option('check-determinism', { type: 'boolean', default: false, describe: 'run the seed twice and compare the traces' })
        .option('out', { type: 'string', default: DEFAULT_OUT_DIR, describe: 'folder for run.json, faults.json and the report' })
        .option('report', { type: 'boolean', default: true, describe: 'write report.html; --no-report skips it (run.json, faults.json and the history are still written)' })
        .epilog('Sweeps (many seeds) and shrinking: NAME --seeds A..B [--workers N] [--shard I/N] [--stop-after-failures K] [--time-budget S]; NAME --seed N --shrink; merge DIR...'),
  });
  if (outcome.kind === 'help') return { ok: true, command: { kind: 'help', text: outcome.text } };
  if (outcome.kind === 'error') return { ok: false, error: outcome.error };
  const { parsed } = outcome;
  const ignored = ignoredInput(argv, parsed);
  if (ignored !== undefined) return { ok: false, error: ignored };
  const positional = parsed._.map(String);
  const name = typeof parsed['name'] === 'string' ? parsed['name'] : positional[0];
  if (name === 'list' || positional[0] === 'list') return { ok: true, command: { kind: 'list' } };
  if (name === undefined) return { ok: false, error: `no scenario named; usage: ${USAGE}` };
  return runCommand(name, parsed);
}

function runCommand(scenario: string, parsed: Record<string, unknown>): { ok: true; command: CliCommand } | { ok: false; error: string } {
  const single = (flag: string): string | undefined | { error: string } => {
    const value = parsed[flag];
    if (Array.isArray(value)) return { error: `--${flag} given ${value.length} times; give it once` };
    return typeof value === 'string' ? value : undefined;
  };
  const seedText = single('seed');
  const faultsPath = single('faults');
  const outDir = single('out');
  for (const v of [seedText, faultsPath, outDir]) if (typeof v === 'object') return { ok: false, error: v.error };
  let seed: number | undefined;
  if (typeof seedText === 'string') {
    seed = parseSeed(seedText);
    if (seed === undefined) return { ok: false, error: `malformed seed '${seedText}': give a non-negative integer, e.g. --seed 42` };
  }
  const sets: SetArg[] = [];
  for (const text of (parsed['set'] as string[] | undefined) ?? []) {
    const eq = text.indexOf('=');
    if (eq <= 0) return { ok: false, error: `malformed --set '${text}': write --set key=value, e.g. --set ping.nodes=3` };
    sets.push({ key: text.slice(0, eq), text: text.slice(eq + 1) });
  }
  if (typeof faultsPath === 'string' && faultsPath === '') return { ok: false, error: '--faults needs a file name, e.g. --faults out/ping/seed-42/faults.json' };
  return {
    ok: true,
    command: {
      kind: 'run',
      scenario,
      seed,
      sets,
      faultsPath: typeof faultsPath === 'string' ? faultsPath : undefined,
      json: parsed['json'] === true,
      checkDeterminism: parsed['check-determinism'] === true,
      outDir: typeof outDir === 'string' ? outDir : DEFAULT_OUT_DIR,
      report: parsed['report'] !== false,
    },
  };
}

/** Input yargs would accept but drop: a boolean flag given a non-boolean value, an empty --set. */
function ignoredInput(argv: readonly string[], parsed: Record<string, unknown>): string | undefined {
  for (const arg of argv) {
    const m = /^--(json|check-determinism|help|report)=(.*)$/.exec(arg);
    if (m !== null && m[2] !== 'true' && m[2] !== 'false') return `--${m[1]} takes no value (got '${m[2]}'); write --${m[1]} or leave it out`;
  }
  const setsGiven = argv.filter((arg) => arg === '--set' || arg.startsWith('--set=')).length;
  const sets = (parsed['set'] as unknown[] | undefined) ?? [];
  if (sets.length < setsGiven) return '--set needs key=value, e.g. --set ping.nodes=3';
  return undefined;
}
