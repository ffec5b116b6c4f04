import { SUMMARY_FORMAT, buildSummary } from './summary.ts';
import type { SweepSummary } from './summary.ts';
import type { SeedResult } from './seed-result.ts';

/**
 * Merges summaries of shards of one sweep (same scenario, seed range, overrides, faults file and
 * shard count; no shard twice) into one summary, ordered by seed. The result equals the summary of
 * running the covered shards in one sweep, up to wall times and report locations. `relocate` maps
 * each input's report paths to the merged summary's folder.
 */
export function mergeSummaries(
  inputs: readonly { summary: SweepSummary; relocate: (reportPath: string) => string }[],
): { ok: true; summary: SweepSummary } | { ok: false; error: string } {
  const first = inputs[0]?.summary;
  if (first === undefined) return { ok: false, error: 'merge needs at least one summary folder: npm run scenario -- merge DIR...' };
  const seen = new Set<number>();
  for (const { summary } of inputs) {
    const mismatch = settingsMismatch(first, summary);
    if (mismatch !== undefined) return { ok: false, error: `cannot merge shards of different sweeps: ${mismatch}` };
    for (const shard of summary.shards) {
      if (seen.has(shard)) return { ok: false, error: `shard ${shard}/${first.shardCount} appears in two summaries; pass each shard's folder once` };
      seen.add(shard);
    }
  }
  const results: SeedResult[] = inputs.flatMap(({ summary, relocate }) =>
    summary.results.map((result) => (result.reportPath === undefined ? result : { ...result, reportPath: relocate(result.reportPath) })),
  );
  return {
    ok: true,
    summary: buildSummary({
      settings: first,
      shardCount: first.shardCount,
      shards: [...seen],
      seedsPlanned: inputs.reduce((sum, { summary }) => sum + summary.seedsPlanned, 0),
      results,
      stops: inputs.flatMap(({ summary }) => summary.stops),
      wallMs: Math.max(...inputs.map(({ summary }) => summary.wallMs)),
    }),
  };
}

function settingsMismatch(a: SweepSummary, b: SweepSummary): string | undefined {
  const fields: [string, unknown, unknown][] = [
    ['scenario', a.scenario, b.scenario],
    ['seed range', `${a.range.first}..${a.range.last}`, `${b.range.first}..${b.range.last}`],
    ['--set overrides', a.sets.join(' '), b.sets.join(' ')],
    ['--faults file', a.faultsFile ?? '(none)', b.faultsFile ?? '(none)'],
    ['shard count', a.shardCount, b.shardCount],
  ];
  const differing = fields.find(([, x, y]) => x !== y);
  return differing === undefined ? undefined : `${differing[0]} "${String(differing[1])}" vs "${String(differing[2])}"`;
}

/**
 * Checks that parsed JSON is a summary this version wrote; returns it or says what is wrong.
 * Deep checks of each seed stay light: the file is our own output, the check catches the wrong
 * file, not a forgery.
 */
export function parseSummary(json: unknown, source: string): { ok: true; summary: SweepSummary } | { ok: false; error: string } {
  if (typeof json !== 'object' || json === null || (json as { format?: unknown }).format !== SUMMARY_FORMAT) {
    return { ok: false, error: `${source} is not a faultline sweep summary (expected "format": "${SUMMARY_FORMAT}"); pass folders written by --seeds A..B --out DIR` };
  }
  const summary = json as SweepSummary;
  const wellFormed =
    typeof summary.scenario === 'string' &&
    Number.isInteger(summary.shardCount) &&
    Array.isArray(summary.shards) &&
    Array.isArray(summary.results) &&
    Array.isArray(summary.sets) &&
    Array.isArray(summary.stops) &&
    typeof summary.range === 'object' &&
    summary.results.every((result) => Number.isSafeInteger(result.seed) && typeof result.traceHash === 'string');
  return wellFormed ? { ok: true, summary } : { ok: false, error: `${source} is a damaged sweep summary; run that shard again` };
}
