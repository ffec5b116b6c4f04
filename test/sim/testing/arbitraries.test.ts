import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateFaultPlan } from '../../../sim/faults/plan.ts';
import { faultPlanArbitrary } from '../../../sim/testing/arbitraries.ts';

const nodeIds = ['n1', 'n2', 'n3', 'n4', 'n5'];
const chaosUs = 4_000_000;

describe('faultPlanArbitrary', () => {
  it('draws valid plans, ordered by time, inside the chaos phase, each fault ended', () => {
    fc.assert(
      fc.property(faultPlanArbitrary({ nodeIds, chaosUs, windowsMax: 8 }), (plan) => {
        const validation = validateFaultPlan(JSON.parse(JSON.stringify(plan)), { nodeIds });
        expect(validation).toEqual({ ok: true, plan });
        const times = plan.steps.map((step) => step.atUs);
        expect(times).toEqual(times.slice().sort((a, b) => a - b));
        expect(times.every((t) => Number.isInteger(t) && t >= 0 && t < chaosUs)).toBe(true);
        const closes: Record<string, string> = { partition: 'heal', crash: 'restart', pause: 'resume', hold: 'release', 'net-rule': 'net-clear' };
        plan.steps.forEach((step, i) => {
          const close = closes[step.fault.kind];
          if (close !== undefined) expect(plan.steps.slice(i + 1).some((later) => later.fault.kind === close)).toBe(true);
        });
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('never overlaps two crashes (or pauses) of one node', () => {
    fc.assert(
      fc.property(faultPlanArbitrary({ nodeIds: ['n1', 'n2'], chaosUs, kinds: ['crash', 'pause'], windowsMax: 10 }), (plan) => {
        const down = new Map<string, string>();
        for (const { fault } of plan.steps) {
          if (!('node' in fault)) continue;
          const key = `${fault.node}/${fault.kind === 'crash' || fault.kind === 'restart' ? 'crash' : 'pause'}`;
          if (fault.kind === 'crash' || fault.kind === 'pause') {
            expect(down.has(key)).toBe(false);
            down.set(key, fault.kind);
          } else {
            down.delete(key);
          }
        }
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  it('draws only the kinds it is given', () => {
    fc.assert(
      fc.property(faultPlanArbitrary({ nodeIds, chaosUs, kinds: ['clock'] }), (plan) => {
        expect(plan.steps.every((step) => step.fault.kind.startsWith('clock-'))).toBe(true);
      }),
      { seed: 1, numRuns: 100 },
    );
  });
});
