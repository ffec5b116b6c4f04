import { describe, expect, it } from 'vitest';
import { SEED_ROWS_MAX, renderSummaryPage } from '../../reports/summary-page.ts';
import type { SummaryPageData, SummaryPageSeed } from '../../reports/summary-page.ts';

const seed = (n: number, over: Partial<SummaryPageSeed> = {}): SummaryPageSeed => ({
  seed: n,
  verdict: 'pass',
  exitCode: 0,
  traceHash: `hash${n}`,
  events: 1000 + n,
  simulatedUs: 2_000_000,
  operations: 40,
  faultSteps: 6,
  failedCheckers: [],
  pending: [],
  replayCommand: `npm run scenario -- kv-partition --seed ${n}`,
  wallMs: n,
  ...over,
});

const data = (results: SummaryPageSeed[], over: Partial<SummaryPageData> = {}): SummaryPageData => ({
  scenario: 'kv-partition',
  range: { first: 1, last: results.length },
  sets: [],
  shardCount: 1,
  shards: [1],
  seedsPlanned: results.length,
  results,
  counts: { pass: results.filter((r) => r.verdict === 'pass').length, safety: results.filter((r) => r.verdict === 'safety').length },
  exitCode: results.some((r) => r.verdict === 'safety') ? 1 : 0,
  stops: [],
  swarm: [{ key: 'nemesis.partition', value: 'true', seeds: 3, failing: 1 }],
  wallMs: 1234,
  ...over,
});

describe('renderSummaryPage', () => {
  it('lists failing seeds with their report link and replay command', () => {
    const html = renderSummaryPage(data([seed(1), seed(2, { verdict: 'safety', exitCode: 1, failedCheckers: ['linearizable'], reportPath: 'seed-2/report.html' }), seed(3)]));
    expect(html).toContain('Failing seeds (1)');
    expect(html).toContain('<a href="seed-2/report.html">report</a>');
    expect(html).toContain('npm run scenario -- kv-partition --seed 2');
    expect(html).toContain('linearizable');
    expect(html).toContain('<span class="badge safety">safety</span></h1>');
    expect(html).toContain('33%');
  });

  it('escapes everything it prints from the data and links only relative paths', () => {
    const evil = '<script>alert(1)</script>';
    const html = renderSummaryPage(
      data([seed(1, { verdict: 'safety', exitCode: 1, failedCheckers: [evil], pending: [evil], reportPath: 'javascript:alert(1)', replayCommand: evil })], {
        scenario: evil,
        sets: [evil],
        swarm: [{ key: evil, value: evil, seeds: 1, failing: 1 }],
      }),
    );
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('href="javascript');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('says when every seed passed and when a shard stopped early', () => {
    const html = renderSummaryPage(data([seed(1)], { stops: [{ shard: 1, reason: 'time-budget', seedsNotRun: 7 }] }));
    expect(html).toContain('None: every seed passed.');
    expect(html).toContain('--time-budget');
    expect(html).toContain('7 seeds not run');
  });

  it('keeps the all-seeds table bounded', () => {
    const many = Array.from({ length: SEED_ROWS_MAX + 5 }, (_, i) => seed(i + 1));
    const html = renderSummaryPage(data(many));
    expect(html).toContain('5 more seeds are in summary.json');
    expect(html).toContain(`hash${SEED_ROWS_MAX}<`);
    expect(html).not.toContain(`hash${SEED_ROWS_MAX + 1}<`);
  });
});
