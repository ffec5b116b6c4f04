import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { drawNemesisPlan, faultKindNames } from '../../sim/faults/nemesis.ts';
import { validateFaultPlan } from '../../sim/faults/plan.ts';
import { createRng } from '../../sim/rng.ts';
import { chatterSim } from './chatter.ts';

const nodeIds = ['n1', 'n2', 'n3'];

describe('validateFaultPlan', () => {
  test('accepts a plan of every family', () => {
    const plan = {
      steps: [
        { atUs: 10, fault: { kind: 'partition', partition: { shape: 'sides', sides: [['n1'], ['n2', 'n3']] } } },
        { atUs: 20, fault: { kind: 'crash', node: 'n2' } },
        { atUs: 30, fault: { kind: 'clock-jump', node: 'n3', deltaUs: -5 } },
        { atUs: 40, fault: { kind: 'disk-full', node: 'n1' } },
        { atUs: 50, fault: { kind: 'heal-all' } },
      ],
    };
    expect(validateFaultPlan(plan, { nodeIds })).toEqual({ ok: true, plan });
  });

  test.each([
    [[], 'a fault plan must be an object'],
    [{ step: [] }, 'unknown field "step"'],
    [{ steps: [{ atUs: -1, fault: { kind: 'heal' } }] }, 'step 1 (atUs -1): atUs: expected a non-negative integer'],
    [{ steps: [{ atUs: 5, fault: { kind: 'heal' } }, { atUs: 2000000, fault: { kind: 'crash', node: 'n9' } }] }, 'step 2 (atUs 2000000): fault.node: unknown node "n9"; known: n1, n2, n3'],
    [{ steps: [{ atUs: 5, fault: { kind: 'explode' } }] }, 'step 1 (atUs 5): fault.kind: unknown kind "explode"; known: partition,'],
    [{ steps: [{ atUs: 5, fault: { kind: 'heal-all', node: 'n1' } }] }, 'step 1 (atUs 5): fault.node: not a field of heal-all'],
    [{ steps: [{ atUs: 5, fault: { kind: 'pause', node: 'n1', extra: 1 } }] }, 'step 1 (atUs 5): fault.extra: not a field of pause'],
    [{ steps: [{ atUs: 5, fault: { kind: 'crash' } }] }, 'step 1 (atUs 5): fault.node'],
  ])('rejects %j with a message naming the step and why', (json, message) => {
    const result = validateFaultPlan(json, { nodeIds });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toContain(message);
      expect(result.error).not.toContain('\n');
    }
  });
});

describe('drawNemesisPlan', () => {
  test('draws valid, time-ordered plans inside the chaos phase, and returns what it drew', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (seed) => {
        const { plan, drawn } = drawNemesisPlan(createRng(seed), { nodeIds, chaosUs: 1_000_000 });
        expect(validateFaultPlan(JSON.parse(JSON.stringify(plan)), { nodeIds })).toEqual({ ok: true, plan });
        const times = plan.steps.map((s) => s.atUs);
        expect(times).toEqual(times.slice().sort((a, b) => a - b));
        expect(times.every((t) => t <= 1_000_000)).toBe(true);
        const kinds = String(drawn['nemesis.kinds']).split(',');
        expect(kinds.length).toBeGreaterThan(0);
        for (const kind of kinds) expect(drawn[`nemesis.${kind}.meanGapUs`]).toBeTypeOf('number');
        expect(drawn['nemesis.steps']).toBe(plan.steps.length);
        expect(drawNemesisPlan(createRng(seed), { nodeIds, chaosUs: 1_000_000 })).toEqual({ plan, drawn });
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  test('swarm testing: different seeds switch different fault families on', () => {
    const sets = new Set<string>();
    for (let seed = 0; seed < 50; seed++) sets.add(String(drawNemesisPlan(createRng(seed), { nodeIds, chaosUs: 1_000_000 }).drawn['nemesis.kinds']));
    expect(sets.size).toBeGreaterThan(10);
  });

  test('given kinds, uses exactly those; switching a family on leaves the others unchanged', () => {
    const rng = (): ReturnType<typeof createRng> => createRng(7);
    const crashOnly = drawNemesisPlan(rng(), { nodeIds, chaosUs: 1_000_000, kinds: ['crash'] }).plan.steps;
    expect(new Set(crashOnly.map((s) => s.fault.kind))).toEqual(new Set(['crash', 'restart']));
    const both = drawNemesisPlan(rng(), { nodeIds, chaosUs: 1_000_000, kinds: ['crash', 'pause'] }).plan.steps;
    expect(both.filter((s) => s.fault.kind === 'crash' || s.fault.kind === 'restart')).toEqual(crashOnly);
    expect(faultKindNames).toContain('partition');
  });
});

describe('fault windows and node events', () => {
  test('open at the fault, close at the fault that ends it; heal-all closes what is left', () => {
    const plan = {
      steps: [
        { atUs: 1_000, fault: { kind: 'partition' as const, partition: { shape: 'isolate' as const, node: 'n1' } } },
        { atUs: 2_000, fault: { kind: 'crash' as const, node: 'n2' } },
        { atUs: 3_000, fault: { kind: 'heal' as const } },
        { atUs: 4_000, fault: { kind: 'clock-jump' as const, node: 'n3', deltaUs: 77 } },
        { atUs: 5_000, fault: { kind: 'pause' as const, node: 'n3' } },
        { atUs: 6_000, fault: { kind: 'heal-all' as const } },
      ],
    };
    const { sim } = chatterSim({ seed: 1, nodes: 3, plan, quietUs: 10_000 });
    sim.run();
    expect(sim.faultWindows().map((w) => [w.kind, w.startUs, w.endUs, w.nodes])).toEqual([
      ['partition', 1_000, 3_000, []],
      ['crash', 2_000, 6_000, ['n2']],
      ['pause', 5_000, 6_000, ['n3']],
    ]);
    expect(sim.nodeEvents().map((e) => `${e.timeUs} ${e.node} ${e.event}`)).toEqual(['2000 n2 crash', '4000 n3 clock-jump', '5000 n3 pause', '6000 n2 restart', '6000 n3 resume']);
    expect(sim.realisedPlan().steps.map((s) => s.fault.kind)).toEqual(['partition', 'crash', 'heal', 'clock-jump', 'pause', 'heal-all']);
    expect(sim.node('n2')).toMatchObject({ up: true, starts: 2 });
  });
});
