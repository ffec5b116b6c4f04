import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClockFault } from '../../sim/clock.ts';
import { DRIFT_PPM_MAX, SimClock } from '../../sim/clock.ts';

type Step = { readonly advanceUs: number; readonly fault?: ClockFault };

const faultArb: fc.Arbitrary<ClockFault> = fc.oneof(
  fc.record({ kind: fc.constant('clock-offset' as const), node: fc.constant('n1'), offsetUs: fc.integer({ min: -1e9, max: 1e9 }) }),
  fc.record({ kind: fc.constant('clock-drift' as const), node: fc.constant('n1'), driftPpm: fc.integer({ min: -DRIFT_PPM_MAX, max: DRIFT_PPM_MAX }) }),
  fc.record({ kind: fc.constant('clock-drift' as const), node: fc.constant('n1'), driftPpm: fc.integer({ min: -3, max: 3 }) }),
  fc.record({ kind: fc.constant('clock-jump' as const), node: fc.constant('n1'), deltaUs: fc.integer({ min: -1e9, max: 1e9 }) }),
  fc.record({ kind: fc.constant('clock-reset' as const), node: fc.constant('n1') }),
);
const stepArb: fc.Arbitrary<Step> = fc.record(
  { advanceUs: fc.oneof(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 1e12 })), fault: faultArb },
  { requiredKeys: ['advanceUs'] },
);

/** ⌊n / d⌋ for bigints (BigInt division truncates toward zero). */
function floorDiv(n: bigint, d: bigint): bigint {
  const q = n / d;
  return n % d !== 0n && n < 0n !== d < 0n ? q - 1n : q;
}

/**
 * The clock law in exact arithmetic: true time + offset + jumps + Σ driftPpm·elapsed / 10⁶ over
 * the drift periods since the last reset, rounded to the nearest integer (halves up).
 */
class ExactClockModel {
  private offsetUs = 0n;
  private jumpsUs = 0n;
  private driftPpmUs = 0n;
  private ppm = 0n;
  private sinceUs = 0n;

  read(trueUs: bigint): bigint {
    const drift = this.driftPpmUs + this.ppm * (trueUs - this.sinceUs);
    return trueUs + this.offsetUs + this.jumpsUs + floorDiv(2n * drift + 1_000_000n, 2_000_000n);
  }

  apply(f: ClockFault, trueUs: bigint): void {
    if (f.kind === 'clock-offset') this.offsetUs = BigInt(f.offsetUs);
    if (f.kind === 'clock-jump') this.jumpsUs += BigInt(f.deltaUs);
    if (f.kind === 'clock-drift' || f.kind === 'clock-reset') {
      this.driftPpmUs = f.kind === 'clock-reset' ? 0n : this.driftPpmUs + this.ppm * (trueUs - this.sinceUs);
      this.ppm = f.kind === 'clock-drift' ? BigInt(f.driftPpm) : 0n;
      this.sinceUs = trueUs;
    }
    if (f.kind === 'clock-reset') {
      this.offsetUs = 0n;
      this.jumpsUs = 0n;
    }
  }
}

describe('SimClock properties', () => {
  it('reads exactly true time + offset + drift + jumps for random fault sequences', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 40 }), (steps) => {
        const clock = new SimClock();
        const model = new ExactClockModel();
        let trueUs = 0;
        for (const step of steps) {
          trueUs += step.advanceUs;
          const reading = clock.readUs(trueUs);
          expect(Number.isSafeInteger(reading)).toBe(true);
          expect(BigInt(reading)).toBe(model.read(BigInt(trueUs)));
          if (step.fault !== undefined) {
            clock.apply(step.fault, trueUs);
            model.apply(step.fault, BigInt(trueUs));
            expect(BigInt(clock.readUs(trueUs))).toBe(model.read(BigInt(trueUs)));
          }
        }
      }),
      { seed: 42, numRuns: 500 },
    );
  });

  it('never jumps when only the drift rate changes', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ advanceUs: fc.integer({ min: 0, max: 1e9 }), driftPpm: fc.integer({ min: -1000, max: 1000 }) }), { maxLength: 30 }), (steps) => {
        const clock = new SimClock();
        let trueUs = 0;
        for (const { advanceUs, driftPpm } of steps) {
          trueUs += advanceUs;
          const before = clock.readUs(trueUs);
          clock.apply({ kind: 'clock-drift', node: 'n1', driftPpm }, trueUs);
          expect(clock.readUs(trueUs)).toBe(before);
        }
      }),
      { seed: 43, numRuns: 300 },
    );
  });
});
