import { describe, expect, it } from 'vitest';
import { mergeSummaries, parseSummary } from '../../../scenarios/sweep/merge.ts';
import { runSweep } from '../../../scenarios/sweep/sweep.ts';
import type { SweepOptions } from '../../../scenarios/sweep/sweep.ts';
import { comparableSummary } from '../../../scenarios/sweep/summary.ts';
import type { SweepSummary } from '../../../scenarios/sweep/summary.ts';
import type { ProgressState } from '../../../scenarios/sweep/progress.ts';

const task = { moduleUrl: new URL('./fixtures/digest-task.ts', import.meta.url).href, exportName: 'digestTask', config: { salt: 'sweep', failEvery: 10 } };
const settings = { scenario: 'digest', range: { first: 1, last: 60 }, sets: ['digest.size=3'] };

/** A clock that advances one millisecond per reading, so budgets are testable without real time. */
function tickingClock(): () => number {
  let ms = 0;
  return () => (ms += 1);
}

function sweep(o: Partial<SweepOptions> = {}): Promise<SweepSummary> {
  return runSweep({ settings, shard: { index: 1, count: 1 }, workers: 0, task, nowMs: tickingClock(), ...o });
}

describe('runSweep', () => {
  it('summarises every seed, ordered by seed, with counts, exit code and swarm table', async () => {
    const summary = await sweep();
    expect(summary.results.map((r) => r.seed)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(summary.counts).toEqual({ pass: 50, safety: 6, liveness: 4, unknown: 0, crashed: 0 });
    expect(summary.exitCode).toBe(1);
    expect(summary.stops).toEqual([]);
    const crash = summary.swarm.filter((row) => row.key === 'nemesis.crash');
    expect(crash).toEqual([
      { key: 'nemesis.crash', value: 'false', seeds: 30, failing: 2 },
      { key: 'nemesis.crash', value: 'true', seeds: 30, failing: 8 },
    ]);
    const interval = summary.swarm.filter((row) => row.key === 'nemesis.intervalUs');
    expect(interval.map((row) => row.value)).toEqual(['<= 7000', '> 7000']);
    expect(interval.reduce((sum, row) => sum + row.seeds, 0)).toBe(60);
  });

  it('gives the same summary with worker threads as in one thread, up to wall times', async () => {
    const inProcess = await sweep();
    const onWorkers = await sweep({ workers: 2 });
    expect(comparableSummary(onWorkers)).toEqual(comparableSummary(inProcess));
  });

  it('merges shards 1/3, 2/3, 3/3 into the full sweep, in any order of inputs', async () => {
    const full = await sweep();
    const shards = await Promise.all([1, 2, 3].map((index) => sweep({ shard: { index, count: 3 }, workers: index === 2 ? 2 : 0 })));
    const union = shards.flatMap((shard) => shard.results.map((r) => r.seed)).sort((a, b) => a - b);
    expect(union).toEqual(full.results.map((r) => r.seed));
    const merged = mergeSummaries([shards[2], shards[0], shards[1]].map((summary) => ({ summary: summary as SweepSummary, relocate: (p: string) => `shard/${p}` })));
    if (!merged.ok) throw new Error(merged.error);
    expect(comparableSummary(merged.summary)).toEqual(comparableSummary(full));
    expect(merged.summary.results.find((r) => r.seed === 10)?.reportPath).toBe('shard/seed-10.html');
  });

  it('refuses to merge different sweeps or one shard twice', async () => {
    const one = await sweep({ shard: { index: 1, count: 2 } });
    const other = await sweep({ shard: { index: 2, count: 2 }, settings: { ...settings, sets: [] } });
    const id = (p: string): string => p;
    const mismatch = mergeSummaries([{ summary: one, relocate: id }, { summary: other, relocate: id }]);
    expect(mismatch).toEqual({ ok: false, error: 'cannot merge shards of different sweeps: --set overrides "digest.size=3" vs ""' });
    const twice = mergeSummaries([{ summary: one, relocate: id }, { summary: one, relocate: id }]);
    expect(twice.ok).toBe(false);
    if (!twice.ok) expect(twice.error).toContain('shard 1/2 appears in two summaries');
    expect(mergeSummaries([]).ok).toBe(false);
  });

  it('stops after K failures and records the seeds not run', async () => {
    const summary = await sweep({ stopAfterFailures: 2 });
    expect(summary.counts.safety + summary.counts.liveness).toBe(2);
    expect(summary.results.at(-1)?.seed).toBe(13);
    expect(summary.stops).toEqual([{ shard: 1, reason: 'failures', seedsNotRun: 47 }]);
    expect(comparableSummary(summary).stopped).toBe(true);
  });

  it('stops when the time budget is spent', async () => {
    const summary = await sweep({ timeBudgetMs: 20 });
    expect(summary.results.length).toBeGreaterThan(0);
    expect(summary.results.length).toBeLessThan(60);
    expect(summary.stops[0]?.reason).toBe('time-budget');
  });

  it('reports progress from 0 to the total', async () => {
    const states: ProgressState[] = [];
    await sweep({ onProgress: (state) => states.push(state) });
    expect(states[0]?.done).toBe(0);
    expect(states.at(-1)).toMatchObject({ done: 60, total: 60, counts: { pass: 50, safety: 6, liveness: 4 } });
  });

  it('reads back its own summary.json and rejects other JSON', async () => {
    const summary = await sweep();
    expect(parseSummary(JSON.parse(JSON.stringify(summary)), 'a/summary.json')).toEqual({ ok: true, summary });
    const wrong = parseSummary({ hello: 1 }, 'b/summary.json');
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.error).toContain('b/summary.json is not a faultline sweep summary');
  });
});
