import { describe, expect, it } from 'vitest';
import { digestTask } from './fixtures/digest-task.ts';
import { buildSummary } from '../../../scenarios/sweep/summary.ts';
import { FAILING_PRINTED_MAX, summaryText } from '../../../scenarios/sweep/summary-text.ts';

const config = { salt: 'text', failEvery: 3 };
const summary = (seeds: number[], shard = { count: 1, shards: [1] }) =>
  buildSummary({
    settings: { scenario: 'digest', range: { first: 1, last: 90 }, sets: [] },
    shardCount: shard.count,
    shards: shard.shards,
    seedsPlanned: seeds.length,
    results: seeds.map((seed) => ({ ...digestTask(config, seed), wallMs: seed })),
    stops: [{ shard: shard.shards[0] ?? 1, reason: 'time-budget', seedsNotRun: 4 }],
    wallMs: 65_000,
  });

describe('summaryText', () => {
  const files = { json: 'out/x/summary.json', html: 'out/x/summary.html' };

  it('prints counts, stops, failing seeds with replay commands, slowest seeds, files and the exit code', () => {
    const text = summaryText(summary([1, 2, 3, 4, 5, 6]), files);
    expect(text).toContain('sweep digest seeds 1..90: 6/6 seeds run in 1:05\n  pass 4, safety 2\n');
    expect(text).toContain('shard 1 stopped early by --time-budget: 4 seeds not run');
    expect(text).toContain('  seed 3  safety  digest\n    npm run scenario -- digest --seed 3\n');
    expect(text).toContain('shrink one: npm run scenario -- digest --seed 3 --shrink');
    expect(text).toContain('slowest seeds: 6 (0.01 s), 5 (0.01 s)');
    expect(text).toContain('summary: out/x/summary.json\npage:    out/x/summary.html\nexit 1: a safety check failed\n');
  });

  it('prints at most a page of failing seeds and names shards', () => {
    const seeds = Array.from({ length: 90 }, (_, i) => i + 1);
    const text = summaryText(summary(seeds, { count: 2, shards: [2] }), files);
    expect(text).toContain('(shard 2 of 2)');
    expect(text.match(/^ {2}seed \d+/gm)?.length).toBe(FAILING_PRINTED_MAX);
    expect(text).toMatch(/… and \d+ more in out\/x\/summary\.json/);
  });
});
