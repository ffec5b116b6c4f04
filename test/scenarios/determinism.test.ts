import { describe, expect, it } from 'vitest';
import { scenarios } from '../../scenarios/registry.ts';
import { runScenario } from '../../scenarios/runner.ts';
import type { AnyScenario } from '../../scenarios/scenario.ts';

/**
 * DESIGN.md §2: same code + same seed + same options => same trace hash and same record, for
 * every registered scenario (`--check-determinism` itself: check-determinism.test.ts).
 */

const SEEDS = [1, 2, 3];

function record(scenario: AnyScenario, seed: number) {
  const outcome = runScenario({ scenario, seed, sets: [] });
  if (!outcome.ok) throw new Error(outcome.error);
  return outcome.result.record;
}

describe.each(scenarios.map((s) => [s.name, s] as const))('determinism of %s', (_name, scenario) => {
  const hashes: string[] = [];

  it('gives the same trace hash and the same record for a seed, every time', () => {
    for (const seed of SEEDS) {
      const first = record(scenario, seed);
      const second = record(scenario, seed);
      expect(second.traceHash).toBe(first.traceHash);
      expect(JSON.stringify(second)).toBe(JSON.stringify(first));
      expect(first.exitCode).not.toBe(4);
      hashes.push(first.traceHash);
    }
  });

  it('gives different traces for different seeds', () => {
    expect(hashes).toHaveLength(SEEDS.length);
    expect(new Set(hashes).size).toBe(SEEDS.length);
  });
});

