import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WINDOW_US_MIN, advanceSteps, dropSteps, lowerKnobs, shortenWindows } from '../../../scenarios/shrink/plan-passes.ts';
import type { ShrinkCandidate, ShrinkStep } from '../../../scenarios/shrink/plan-passes.ts';
import { shrink } from '../../../scenarios/shrink/search.ts';

/** Fails when n1 is partitioned away for at least 5 ms, then healed, while at least 3 clients run: a stand-in for a system's bug. */
function failsLikeABug(candidate: ShrinkCandidate): boolean {
  const clients = candidate.knobs['clients'] ?? 0;
  const steps = candidate.steps;
  return (
    clients >= 3 &&
    steps.some((step, i) => {
      if (step.fault.kind !== 'partition' || step.fault['isolated'] !== 'n1') return false;
      const heal = steps.slice(i + 1).find((later) => later.fault.kind === 'heal');
      return heal !== undefined && heal.atUs - step.atUs >= 5_000;
    })
  );
}

const noise = (atUs: number, n: number): ShrinkStep[] => [
  { atUs, fault: { kind: 'crash', node: `n${n}` } },
  { atUs: atUs + 3_000, fault: { kind: 'restart', node: `n${n}` } },
];

const passes = [dropSteps, shortenWindows, lowerKnobs([{ name: 'clients', min: 1 }, { name: 'opsMax', min: 1 }])];

describe('shrink', () => {
  it('finds the one window that matters, shortened, with the fewest clients that still fail', () => {
    const start: ShrinkCandidate = {
      steps: [
        ...noise(1_000, 2),
        { atUs: 10_000, fault: { kind: 'partition', isolated: 'n1' } },
        ...noise(20_000, 3),
        { atUs: 90_000, fault: { kind: 'heal' } },
        ...noise(100_000, 4),
      ],
      knobs: { clients: 10, opsMax: 500 },
    };
    expect(failsLikeABug(start)).toBe(true);
    const outcome = shrink({ start, fails: failsLikeABug, passes, attemptsMax: 500 });
    expect(outcome.budgetSpent).toBe(false);
    expect(outcome.minimal.steps.map((step) => step.fault.kind)).toEqual(['partition', 'heal']);
    const window = (outcome.minimal.steps[1]?.atUs ?? 0) - (outcome.minimal.steps[0]?.atUs ?? 0);
    expect(window).toBeGreaterThanOrEqual(5_000);
    expect(window).toBeLessThan(10_000);
    expect(outcome.minimal.knobs).toEqual({ clients: 3, opsMax: 1 });
  });

  it('never runs more variants than its budget and returns a failing candidate', () => {
    const start: ShrinkCandidate = { steps: [...noise(0, 2), { atUs: 5, fault: { kind: 'partition', isolated: 'n1' } }, { atUs: 60_000, fault: { kind: 'heal' } }], knobs: { clients: 8 } };
    const outcome = shrink({ start, fails: failsLikeABug, passes, attemptsMax: 3 });
    expect(outcome.attempts).toBe(3);
    expect(outcome.budgetSpent).toBe(true);
    expect(failsLikeABug(outcome.minimal)).toBe(true);
  });

  it('keeps the start when nothing smaller fails', () => {
    const start: ShrinkCandidate = { steps: [{ atUs: 0, fault: { kind: 'partition', isolated: 'n1' } }, { atUs: 5_000, fault: { kind: 'heal' } }], knobs: { clients: 3 } };
    const outcome = shrink({ start, fails: failsLikeABug, passes, attemptsMax: 100 });
    expect(outcome.minimal).toEqual(start);
    expect(outcome.accepted).toBe(0);
  });

  it('law: the result still fails, is no larger, and keeps steps ordered by time', () => {
    const step = fc.record({
      atUs: fc.integer({ min: 0, max: 200_000 }),
      fault: fc.oneof(
        fc.constant({ kind: 'heal' }),
        fc.constantFrom('n1', 'n2').map((isolated) => ({ kind: 'partition', isolated })),
        fc.constantFrom('n1', 'n2').map((node) => ({ kind: 'crash', node })),
        fc.constantFrom('n1', 'n2').map((node) => ({ kind: 'restart', node })),
      ),
    });
    const candidate = fc.record({
      steps: fc.array(step, { maxLength: 14 }).map((steps) => steps.slice().sort((a, b) => a.atUs - b.atUs)),
      knobs: fc.record({ clients: fc.integer({ min: 1, max: 20 }) }),
    });
    fc.assert(
      fc.property(candidate, (start: ShrinkCandidate) => {
        fc.pre(failsLikeABug(start));
        const { minimal } = shrink({ start, fails: failsLikeABug, passes, attemptsMax: 300 });
        expect(failsLikeABug(minimal)).toBe(true);
        expect(minimal.steps.length).toBeLessThanOrEqual(start.steps.length);
        expect(minimal.knobs['clients']).toBeLessThanOrEqual(start.knobs['clients'] ?? 0);
        const times = minimal.steps.map((s) => s.atUs);
        expect(times).toEqual(times.slice().sort((a, b) => a - b));
      }),
      { seed: 42, numRuns: 150 },
    );
  });
});

describe('time passes', () => {
  it('moves steps earlier and lowers chaosUs no further than just after the last step', () => {
    const fails = (c: ShrinkCandidate): boolean => (c.steps[0]?.atUs ?? 0) >= 10_000 && (c.knobs['chaosUs'] ?? 0) > (c.steps[0]?.atUs ?? 0);
    const start: ShrinkCandidate = { steps: [{ atUs: 400_000, fault: { kind: 'partition', isolated: 'n1' } }], knobs: { chaosUs: 6_000_000 } };
    const { minimal } = shrink({ start, fails, passes: [lowerKnobs([{ name: 'chaosUs', min: 1, aboveSteps: true }]), advanceSteps], attemptsMax: 200 });
    const atUs = minimal.steps[0]?.atUs ?? 0;
    expect(atUs).toBeGreaterThanOrEqual(10_000);
    expect(atUs).toBeLessThan(20_000);
    expect(minimal.knobs['chaosUs']).toBe(atUs + WINDOW_US_MIN);
  });
});
