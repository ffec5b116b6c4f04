import type { PartEvidence } from '../sim/check/evidence.ts';
import type { Operation } from '../sim/history.ts';
import { escapeHtml } from './escape.ts';
import { formatCount } from './format.ts';
import { verdictBadge } from './html.ts';
import type { FailureView, LinearizabilityCheck } from './linearizability-view.ts';
import { operationsByKey, partOperationStats } from './part-stats.ts';

/** The index lists at most this many parts; the page says when it cut the list. */
export const PART_ROWS_MAX = 500;

interface PartRow {
  readonly checker: string;
  readonly part: PartEvidence;
  readonly operations: readonly Operation[];
  readonly failure: FailureView | undefined;
}

/**
 * One row per checked part (per key for keyed models): operations, maximum concurrency, info
 * count, verdict and the search's effort; failures first, then unknown, then the rest in the
 * checker's order. Each row links to the part's view on the timeline.
 */
export function partIndexSection(checks: readonly LinearizabilityCheck[], operations: readonly Operation[], failures: readonly FailureView[]): string {
  if (checks.length === 0) return '';
  const byKey = operationsByKey(operations);
  const rows: PartRow[] = [];
  for (const check of checks) {
    for (const part of check.evidence.parts) {
      const partOps = check.evidence.split && part.key !== undefined ? (byKey.get(part.key) ?? []) : operations;
      rows.push({ checker: check.checker, part, operations: partOps, failure: failures.find((f) => f.part === part) });
    }
  }
  const rank = (row: PartRow): number => (row.part.valid === false ? 0 : row.part.valid === 'unknown' ? 1 : 2);
  const ordered = rows.map((row, order) => ({ row, order })).sort((a, b) => rank(a.row) - rank(b.row) || a.order - b.order);
  const shown = ordered.slice(0, PART_ROWS_MAX);
  const showChecker = checks.length > 1;
  const hasTime = rows.some((row) => row.part.statistics.elapsedMs !== undefined);
  const head = `<tr>${showChecker ? '<th>checker</th>' : ''}<th>part</th><th class="num">operations</th><th class="num">max concurrency</th><th class="num">info</th><th>verdict</th><th class="num">configurations</th>${hasTime ? '<th class="num">check time</th>' : ''}<th></th></tr>`;
  const body = shown.map(({ row }) => partRow(row, showChecker, hasTime));
  const cut = ordered.length > shown.length ? `<p class="note">Showing the first ${PART_ROWS_MAX} of ${formatCount(ordered.length)} parts (failures first).</p>` : '';
  const dropped = checks.reduce((sum, c) => sum + c.evidence.droppedOperations, 0);
  const droppedNote = dropped > 0 ? `<p class="note">${formatCount(dropped)} operations needed no search (failed operations never took effect; reads with unknown outcome constrain nothing).</p>` : '';
  const timeNote = hasTime ? '<p class="muted">Check time is the wall-clock time of the search on the machine that ran it; it differs from run to run, everything else here does not.</p>' : '';
  return `<section id="parts" class="parts"><h2>Parts</h2><table class="part-index"><thead>${head}</thead><tbody>${body.join('')}</tbody></table>${cut}${droppedNote}${timeNote}</section>`;
}

function partRow(row: PartRow, showChecker: boolean, hasTime: boolean): string {
  const stats = partOperationStats(row.operations);
  const { part } = row;
  const target = row.failure !== undefined ? `#failure-${row.failure.number}` : part.key !== undefined ? `#key-${encodeURIComponent(part.key)}` : '#timeline';
  const linkText = row.failure !== undefined ? 'show failure' : 'show on timeline';
  const time = part.statistics.elapsedMs === undefined ? '—' : `${part.statistics.elapsedMs} ms`;
  return `<tr class="${part.valid === false ? 'row-fail' : part.valid === 'unknown' ? 'row-unknown' : ''}">${showChecker ? `<td>${escapeHtml(row.checker)}</td>` : ''}<td>${escapeHtml(part.label)}</td><td class="num">${formatCount(stats.operations)}</td><td class="num">${formatCount(stats.concurrencyMax)}</td><td class="num">${formatCount(stats.info)}</td><td>${verdictBadge(part.valid)}</td><td class="num">${formatCount(part.statistics.configurations)}</td>${hasTime ? `<td class="num">${escapeHtml(time)}</td>` : ''}<td><a href="${escapeHtml(target)}">${linkText}</a></td></tr>`;
}
