import { scaleLinear, scaleLog } from 'd3-scale';
import type { Operation } from '../sim/history.ts';
import type { FaultWindow, MessageCounts } from '../sim/run-record.ts';
import { escapeHtml } from './escape.ts';
import { formatCount, formatRatio, formatUs } from './format.ts';
import { faultColor } from './palette.ts';

/**
 * Time buckets of the strip: up to 120 (enough to see a partition's effect, few enough to stay
 * light), fewer for small histories so each bucket holds several operations.
 */
const BUCKETS_MAX = 120;
const BUCKETS_MIN = 12;
const OPS_PER_BUCKET = 8;
const GAP_BRIDGED_BUCKETS = 2;
const WIDTH = 1000;
const MARGIN_LEFT = 64;
const MARGIN_RIGHT = 12;
const LATENCY_HEIGHT = 150;
const THROUGHPUT_HEIGHT = 90;

const QUANTILES = [
  { name: 'p50', q: 0.5, className: 'q50' },
  { name: 'p95', q: 0.95, className: 'q95' },
  { name: 'p99', q: 0.99, className: 'q99' },
] as const;

interface Bucket {
  readonly latenciesUs: number[];
  ok: number;
  fail: number;
  info: number;
}

/**
 * The performance strip: latency quantiles of completed operations over simulated time,
 * throughput by outcome, the run's fault windows shaded behind both, and message counts. Drawn
 * here as static SVG (d3-scale for the axes), so it costs the page nothing at load.
 */
export function perfStripSection(input: {
  readonly operations: readonly Operation[];
  readonly faultWindows: readonly FaultWindow[];
  readonly faultKinds: readonly string[];
  readonly messages: MessageCounts | undefined;
  readonly endUs: number;
}): string {
  const endUs = Math.max(1, input.endUs);
  const bucketCount = Math.max(BUCKETS_MIN, Math.min(BUCKETS_MAX, Math.ceil(input.operations.length / OPS_PER_BUCKET)));
  const bucketUs = endUs / bucketCount;
  const buckets: Bucket[] = Array.from({ length: bucketCount }, () => ({ latenciesUs: [], ok: 0, fail: 0, info: 0 }));
  const bucketAt = (us: number): Bucket => buckets[Math.min(bucketCount - 1, Math.max(0, Math.floor(us / bucketUs)))] as Bucket;
  for (const op of input.operations) {
    if (op.completeUs === undefined) {
      bucketAt(op.invokeUs).info++;
      continue;
    }
    const bucket = bucketAt(op.completeUs);
    bucket[op.outcome]++;
    bucket.latenciesUs.push(op.completeUs - op.invokeUs);
  }
  const x = scaleLinear().domain([0, endUs]).range([MARGIN_LEFT, WIDTH - MARGIN_RIGHT]);
  if (input.operations.length === 0) {
    return `<section id="performance" class="perf"><h2>Performance</h2><p class="muted">No client operations in this run, so no latency or throughput.</p>${messageTable(input.messages, 0)}</section>`;
  }
  const latency = latencyChart(buckets, bucketUs, x, input);
  const throughput = throughputChart(buckets, bucketUs, x, input);
  return `<section id="performance" class="perf"><h2>Performance</h2>
<p class="muted">Latency of completed operations (by completion time) and throughput, in ${bucketCount} buckets of ${escapeHtml(formatUs(Math.round(bucketUs)))}; fault windows shaded as on the timeline. The outlined box is the timeline's view; click a chart to move the timeline there.</p>
${latency}${throughput}${messageTable(input.messages, input.operations.length)}</section>`;
}

type TimeScale = (us: number) => number;

function faultBands(input: { readonly faultWindows: readonly FaultWindow[]; readonly faultKinds: readonly string[]; readonly endUs: number }, x: TimeScale, height: number): string {
  return input.faultWindows
    .map((w) => {
      const x0 = x(w.startUs);
      const x1 = x(w.endUs ?? input.endUs);
      return `<rect class="fault-band" x="${r(x0)}" y="0" width="${r(Math.max(1, x1 - x0))}" height="${height}" fill="${faultColor(input.faultKinds.indexOf(w.kind))}"><title>${escapeHtml(w.label)}</title></rect>`;
    })
    .join('');
}

function timeAxis(x: ReturnType<typeof scaleLinear<number, number>>, y: number): string {
  const ticks = x.ticks(10).map((t) => `<g transform="translate(${r(x(t))},${y})"><line y2="4"/><text y="15" text-anchor="middle">${escapeHtml(formatUs(t))}</text></g>`);
  return `<g class="axis"><line x1="${MARGIN_LEFT}" x2="${WIDTH - MARGIN_RIGHT}" y1="${y}" y2="${y}"/>${ticks.join('')}</g>`;
}

function latencyChart(buckets: readonly Bucket[], bucketUs: number, x: ReturnType<typeof scaleLinear<number, number>>, input: Parameters<typeof perfStripSection>[0]): string {
  const plotBottom = LATENCY_HEIGHT - 22;
  let maxUs = 1;
  for (const b of buckets) for (const l of b.latenciesUs) if (l > maxUs) maxUs = l;
  const y = scaleLog().domain([1, maxUs * 1.2]).range([plotBottom, 8]).clamp(true);
  const grid = y
    .ticks()
    .filter((t) => Number.isInteger(Math.log10(t)))
    .map((t) => `<g transform="translate(0,${r(y(t))})"><line class="grid" x1="${MARGIN_LEFT}" x2="${WIDTH - MARGIN_RIGHT}"/><text x="${MARGIN_LEFT - 6}" dy="3" text-anchor="end">${escapeHtml(formatUs(t))}</text></g>`);
  const sorted = buckets.map((b) => [...b.latenciesUs].sort((a, c) => a - c));
  const lines = QUANTILES.map(({ q, className }) => {
    // A bucket or two without completions is bridged; a longer silence breaks the line.
    const segments: string[] = [];
    let lastIndex = Number.NEGATIVE_INFINITY;
    sorted.forEach((values, i) => {
      if (values.length === 0) return;
      const value = values[Math.min(values.length - 1, Math.floor(q * values.length))] as number;
      segments.push(`${i - lastIndex <= GAP_BRIDGED_BUCKETS + 1 ? 'L' : 'M'}${r(x((i + 0.5) * bucketUs))},${r(y(Math.max(1, value)))}`);
      lastIndex = i;
    });
    return `<path class="quantile ${className}" d="${segments.join('')}"/>`;
  });
  const maxDots = sorted
    .map((values, i) => (values.length === 0 ? '' : `<circle class="qmax" r="1.6" cx="${r(x((i + 0.5) * bucketUs))}" cy="${r(y(Math.max(1, values[values.length - 1] as number)))}"/>`))
    .join('');
  const legend = [...QUANTILES.map((qq) => `<span class="legend-line ${qq.className}"></span>${qq.name}`), '<span class="legend-dot"></span>max'].join(' ');
  return `<figure class="chart"><figcaption>Latency (log scale) <span class="legend">${legend}</span></figcaption>${chartSvg({ height: LATENCY_HEIGHT, plotBottom, endUs: x.domain()[1] ?? 1, label: 'latency quantiles over time', content: `${faultBands(input, x, plotBottom)}<g class="axis y">${grid.join('')}</g>${lines.join('')}${maxDots}${timeAxis(x, plotBottom)}` })}</figure>`;
}

function throughputChart(buckets: readonly Bucket[], bucketUs: number, x: ReturnType<typeof scaleLinear<number, number>>, input: Parameters<typeof perfStripSection>[0]): string {
  const plotBottom = THROUGHPUT_HEIGHT - 22;
  const perSecond = 1_000_000 / bucketUs;
  let maxRate = 1;
  for (const b of buckets) maxRate = Math.max(maxRate, (b.ok + b.fail + b.info) * perSecond);
  const y = scaleLinear().domain([0, maxRate]).range([plotBottom, 6]).nice();
  const barWidth = Math.max(1, x(bucketUs) - x(0) - 1);
  const bars: string[] = [];
  buckets.forEach((b, i) => {
    let base = 0;
    for (const outcome of ['ok', 'fail', 'info'] as const) {
      const count = b[outcome];
      if (count === 0) continue;
      const top = base + count * perSecond;
      bars.push(`<rect class="bar ${outcome}" x="${r(x(i * bucketUs))}" y="${r(y(top))}" width="${r(barWidth)}" height="${r(y(base) - y(top))}"/>`);
      base = top;
    }
  });
  const grid = y.ticks(3).map((t) => `<g transform="translate(0,${r(y(t))})"><line class="grid" x1="${MARGIN_LEFT}" x2="${WIDTH - MARGIN_RIGHT}"/><text x="${MARGIN_LEFT - 6}" dy="3" text-anchor="end">${escapeHtml(formatCount(t))}/s</text></g>`);
  const legend = ['ok', 'fail', 'info'].map((o) => `<span class="legend-box ${o}"></span>${o}`).join(' ');
  return `<figure class="chart"><figcaption>Throughput (operations per simulated second) <span class="legend">${legend}</span></figcaption>${chartSvg({ height: THROUGHPUT_HEIGHT, plotBottom, endUs: x.domain()[1] ?? 1, label: 'throughput over time', content: `${faultBands(input, x, plotBottom)}<g class="axis y">${grid.join('')}</g>${bars.join('')}${timeAxis(x, plotBottom)}` })}</figure>`;
}

function messageTable(messages: MessageCounts | undefined, operations: number): string {
  if (messages === undefined) return '';
  const cells: [string, string][] = [
    ['sent', formatCount(messages.sent)],
    ['delivered', formatCount(messages.delivered)],
    ['dropped', formatCount(messages.dropped)],
    ['duplicated', formatCount(messages.duplicated)],
    ['corrupted', formatCount(messages.corrupted)],
    ['messages per operation', formatRatio(messages.sent, operations)],
  ];
  return `<dl class="messages">${cells.map(([k, v]) => `<div class="fact"><dt>${k}</dt><dd>${v}</dd></div>`).join('')}</dl>`;
}

/**
 * The chart's frame. The page's script reads `data-plot-*` to mark the timeline's current view on
 * the chart and to move the timeline to a time clicked here.
 */
function chartSvg(o: { height: number; plotBottom: number; endUs: number; label: string; content: string }): string {
  return `<svg class="perf-chart" viewBox="0 0 ${WIDTH} ${o.height}" role="img" aria-label="${o.label}" data-plot-left="${MARGIN_LEFT}" data-plot-right="${WIDTH - MARGIN_RIGHT}" data-plot-end-us="${o.endUs}">${o.content}<rect class="view-window" x="${MARGIN_LEFT}" y="0" width="${WIDTH - MARGIN_LEFT - MARGIN_RIGHT}" height="${o.plotBottom}"/></svg>`;
}

function r(n: number): string {
  return (Math.round(n * 10) / 10).toString();
}
