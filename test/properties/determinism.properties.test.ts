import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { faultPlanArbitrary } from '../../sim/testing/arbitraries.ts';
import { scenarios } from '../../scenarios/registry.ts';
import { prepareRun, runScenario } from '../../scenarios/runner.ts';
import type { AnyScenario } from '../../scenarios/scenario.ts';
import { assertScenarioProperty, propRuns } from './faultline-property.ts';

/**
 * DESIGN.md §2 as a property: for every registered scenario, any seed and any fault plan, two
 * runs give the same record and trace hash. Runs are shortened (1 s of chaos, 1 s quiet) so
 * every scenario fits in CI; FAULTLINE_PROP_RUNS raises the number of cases.
 */

const chaosUs = 1_000_000;
const sets = [
  { key: 'chaosUs', text: String(chaosUs) },
  { key: 'quietUs', text: '1000000' },
];

function nodeIdsOf(scenario: AnyScenario): readonly string[] {
  const preparation = prepareRun({ scenario, seed: 1, sets });
  if (preparation.kind !== 'ready') throw new Error(`${scenario.name} does not prepare: ${preparation.kind}`);
  return preparation.run.build.simulation.nodeIds;
}

describe.each(scenarios.map((scenario) => [scenario.name, scenario] as const))('determinism property of %s', (name, scenario) => {
  it('gives the same record twice for any seed and fault plan', () => {
    const cases = fc
      .record({ seed: fc.nat({ max: 1_000_000 }), plan: faultPlanArbitrary({ nodeIds: nodeIdsOf(scenario), chaosUs, windowsMax: 4 }) })
      .map(({ seed, plan }) => ({ scenario: name, seed, sets, plan }));
    assertScenarioProperty({
      name: `determinism-${name}`,
      testFile: 'test/properties/determinism.properties.test.ts',
      cases,
      check: (c) => {
        const request = { scenario, seed: c.seed, sets: c.sets, faultsJson: JSON.parse(JSON.stringify(c.plan)) };
        const first = runScenario(request);
        const second = runScenario(request);
        if (!first.ok || !second.ok) throw new Error('the case does not run');
        if (first.result.record.exitCode === 4) throw new Error(`the simulation crashed: ${first.result.record.stop.error ?? ''}`);
        expect(second.result.record.traceHash).toBe(first.result.record.traceHash);
        expect(JSON.stringify(second.result.record)).toBe(JSON.stringify(first.result.record));
      },
      seed: 2026,
      numRuns: propRuns(3),
    });
  });
});
