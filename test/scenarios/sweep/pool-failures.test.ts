import { describe, expect, it } from 'vitest';
import { runOnWorkers } from '../../../scenarios/sweep/pool.ts';
import { lostSeedResult } from '../../../scenarios/sweep/seed-result.ts';
import type { SeedResult } from '../../../scenarios/sweep/seed-result.ts';
import { bySeed, digestWorkerTask } from './fixtures/digest-task.ts';

const task = digestWorkerTask;
const seeds = Array.from({ length: 24 }, (_, i) => i + 1);

describe('worker pool failures', () => {
  it('rejects naming the seed when the task throws', async () => {
    const loop = { task: task({ throwOn: 7 }), seeds, shouldContinue: () => true, onResult: () => {}, workers: 2 };
    await expect(runOnWorkers(loop)).rejects.toThrow(/seed 7: .*digest task refuses seed 7/);
  });

  it('turns a seed whose thread died into a result and carries on with a fresh thread', async () => {
    const lost: number[] = [];
    const outcome = await runOnWorkers({
      task: task({ exitOn: 5 }),
      seeds,
      workers: 2,
      shouldContinue: () => true,
      onResult: (_result: SeedResult) => {},
      onLost: (seed, message) => {
        lost.push(seed);
        expect(message).toBe('thread exited with code 70');
        return lostSeedResult({ seed, message, replayCommand: `replay ${seed}` });
      },
    });
    expect(lost).toEqual([5]);
    expect(bySeed(outcome.results).map((r) => r.seed)).toEqual(seeds);
    expect(outcome.results.find((r) => r.seed === 5)?.verdict).toBe('crashed');
  });

  it('without onLost, a dying thread fails the sweep naming the seed', async () => {
    const loop = { task: task({ exitOn: 5 }), seeds, shouldContinue: () => true, onResult: () => {}, workers: 2 };
    await expect(runOnWorkers(loop)).rejects.toThrow(/seed 5: sweep worker died: thread exited with code 70/);
  });

  it('rejects when the task module lacks the export', async () => {
    const loop = { task: { ...digestWorkerTask(), exportName: 'missing' }, seeds, shouldContinue: () => true, onResult: () => {}, workers: 1 };
    await expect(runOnWorkers(loop)).rejects.toThrow(/exports no function missing/);
  });

});
