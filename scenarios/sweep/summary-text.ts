import { formatDuration, formatCounts } from './progress.ts';
import { formatSeedRange } from './seed-range.ts';
import type { SweepSummary } from './summary.ts';

/** Failing seeds printed in full; the rest are in summary.json and on the page. */
export const FAILING_PRINTED_MAX = 20;
export const SLOWEST_PRINTED = 5;

const VERDICT_WORDS: Readonly<Record<number, string>> = { 0: 'every seed passed', 1: 'a safety check failed', 2: 'liveness failed', 3: 'a check ended unknown', 4: 'the simulation crashed' };

/**
 * The text a sweep ends with: counts per verdict and the exit code, failing seeds with their
 * replay commands, the slowest seeds, where the files are, and what the swarm draws suggest.
 */
export function summaryText(summary: SweepSummary, files: { json: string; html: string }): string {
  const lines: string[] = [];
  const shards = summary.shardCount === 1 ? '' : ` (shard${summary.shards.length === 1 ? '' : 's'} ${summary.shards.join(',')} of ${summary.shardCount})`;
  lines.push(`sweep ${summary.scenario} seeds ${formatSeedRange(summary.range)}${shards}: ${summary.results.length}/${summary.seedsPlanned} seeds run in ${formatDuration(summary.wallMs)}`);
  lines.push(`  ${formatCounts(summary.counts)}`);
  for (const stop of summary.stops) {
    lines.push(`  shard ${stop.shard} stopped early by ${stop.reason === 'failures' ? '--stop-after-failures' : '--time-budget'}: ${stop.seedsNotRun} seeds not run`);
  }
  const failing = summary.results.filter((r) => r.verdict !== 'pass');
  if (failing.length > 0) {
    lines.push(`failing seeds (${failing.length}):`);
    for (const r of failing.slice(0, FAILING_PRINTED_MAX)) {
      const what = r.failedCheckers.length > 0 ? r.failedCheckers.join(', ') : (r.error ?? r.verdict);
      lines.push(`  seed ${r.seed}  ${r.verdict}  ${what}`);
      lines.push(`    ${r.replayCommand}`);
    }
    if (failing.length > FAILING_PRINTED_MAX) lines.push(`  … and ${failing.length - FAILING_PRINTED_MAX} more in ${files.json}`);
    lines.push(`  shrink one: ${failing[0]?.replayCommand ?? ''} --shrink`);
  }
  const slowest = summary.results.slice().sort((a, b) => b.wallMs - a.wallMs || a.seed - b.seed).slice(0, SLOWEST_PRINTED);
  if (slowest.length > 1) lines.push(`slowest seeds: ${slowest.map((r) => `${r.seed} (${(r.wallMs / 1000).toFixed(2)} s)`).join(', ')}`);
  const telling = summary.swarm.filter((row) => row.seeds > 0 && failing.length > 0 && row.failing / row.seeds >= (2 * failing.length) / Math.max(1, summary.results.length) && row.failing >= 2);
  if (telling.length > 0) lines.push(`swarm: failures cluster on ${telling.slice(0, 5).map((row) => `${row.key}=${row.value} (${row.failing}/${row.seeds})`).join(', ')}`);
  lines.push(`summary: ${files.json}`);
  lines.push(`page:    ${files.html}`);
  lines.push(`exit ${summary.exitCode}: ${VERDICT_WORDS[summary.exitCode] ?? ''}`);
  return `${lines.join('\n')}\n`;
}
