import { parseSeed } from '../../sim/rng.ts';

/** An inclusive range of seeds, as given by `--seeds A..B`. */
export interface SeedRange {
  readonly first: number;
  readonly last: number;
}

/** The most seeds one sweep may name: a limit on the loop that lists them. */
export const SEEDS_MAX = 10_000_000;

/**
 * Parses `A..B` (both inclusive) or a single seed `A`. Returns an error text that says how to fix
 * the input, for the CLI to print with exit 64.
 */
export function parseSeedRange(text: string): { ok: true; range: SeedRange } | { ok: false; error: string } {
  const match = /^(\d+)(?:\.\.(\d+))?$/.exec(text.trim());
  const usage = `expected --seeds A..B with non-negative integers A <= B (e.g. --seeds 1..200), got "${text}"`;
  if (match === null) return { ok: false, error: usage };
  const first = parseSeed(match[1] ?? '');
  const last = match[2] === undefined ? first : parseSeed(match[2]);
  if (first === undefined || last === undefined || last < first) return { ok: false, error: usage };
  if (last - first + 1 > SEEDS_MAX) {
    return { ok: false, error: `--seeds ${text} names ${last - first + 1} seeds; at most ${SEEDS_MAX} per sweep — split it with --shard I/N` };
  }
  return { ok: true, range: { first, last } };
}

/** Formats a range the way `parseSeedRange` reads it. */
export function formatSeedRange(range: SeedRange): string {
  return range.first === range.last ? String(range.first) : `${range.first}..${range.last}`;
}
