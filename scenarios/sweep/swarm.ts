import type { SeedResult } from './seed-result.ts';

/**
 * One line of the swarm table: among the seeds that drew `value` for `key`, how many ran and
 * how many failed. Swarm testing lets the seed choose which fault kinds are on; this table shows
 * which choices the failures cluster on.
 */
export interface SwarmRow {
  readonly key: string;
  /** The drawn value, or a numeric bucket such as '<= 1500' / '> 1500'. */
  readonly value: string;
  readonly seeds: number;
  readonly failing: number;
}

/** Text keys with more distinct values than this are left out (they would say nothing). */
export const SWARM_VALUES_MAX = 12;
/** Numeric keys with more distinct values than this are split at their median. */
export const SWARM_NUMBERS_MAX = 4;

/** Builds the swarm table from the `drawn` options of every seed, ordered by key then value. */
export function swarmTable(results: readonly SeedResult[]): SwarmRow[] {
  const byKey = new Map<string, { value: string | number | boolean; failing: boolean }[]>();
  for (const result of results) {
    for (const key of Object.keys(result.drawn).sort()) {
      const value = result.drawn[key];
      if (value === undefined) continue;
      const draws = byKey.get(key) ?? [];
      draws.push({ value, failing: result.verdict !== 'pass' });
      byKey.set(key, draws);
    }
  }
  const rows: SwarmRow[] = [];
  for (const key of [...byKey.keys()].sort()) {
    const draws = byKey.get(key) ?? [];
    rows.push(...(isListKey(draws) ? rowsOfList(key, draws) : rowsOfKey(key, draws)));
  }
  return rows;
}

type Draw = { value: string | number | boolean; failing: boolean };

/** A key whose values are comma-separated lists, such as the fault kinds a swarm nemesis drew. */
function isListKey(draws: readonly Draw[]): boolean {
  return draws.every((draw) => typeof draw.value === 'string') && draws.some((draw) => (draw.value as string).includes(','));
}

/** One yes/no split per list element: which seeds had 'partition' among their kinds, and so on. */
function rowsOfList(key: string, draws: readonly Draw[]): SwarmRow[] {
  const lists = draws.map((draw) => ({ items: (draw.value as string).split(',').filter((item) => item !== ''), failing: draw.failing }));
  const elements = [...new Set(lists.flatMap((list) => list.items))].sort(compareText);
  return elements.flatMap((element) =>
    [true, false].map((has) => {
      const matching = lists.filter((list) => list.items.includes(element) === has);
      return { key: `${key} has ${element}`, value: has ? 'yes' : 'no', seeds: matching.length, failing: matching.filter((list) => list.failing).length };
    }),
  );
}

function rowsOfKey(key: string, draws: readonly Draw[]): SwarmRow[] {
  const distinct = new Set(draws.map((draw) => draw.value));
  const numeric = draws.every((draw) => typeof draw.value === 'number');
  if (!numeric && distinct.size > SWARM_VALUES_MAX) return [];
  const split = numeric && distinct.size > SWARM_NUMBERS_MAX;
  const label = (value: string | number | boolean): string => {
    if (!split) return String(value);
    return (value as number) <= median ? `<= ${median}` : `> ${median}`;
  };
  const median = numeric ? medianOf(draws.map((draw) => draw.value as number)) : 0;
  const counts = new Map<string, { seeds: number; failing: number }>();
  for (const draw of draws) {
    const value = label(draw.value);
    const count = counts.get(value) ?? { seeds: 0, failing: 0 };
    count.seeds += 1;
    if (draw.failing) count.failing += 1;
    counts.set(value, count);
  }
  const values = [...counts.keys()].sort(numeric && !split ? (a, b) => Number(a) - Number(b) : compareText);
  return values.map((value) => ({ key, value, ...(counts.get(value) ?? { seeds: 0, failing: 0 }) }));
}

function medianOf(values: readonly number[]): number {
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? 0;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
