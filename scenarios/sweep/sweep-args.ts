import { parseSeedRange } from './seed-range.ts';
import type { SeedRange } from './seed-range.ts';
import { parseShard } from './shard.ts';
import type { Shard } from './shard.ts';
import { WORKERS_MAX } from './pool.ts';

/**
 * The flags that turn one run into a sweep or a shrink (DESIGN.md §10, issue 6). They are taken
 * out of the command line before the runner's parser sees the rest, so single runs keep their
 * own parser and messages.
 */
export interface SweepFlags {
  readonly seeds?: SeedRange;
  readonly workers?: number;
  readonly shard?: Shard;
  readonly stopAfterFailures?: number;
  readonly timeBudgetS?: number;
  readonly shrink: boolean;
  readonly shrinkAttempts?: number;
}

/** The most shrink variants a user may ask to run. */
export const SHRINK_ATTEMPTS_MAX = 100_000;

type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

function positiveInt(flag: string, text: string, max: number): Parsed<number> {
  const value = /^\d{1,9}$/.test(text) ? Number(text) : Number.NaN;
  if (Number.isInteger(value) && value >= 1 && value <= max) return { ok: true, value };
  return { ok: false, error: `--${flag} expects an integer in 1..${max}, got '${text}'` };
}

const VALUE_FLAGS: Readonly<Record<string, (text: string) => Parsed<Partial<SweepFlags>>>> = {
  seeds: (text) => {
    const parsed = parseSeedRange(text);
    return parsed.ok ? { ok: true, value: { seeds: parsed.range } } : parsed;
  },
  shard: (text) => {
    const parsed = parseShard(text);
    return parsed.ok ? { ok: true, value: { shard: parsed.shard } } : parsed;
  },
  workers: (text) => {
    const parsed = /^0$/.test(text) ? ({ ok: true, value: 0 } as const) : positiveInt('workers', text, WORKERS_MAX);
    return parsed.ok ? { ok: true, value: { workers: parsed.value } } : parsed;
  },
  'stop-after-failures': (text) => {
    const parsed = positiveInt('stop-after-failures', text, 1_000_000_000);
    return parsed.ok ? { ok: true, value: { stopAfterFailures: parsed.value } } : parsed;
  },
  'time-budget': (text) => {
    const parsed = positiveInt('time-budget', text, 10_000_000);
    return parsed.ok ? { ok: true, value: { timeBudgetS: parsed.value } } : { ok: false, error: `${parsed.error} (seconds)` };
  },
  'shrink-attempts': (text) => {
    const parsed = positiveInt('shrink-attempts', text, SHRINK_ATTEMPTS_MAX);
    return parsed.ok ? { ok: true, value: { shrinkAttempts: parsed.value } } : parsed;
  },
};

/**
 * Takes the sweep and shrink flags out of `argv` (`--flag value` or `--flag=value`) and returns
 * them with the remaining arguments. Flags that only make sense in a sweep are refused without
 * `--seeds`, and `--seeds` with `--seed` or `--shrink`, with a message that says what to do.
 */
export function extractSweepFlags(argv: readonly string[]): { ok: true; flags: SweepFlags; rest: string[] } | { ok: false; error: string } {
  let flags: SweepFlags = { shrink: false };
  const rest: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    const name = match?.[1];
    if (name === 'shrink') {
      if (match?.[2] !== undefined) return { ok: false, error: `--shrink takes no value (got '${match[2]}'); write --shrink` };
      flags = { ...flags, shrink: true };
      continue;
    }
    const parse = name === undefined ? undefined : VALUE_FLAGS[name];
    if (parse === undefined || name === undefined) {
      rest.push(arg);
      continue;
    }
    if (seen.has(name)) return { ok: false, error: `--${name} given twice; give it once` };
    seen.add(name);
    const text = match?.[2] ?? argv[++i];
    if (text === undefined || text.startsWith('--')) return { ok: false, error: `--${name} needs a value, e.g. ${EXAMPLES[name] ?? `--${name} 1`}` };
    const parsed = parse(text);
    if (!parsed.ok) return parsed;
    flags = { ...flags, ...parsed.value };
  }
  const conflict = conflictOf(flags, rest);
  return conflict === undefined ? { ok: true, flags, rest } : { ok: false, error: conflict };
}

const EXAMPLES: Readonly<Record<string, string>> = {
  seeds: '--seeds 1..200',
  shard: '--shard 2/3',
  workers: '--workers 2',
  'stop-after-failures': '--stop-after-failures 5',
  'time-budget': '--time-budget 600',
  'shrink-attempts': '--shrink-attempts 300',
};

function conflictOf(flags: SweepFlags, rest: readonly string[]): string | undefined {
  const hasSeed = rest.some((arg) => arg === '--seed' || arg.startsWith('--seed='));
  if (flags.seeds !== undefined && hasSeed) return 'give either --seed N (one run) or --seeds A..B (a sweep), not both';
  if (flags.seeds !== undefined && flags.shrink) return '--shrink works on one seed: run the sweep, then shrink a failing seed with --seed N --shrink';
  if (flags.shrink && !hasSeed) return '--shrink needs the failing seed: --seed N --shrink';
  if (flags.seeds === undefined) {
    const sweepOnly = ([['workers', flags.workers], ['shard', flags.shard], ['stop-after-failures', flags.stopAfterFailures], ['time-budget', flags.timeBudgetS]] as const).find(([, v]) => v !== undefined);
    if (sweepOnly !== undefined) return `--${sweepOnly[0]} belongs to a sweep: add --seeds A..B`;
  }
  if (!flags.shrink && flags.shrinkAttempts !== undefined) return '--shrink-attempts goes with --shrink';
  return undefined;
}

/** Whether the command line asks for a sweep, a shrink or a merge (handled by sweep-cli.ts). */
export function isSweepCommand(flags: SweepFlags): boolean {
  return flags.seeds !== undefined || flags.shrink;
}
