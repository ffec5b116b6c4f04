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

  it('checksummed messages: payloads the network corrupts are dropped, never applied or served', () => {
    const plan = {
      steps: [
        { atUs: 500_000, fault: { kind: 'net-rule', rule: { kind: 'corrupt', p: 0.2 } } },
        { atUs: 5_500_000, fault: { kind: 'net-clear' } },
      ],
    };
    const result = runKv('kv-partition', 1, { 'kv.consistency': 'linearizable' }, plan);
    expect(result.record.messages.corrupted).toBeGreaterThan(50);
    // Without the checksums, damaged fields crash the node code (exit 4) or are served.
    expect(result.record.exitCode).toBe(0);
    expect(failed(result)).toEqual([]);
  });

  it.each([1, 2])('kv-disk-corruption in linearizable mode: a replica that lost records repairs before answering reads, seed %i', (seed) => {
    const result = runKv('kv-disk-corruption', seed, { 'kv.consistency': 'linearizable' });
    expect(result.record.checks.map((c) => c.checker)).toContain('linearizable');
    expect(failed(result)).toEqual([]);
    const states = snapshots(result);
    expect(states.some((s) => s.recovery.corruptRegions > 0)).toBe(true);
    expect(states.filter((s) => s.repairing)).toEqual([]);
  });
});
