import { describe, expect, it } from 'vitest';
import { runInProcess, runOnWorkers } from '../../../scenarios/sweep/pool.ts';
import { lostSeedResult } from '../../../scenarios/sweep/seed-result.ts';
import type { SeedResult } from '../../../scenarios/sweep/seed-result.ts';
import { bySeed, digestWorkerTask } from './fixtures/digest-task.ts';

const task = digestWorkerTask;
const seeds = Array.from({ length: 24 }, (_, i) => i + 1);

describe('worker pool', () => {
  it('gives every seed the same result on 1 or 3 worker threads as in this thread', async () => {
    const loop = { task: task(), seeds, shouldContinue: () => true, onResult: (_result: SeedResult) => {} };
    const inProcess = await runInProcess(loop);
    const one = await runOnWorkers({ ...loop, workers: 1 });
    const three = await runOnWorkers({ ...loop, workers: 3 });
    expect(inProcess.results.map((r) => r.seed)).toEqual(seeds);
    expect(bySeed(one.results)).toEqual(inProcess.results);
    expect(bySeed(three.results)).toEqual(inProcess.results);
    expect(three.notRun).toEqual([]);
  });

  it('stops handing out seeds when asked, and reports the seeds it never started', async () => {
    let failures = 0;
    const outcome = await runOnWorkers({
      task: task(),
      seeds,
      workers: 2,
      shouldContinue: () => failures < 2,
      onResult: (result: SeedResult) => {
        if (result.verdict !== 'pass') failures += 1;
      },
    });
    expect(failures).toBeGreaterThanOrEqual(2);
    expect(outcome.results.length + outcome.notRun.length).toBe(seeds.length);
    expect(outcome.notRun.length).toBeGreaterThan(0);
    const ran = new Set(outcome.results.map((r) => r.seed));
    expect(outcome.notRun.every((seed) => !ran.has(seed))).toBe(true);
  });

  it('starts no thread for an empty seed list', async () => {
    const outcome = await runOnWorkers({ task: task(), seeds: [], workers: 2, shouldContinue: () => true, onResult: () => {} });
    expect(outcome).toEqual({ results: [], notRun: [] });
  });
});
