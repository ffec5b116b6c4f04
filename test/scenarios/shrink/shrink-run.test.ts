import { describe, expect, it } from 'vitest';
import { kvPartition } from '../../../scenarios/kv-partition.ts';
import { runScenario } from '../../../scenarios/runner.ts';
import { shrinkRun } from '../../../scenarios/shrink/shrink-run.ts';
import { ping } from '../../../scenarios/ping.ts';

const invocations = (history: readonly { type: string }[]): number => history.filter((event) => event.type === 'invoke').length;

describe('shrinkRun on kv-partition', () => {
  it('gives strictly fewer fault steps and operations, still failing the same checker, and replays exactly', () => {
    const result = shrinkRun({ scenario: kvPartition, seed: 1, sets: [], attemptsMax: 80 });
    if (result.kind !== 'shrunk') throw new Error(`expected a shrink, got ${result.kind}`);
    expect(result.target).toEqual({ kind: 'checker', checker: 'linearizable', valid: false });
    expect(result.minimal.steps.length).toBeLessThan(result.start.steps.length);
    expect(invocations(result.record.history)).toBeLessThan(invocations(result.original.history));
    expect(result.record.checks.find((check) => check.checker === 'linearizable')?.valid).toBe(false);
    const replay = runScenario({ scenario: kvPartition, seed: 1, sets: result.sets, faultsJson: JSON.parse(JSON.stringify({ steps: result.minimal.steps })), faultsPath: 'minimal.json' });
    if (!replay.ok) throw new Error(replay.error);
    expect(replay.result.record.traceHash).toBe(result.record.traceHash);
    expect(replay.result.record.exitCode).toBe(1);
  });

  it('says a passing seed has nothing to shrink', () => {
    expect(shrinkRun({ scenario: ping, seed: 42, sets: [], attemptsMax: 10 }).kind).toBe('passes');
  });
});
