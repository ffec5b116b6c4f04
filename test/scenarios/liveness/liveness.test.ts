import { describe, expect, it } from 'vitest';
import { runScenario } from '../../../scenarios/runner.ts';
import { seedResultOf } from '../../../scenarios/sweep/seed-result.ts';
import { stuckReplicator } from './stuck-replicator.ts';

function run(seed: number) {
  const outcome = runScenario({ scenario: stuckReplicator, seed, sets: [] });
  if (!outcome.ok) throw new Error(outcome.error);
  return outcome.result.record;
}

describe('liveness: a system that never answers after the heal', () => {
  it('is a liveness failure (exit 2) that names the stuck operations', () => {
    const record = run(1);
    expect(record.exitCode).toBe(2);
    expect(record.stop.reason).toBe('duration');
    const liveness = record.checks.find((check) => check.checker === 'liveness');
    expect(liveness?.valid).toBe(false);
    expect(liveness?.summary).toMatch(/2 operations pending: process \d+ \(c\d\): write/);
    expect(record.stop.pending).toHaveLength(2);
    expect(record.stop.pending.every((pending) => /c[01]/.test(pending) && pending.includes('write'))).toBe(true);
  });

  it('answered before the partition, and nothing after the heal', () => {
    const record = run(1);
    const oks = record.history.filter((event) => event.type === 'ok');
    expect(oks.length).toBeGreaterThan(5);
    expect(oks.every((event) => event.timeUs < 250_000 + 5_000)).toBe(true);
  });

  it('shows up in a sweep summary as a liveness verdict with the pending operations', () => {
    const result = seedResultOf(run(2), { wallMs: 0 });
    expect(result.verdict).toBe('liveness');
    expect(result.exitCode).toBe(2);
    expect(result.failedCheckers).toEqual(['liveness']);
    expect(result.pending).toHaveLength(2);
  });
});
