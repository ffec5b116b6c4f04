import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mergeSummaries } from '../../../scenarios/sweep/merge.ts';
import { comparableSummary } from '../../../scenarios/sweep/summary.ts';
import type { SweepSummary } from '../../../scenarios/sweep/summary.ts';
import { runSweep } from '../../../scenarios/sweep/sweep.ts';
import type { SeedTaskConfig } from '../../../scenarios/sweep/seed-task.ts';

/** The real seed task on a real scenario (kv-partition, shortened): workers, shards and merge agree. */

const outDir = mkdtempSync(join(tmpdir(), 'faultline-sweep-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

const sets = [
  { key: 'chaosUs', text: '1000000' },
  { key: 'quietUs', text: '1000000' },
];
const range = { first: 1, last: 6 };

function sweep(o: { shard: { index: number; count: number }; workers: number; out?: string }): Promise<SweepSummary> {
  const config: SeedTaskConfig = { scenario: 'kv-partition', sets, ...(o.out !== undefined ? { outDir: join(outDir, o.out) } : {}) };
  let ms = 0;
  return runSweep({
    settings: { scenario: 'kv-partition', range, sets: sets.map((s) => `${s.key}=${s.text}`) },
    shard: o.shard,
    workers: o.workers,
    task: { moduleUrl: new URL('../../../scenarios/sweep/seed-task.ts', import.meta.url).href, exportName: 'sweepSeedTask', config },
    nowMs: () => (ms += 1),
  });
}

describe('a kv-partition sweep', () => {
  it('gives the same results on 2 workers as sharded in one thread, merge reproduces it, and failing seeds get their run output', async () => {
    const full = await sweep({ shard: { index: 1, count: 1 }, workers: 2, out: 'full' });
    expect(full.results.map((r) => r.seed)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(full.results.every((r) => r.traceHash.length > 0 && r.operations > 0)).toBe(true);
    const shards: SweepSummary[] = [];
    for (const index of [1, 2, 3]) shards.push(await sweep({ shard: { index, count: 3 }, workers: 0 }));
    const merged = mergeSummaries(shards.map((summary) => ({ summary, relocate: (p: string) => p })));
    if (!merged.ok) throw new Error(merged.error);
    expect(comparableSummary(merged.summary)).toEqual(comparableSummary(full));

    for (const result of full.results) {
      expect(result.replayCommand).toBe(`npm run scenario -- kv-partition --seed ${result.seed} --set chaosUs=1000000 --set quietUs=1000000`);
      if (result.verdict === 'pass') {
        expect(result.reportPath).toBeUndefined();
      } else {
        expect(result.reportPath).toBe(`seed-${result.seed}/report.html`);
        expect(existsSync(join(outDir, 'full', result.reportPath ?? ''))).toBe(true);
      }
    }
  });
});
