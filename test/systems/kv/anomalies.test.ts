import { describe, expect, it } from 'vitest';
import { failed, runKv, snapshots } from './run-kv.ts';

// Each scenario's documented anomaly, and its documented fix.
describe('kv scenarios: anomalies and their fixes', () => {
  it.each([1, 2])('kv-clock-skew: LWW with a slow clock loses acknowledged writes, seed %i', (seed) => {
    const result = runKv('kv-clock-skew', seed);
    expect(failed(result)).toContain('lost-writes');
  });

  it.each([1, 2])('kv-clock-skew: siblings lose nothing, seed %i', (seed) => {
    expect(failed(runKv('kv-clock-skew', seed, { 'kv.conflicts': 'siblings' }))).toEqual([]);
  });

  it.each([1, 2])('kv-crash-restart: fsync always loses nothing, seed %i', (seed) => {
    expect(failed(runKv('kv-crash-restart', seed))).toEqual([]);
  });

  it.each([2, 3])('kv-crash-restart: fsync never loses acknowledged writes in the power loss, seed %i', (seed) => {
    const result = runKv('kv-crash-restart', seed, { 'kv.fsync': 'never' });
    expect(failed(result)).toEqual(['durability']);
  });

  it.each([1, 2])('kv-disk-corruption: damage is detected at recovery and never served, seed %i', (seed) => {
    const result = runKv('kv-disk-corruption', seed);
    expect(failed(result)).toEqual([]);
    const damaged = snapshots(result).filter((s) => s.recovery.corruptRegions + s.recovery.tornTailBytes > 0);
    expect(damaged.length).toBeGreaterThan(0);
  });
});
