import { escapeHtml } from './escape.ts';
import { formatCount, formatUs } from './format.ts';

/**
 * The sweep summary page: counts per verdict, every failing seed with a link to its report and
 * its replay command, the swarm table and the slowest seeds. A pure renderer: the data in (the
 * shape of summary.json, declared here because reports/ imports nothing from scenarios/), one
 * self-contained HTML string out. Everything printed from the data is escaped.
 */

export interface SummaryPageSeed {
  readonly seed: number;
  readonly verdict: string;
  readonly exitCode: number;
  readonly traceHash: string;
  readonly events: number;
  readonly simulatedUs: number;
  readonly operations: number;
  readonly faultSteps: number;
  readonly failedCheckers: readonly string[];
  readonly pending: readonly string[];
  readonly error?: string;
  readonly replayCommand: string;
  readonly reportPath?: string;
  readonly wallMs: number;
}

export interface SummaryPageData {
  readonly scenario: string;
  readonly range: { readonly first: number; readonly last: number };
  readonly sets: readonly string[];
  readonly faultsFile?: string;
  readonly shardCount: number;
  readonly shards: readonly number[];
  readonly seedsPlanned: number;
  readonly results: readonly SummaryPageSeed[];
  readonly counts: Readonly<Record<string, number>>;
  readonly exitCode: number;
  readonly stops: readonly { readonly shard: number; readonly reason: string; readonly seedsNotRun: number }[];
  readonly swarm: readonly { readonly key: string; readonly value: string; readonly seeds: number; readonly failing: number }[];
  readonly wallMs: number;
}

/** Rows of the all-seeds table; summary.json keeps every seed, the page stays light. */
export const SEED_ROWS_MAX = 2_000;
/** How many of the slowest seeds the page lists. */
export const SLOWEST_SHOWN = 10;

const CSS = `
body { margin:0; font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif; color:#1d2430; background:#f6f7f9; }
main { max-width:1300px; margin:0 auto; padding:20px 24px 60px; }
h1 { font-size:22px; margin:0 0 10px; word-break:break-all; } h2 { font-size:16px; margin:0 0 8px; }
section { background:#fff; border:1px solid #d9dee6; border-radius:8px; padding:14px 16px; margin:0 0 16px; }
table { border-collapse:collapse; } th, td { text-align:left; padding:3px 8px; border-bottom:1px solid #d9dee6; vertical-align:top; }
th { font-weight:600; color:#5d6776; font-size:12px; } td.num { text-align:right; font-variant-numeric:tabular-nums; }
code { font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace; font-size:12.5px; word-break:break-all; }
.badge { display:inline-block; padding:1px 8px; border-radius:10px; font-size:12px; font-weight:700; text-transform:uppercase; color:#fff; background:#5d6776; }
.badge.pass { background:#23874f; } .badge.safety, .badge.crashed { background:#d1323a; } .badge.liveness { background:#8a74c4; } .badge.unknown { background:#b7791f; }
.muted { color:#5d6776; } .note { background:#fff8e1; border-left:3px solid #f0b429; padding:6px 10px; margin:8px 0 0; }
`;

function badge(verdict: string): string {
  return `<span class="badge ${escapeHtml(verdict)}">${escapeHtml(verdict)}</span>`;
}

function num(n: number): string {
  return `<td class="num">${escapeHtml(formatCount(n))}</td>`;
}

/** Only relative paths become links, so an edited summary.json cannot smuggle a javascript: URL. */
function reportLink(path: string | undefined): string {
  if (path === undefined) return '<span class="muted">—</span>';
  if (/^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith('//')) return `<code>${escapeHtml(path)}</code>`;
  return `<a href="${escapeHtml(path.split('/').map(encodeURIComponent).join('/'))}">report</a>`;
}

function seedsText(data: SummaryPageData): string {
  const range = data.range.first === data.range.last ? `${data.range.first}` : `${data.range.first}..${data.range.last}`;
  const shards = data.shardCount === 1 ? '' : `, shards ${data.shards.join(', ')} of ${data.shardCount}`;
  return `seeds ${range}${shards}`;
}

function overviewSection(data: SummaryPageData, overall: string): string {
  const facts: [string, string][] = [
    ['scenario', data.scenario],
    ['seeds', seedsText(data)],
    ['run', `${data.results.length} of ${data.seedsPlanned}`],
    ['exit code', `${data.exitCode} (${overall})`],
    ['overrides', data.sets.length === 0 ? 'none' : data.sets.join(' ')],
    ...(data.faultsFile !== undefined ? ([['fault plan', data.faultsFile]] as [string, string][]) : []),
    ['wall time', `${(data.wallMs / 1000).toFixed(1)} s`],
  ];
  const counts = Object.keys(data.counts)
    .map((verdict) => `<tr><td>${badge(verdict)}</td>${num(data.counts[verdict] ?? 0)}</tr>`)
    .join('');
  const stops = data.stops
    .map((stop) => `<p class="note">Shard ${stop.shard} stopped early (${escapeHtml(stop.reason === 'failures' ? '--stop-after-failures' : '--time-budget')}): ${formatCount(stop.seedsNotRun)} seeds not run.</p>`)
    .join('');
  return `<section><h2>Overview</h2><table>${facts.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>
<h2 style="margin-top:12px">Seeds by verdict</h2><table><tr><th>verdict</th><th>seeds</th></tr>${counts}</table>${stops}</section>`;
}

function failingSection(failing: readonly SummaryPageSeed[]): string {
  if (failing.length === 0) return '<section><h2>Failing seeds</h2><p>None: every seed passed.</p></section>';
  const rows = failing
    .map((r) => {
      const why = [...r.failedCheckers, ...(r.error !== undefined ? [r.error] : []), ...r.pending.slice(0, 3).map((p) => `pending: ${p}`)];
      return `<tr><td class="num">${r.seed}</td><td>${badge(r.verdict)}</td><td>${why.map((w) => escapeHtml(w)).join('<br>')}</td>${num(r.operations)}${num(r.faultSteps)}<td>${reportLink(r.reportPath)}</td><td><code>${escapeHtml(r.replayCommand)}</code></td></tr>`;
    })
    .join('\n');
  return `<section><h2>Failing seeds (${formatCount(failing.length)})</h2><table><tr><th>seed</th><th>verdict</th><th>what failed</th><th>ops</th><th>fault steps</th><th>report</th><th>replay</th></tr>
${rows}</table></section>`;
}

function swarmSection(data: SummaryPageData): string {
  if (data.swarm.length === 0) return '';
  const rows = data.swarm
    .map((row) => `<tr><td><code>${escapeHtml(row.key)}</code></td><td><code>${escapeHtml(row.value)}</code></td>${num(row.seeds)}${num(row.failing)}<td class="num">${row.seeds === 0 ? '—' : `${Math.round((100 * row.failing) / row.seeds)}%`}</td></tr>`)
    .join('\n');
  return `<section><h2>Swarm: what the seeds drew</h2><p class="muted">Which drawn options the failures cluster on.</p><table><tr><th>option</th><th>value</th><th>seeds</th><th>failing</th><th>failure rate</th></tr>
${rows}</table></section>`;
}

function slowestSection(results: readonly SummaryPageSeed[]): string {
  const slowest = results.slice().sort((a, b) => b.wallMs - a.wallMs || a.seed - b.seed).slice(0, SLOWEST_SHOWN);
  if (slowest.length === 0) return '';
  const rows = slowest.map((r) => `<tr><td class="num">${r.seed}</td><td class="num">${(r.wallMs / 1000).toFixed(2)} s</td>${num(r.events)}<td>${escapeHtml(formatUs(r.simulatedUs))}</td></tr>`).join('');
  return `<section><h2>Slowest seeds (real time)</h2><table><tr><th>seed</th><th>wall</th><th>events</th><th>simulated</th></tr>${rows}</table></section>`;
}

function allSeedsSection(results: readonly SummaryPageSeed[]): string {
  const shown = results.slice(0, SEED_ROWS_MAX);
  const rows = shown
    .map((r) => `<tr><td class="num">${r.seed}</td><td>${badge(r.verdict)}</td><td><code>${escapeHtml(r.traceHash)}</code></td>${num(r.events)}<td>${escapeHtml(formatUs(r.simulatedUs))}</td>${num(r.operations)}${num(r.faultSteps)}</tr>`)
    .join('\n');
  const more = results.length > shown.length ? `<p class="note">${formatCount(results.length - shown.length)} more seeds are in summary.json.</p>` : '';
  return `<section><h2>All seeds</h2><table><tr><th>seed</th><th>verdict</th><th>trace hash</th><th>events</th><th>simulated</th><th>ops</th><th>fault steps</th></tr>
${rows}</table>${more}</section>`;
}

/** Renders the summary page of a sweep (or of merged shards). */
export function renderSummaryPage(data: SummaryPageData): string {
  const failing = data.results.filter((r) => r.verdict !== 'pass');
  const overall = data.results.find((r) => r.exitCode === data.exitCode && r.verdict !== 'pass')?.verdict ?? 'pass';
  const title = `${data.scenario}: ${seedsText(data)}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`faultline sweep — ${title}`)}</title><style>${CSS}</style></head>
<body><main>
<h1>Sweep ${escapeHtml(title)} ${badge(overall)}</h1>
${overviewSection(data, overall)}
${failingSection(failing)}
${swarmSection(data)}
${slowestSection(data.results)}
${allSeedsSection(data.results)}
</main></body></html>
`;
}
