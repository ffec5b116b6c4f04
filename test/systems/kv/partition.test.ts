import { describe, expect, it } from 'vitest';
import { failed, runKv, snapshots } from './run-kv.ts';

// Measured: in quorum mode seeds 1..50 all fail linearizability (and only that); in
// linearizable mode seeds 1..50 all pass. Here a few of them, to keep the suite fast.
describe('kv-partition', () => {
  it.each([1, 2, 3])('finds non-linearizable reads in the default (quorum, sloppy, LWW) mode, seed %i', (seed) => {
    const result = runKv('kv-partition', seed);
    expect(result.record.exitCode).toBe(1);
    expect(failed(result)).toEqual(['linearizable']);
    // After heal and quiet, every fallback has handed its hinted data back and dropped it.
    for (const s of snapshots(result)) {
      expect(s.handoffPending).toBe(0);
      expect(s.keys.filter((k) => k.hinted)).toEqual([]);
    }
  });

  it.each([1, 2, 3])('passes every checker with kv.consistency=linearizable, seed %i', (seed) => {
    const result = runKv('kv-partition', seed, { 'kv.consistency': 'linearizable' });
    expect(failed(result)).toEqual([]);
    expect(result.record.exitCode).toBe(0);
  });

  it('canary: mode one (R=W=1) is caught by the checker within seeds 1..3', () => {
    const caught = [1, 2, 3].some((seed) => failed(runKv('kv-partition', seed, { 'kv.consistency': 'one' })).includes('linearizable'));
    expect(caught).toBe(true);
  });

  it('replays a seed exactly', () => {
    expect(runKv('kv-partition', 7).record.traceHash).toBe(runKv('kv-partition', 7).record.traceHash);
  });
});

describe('kv options', () => {
  it('rejects contradictory options as a usage error with a one-line message', () => {
    expect(() => runKv('kv-partition', 1, { 'kv.r': '5' })).toThrow(/^kv\.r must be between 1 and kv\.n \(3\); got 5$/);
    expect(() => runKv('kv-partition', 1, { 'kv.getP': '0.95', 'kv.deleteP': '0.1' })).toThrow(/kv\.getP \+ kv\.deleteP must be at most 1/);
  });
});
