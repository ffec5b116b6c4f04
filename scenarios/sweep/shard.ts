import type { SeedRange } from './seed-range.ts';

/**
 * One share of a sweep: shard `index` of `count` (1-based, as on the command line) runs exactly
 * the seeds with `seed mod count = index - 1`. Shards need no coordinator, so a CI matrix, a
 * Kubernetes indexed Job or GNU parallel can each run one and `merge` joins their summaries.
 */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** The whole sweep as a single shard. */
export const WHOLE: Shard = { index: 1, count: 1 };

/** The most shards a sweep may be split into. */
export const SHARDS_MAX = 100_000;

/** Parses `I/N` with 1 <= I <= N; the error text says how to fix it. */
export function parseShard(text: string): { ok: true; shard: Shard } | { ok: false; error: string } {
  const match = /^(\d{1,6})\/(\d{1,6})$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (match === null || index < 1 || count < 1 || index > count || count > SHARDS_MAX) {
    return { ok: false, error: `expected --shard I/N with 1 <= I <= N <= ${SHARDS_MAX} (e.g. --shard 2/3), got "${text}"` };
  }
  return { ok: true, shard: { index, count } };
}

/** Formats a shard the way `parseShard` reads it. */
export function formatShard(shard: Shard): string {
  return `${shard.index}/${shard.count}`;
}

/** Whether `seed` belongs to `shard`. */
export function inShard(seed: number, shard: Shard): boolean {
  return seed % shard.count === shard.index - 1;
}

/** The seeds of `range` that belong to `shard`, ascending. */
export function shardSeeds(range: SeedRange, shard: Shard): number[] {
  const seeds: number[] = [];
  const offset = (((shard.index - 1 - range.first) % shard.count) + shard.count) % shard.count;
  for (let seed = range.first + offset; seed <= range.last; seed += shard.count) seeds.push(seed);
  return seeds;
}
