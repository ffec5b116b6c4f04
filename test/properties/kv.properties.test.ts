import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FaultKindName } from '../../sim/faults/nemesis.ts';
import type { RunRecord } from '../../sim/run-record.ts';
import { faultPlanArbitrary } from '../../sim/testing/arbitraries.ts';
import { findScenario } from '../../scenarios/registry.ts';
import { runScenario } from '../../scenarios/runner.ts';
import { assertScenarioProperty, failureMessage, propRuns, runProperty } from './faultline-property.ts';
import type { ScenarioCase } from './faultline-property.ts';

/**
 * Property-based failure tests of the KV family: fast-check draws fault plans (and seeds), the
 * simulator runs them, and the laws say what must hold — or, for the Dynamo-style mode, that
 * the search finds the known anomaly and hands back a replayable counterexample.
 * CI runs few cases with fixed seeds; FAULTLINE_PROP_RUNS raises them (see faultline-property.ts).
 */

const TEST_FILE = 'test/properties/kv.properties.test.ts';
const nodeIds = ['n1', 'n2', 'n3', 'n4', 'n5'];
const chaosUs = 2_000_000;
const phaseSets = [
  { key: 'chaosUs', text: String(chaosUs) },
  { key: 'quietUs', text: '2000000' },
];

function kvCases(o: { scenario: string; sets: ScenarioCase['sets']; kinds: readonly FaultKindName[] }): fc.Arbitrary<ScenarioCase> {
  return fc
    .record({ seed: fc.nat({ max: 1_000_000 }), plan: faultPlanArbitrary({ nodeIds, chaosUs, kinds: o.kinds, windowsMax: 5 }) })
    .map(({ seed, plan }) => ({ scenario: o.scenario, seed, sets: [...o.sets, ...phaseSets], plan }));
}

function run(c: ScenarioCase): RunRecord {
  const scenario = findScenario(c.scenario);
  if (scenario === undefined) throw new Error(`no scenario ${c.scenario}`);
  const outcome = runScenario({ scenario, seed: c.seed, sets: c.sets, faultsJson: JSON.parse(JSON.stringify(c.plan)) });
  if (!outcome.ok) throw new Error(outcome.error);
  return outcome.result.record;
}

function failures(record: RunRecord): string {
  return record.checks
    .filter((check) => check.valid !== true)
    .map((check) => `${check.checker}: ${check.summary}`)
    .join('; ');
}

describe('kv properties', () => {
  it('ABD (kv.consistency=linearizable) stays linearizable, durable, convergent and live under any plan', () => {
    assertScenarioProperty({
      name: 'kv-abd-safe-and-live',
      testFile: TEST_FILE,
      cases: kvCases({ scenario: 'kv-partition', sets: [{ key: 'kv.consistency', text: 'linearizable' }], kinds: ['partition', 'crash', 'pause', 'network', 'clock'] }),
      check: (c) => {
        const record = run(c);
        if (record.exitCode !== 0) throw new Error(`exit ${record.exitCode}: ${failures(record)}`);
      },
      seed: 42,
      numRuns: propRuns(10),
    });
  });

  it('Dynamo-style quorums under partitions: the search finds stale reads, and the counterexample replays exactly', () => {
    const cases = kvCases({ scenario: 'kv-partition', sets: [], kinds: ['partition'] });
    const details = runProperty({
      cases,
      check: (c) => {
        const record = run(c);
        if (record.exitCode !== 0) throw new Error(`exit ${record.exitCode}: ${failures(record)}`);
      },
      seed: 7,
      numRuns: propRuns(40),
      endOnFailure: true,
    });
    expect(details.failed).toBe(true);
    const counterexample = details.counterexample?.[0] as ScenarioCase;
    const first = run(counterexample);
    const again = run(counterexample);
    expect(first.exitCode).toBe(1);
    expect(first.checks.find((check) => check.checker === 'linearizable')?.valid).toBe(false);
    expect(again.traceHash).toBe(first.traceHash);
    const message = failureMessage({ name: 'kv-quorum-stale-reads', testFile: TEST_FILE, details, planPath: 'out/properties/kv-quorum-stale-reads.json', counterexample });
    expect(message).toContain(`fast-check seed ${details.seed}, path "${details.counterexamplePath}"`);
    expect(message).toContain(`FAULTLINE_PROP_SEED=${details.seed} FAULTLINE_PROP_PATH="${details.counterexamplePath}" npx vitest run ${TEST_FILE}`);
    expect(message).toContain(`npm run scenario -- kv-partition --seed ${counterexample.seed} --set chaosUs=2000000 --set quietUs=2000000 --faults out/properties/kv-quorum-stale-reads.json`);
  });

  it('every run replays exactly from its realised plan (the basis of --faults and shrinking)', () => {
    assertScenarioProperty({
      name: 'kv-replay-realised-plan',
      testFile: TEST_FILE,
      cases: kvCases({ scenario: 'kv-partition', sets: [], kinds: ['partition', 'crash', 'pause', 'network', 'clock', 'disk', 'hold'] }),
      check: (c) => {
        const record = run(c);
        const replay = run({ ...c, plan: record.faultPlan as ScenarioCase['plan'] });
        expect(replay.traceHash).toBe(record.traceHash);
        expect(replay.exitCode).toBe(record.exitCode);
      },
      seed: 11,
      numRuns: propRuns(4),
    });
  });
});
