import { describe, expect, it } from 'vitest';
import { failed, runKv, snapshots } from './run-kv.ts';

describe('kv membership and chaos', () => {
  it.each([1, 2])('kv-churn: a join and a leave converge, data moves, nothing is lost, seed %i', (seed) => {
    const result = runKv('kv-churn', seed);
    expect(failed(result)).toEqual([]);
    const states = snapshots(result);
    const leaver = states.find((s) => s.id === 'n2');
    expect(leaver?.status).toBe('left');
    expect(leaver?.keys).toEqual([]);
    expect(states.find((s) => s.id === 'n6')?.keys.length).toBeGreaterThan(0);
  });

  // Linearizable mode under random swarm fault plans (partitions of every shape, crashes,
  // pauses, clock and disk faults, loss, duplication, hold/release) never yields a violation.
  it.each([1, 2, 3, 4])('kv-chaos: linearizable mode passes every checker, seed %i', (seed) => {
    expect(failed(runKv('kv-chaos', seed))).toEqual([]);
  });
});
