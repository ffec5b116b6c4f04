import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boundsUs, describeDistribution, samplerOf, sampleUs, validateDistribution, type Distribution } from '../../sim/distributions.ts';
import { createRng } from '../../sim/rng.ts';

const us = fc.integer({ min: 0, max: 5_000_000 });

/** Every valid distribution, with parameters in the ranges plans use. */
const distribution: fc.Arbitrary<Distribution> = fc.oneof(
  us.map((v) => ({ kind: 'constant', us: v }) as const),
  fc.tuple(us, us).map(([a, b]) => ({ kind: 'uniform', minUs: Math.min(a, b), maxUs: Math.max(a, b) }) as const),
  fc.record({ kind: fc.constant('exponential' as const), meanUs: fc.integer({ min: 1, max: 1_000_000 }) }),
  fc.record({ kind: fc.constant('exponential' as const), meanUs: fc.integer({ min: 1, max: 1_000_000 }), maxUs: us }),
  fc.record({ kind: fc.constant('normal' as const), meanUs: us, stddevUs: fc.integer({ min: 0, max: 1_000_000 }) }),
  fc.record({ kind: fc.constant('normal' as const), meanUs: us, stddevUs: fc.integer({ min: 0, max: 1_000_000 }), maxUs: us }),
  fc
    .record({ minUs: fc.integer({ min: 1, max: 100_000 }), alpha: fc.double({ min: 0.1, max: 5, noNaN: true }), spanUs: us })
    .map(({ minUs, alpha, spanUs }) => ({ kind: 'pareto', minUs, alpha, maxUs: minUs + spanUs }) as const),
);

describe('sampleUs', () => {
  it('always returns a non-negative integer within the distribution bounds', () => {
    fc.assert(
      fc.property(distribution, fc.integer(), (d, seed) => {
        const rng = createRng(seed);
        const { minUs, maxUs } = boundsUs(d);
        for (let i = 0; i < 50; i++) {
          const x = sampleUs(rng, d);
          if (!Number.isSafeInteger(x) || x < 0 || x < minUs || x > maxUs) return false;
        }
        return true;
      }),
      { seed: 42, numRuns: 500 },
    );
  });

  it('gives the same samples for the same seed', () => {
    fc.assert(
      fc.property(distribution, fc.integer(), (d, seed) => {
        const a = createRng(seed);
        const b = createRng(seed);
        return Array.from({ length: 20 }, () => sampleUs(a, d)).join() === Array.from({ length: 20 }, () => sampleUs(b, d)).join();
      }),
      { seed: 7, numRuns: 200 },
    );
  });

  it('samplerOf draws and returns exactly what sampleUs does, also for fractional uniform bounds', () => {
    const fractional = fc
      .record({ minUs: fc.double({ min: 0, max: 1000, noNaN: true }), spanUs: fc.double({ min: 1, max: 1000, noNaN: true }) })
      .map(({ minUs, spanUs }) => ({ kind: 'uniform', minUs, maxUs: minUs + spanUs }) as const);
    fc.assert(
      fc.property(fc.oneof(distribution, fractional), fc.integer(), (d, seed) => {
        const a = createRng(seed);
        const b = createRng(seed);
        const sample = samplerOf(d);
        return Array.from({ length: 20 }, () => `${sampleUs(a, d)},${a.float()}`).join() === Array.from({ length: 20 }, () => `${sample(b)},${b.float()}`).join();
      }),
      { seed: 5, numRuns: 300 },
    );
  });

  it('every generated distribution passes validation', () => {
    fc.assert(
      fc.property(distribution, (d) => validateDistribution(d, 'latency') === undefined),
      { seed: 11, numRuns: 300 },
    );
  });

  it('centres each distribution where its parameters say', () => {
    const rng = createRng('centres');
    const mean = (d: Distribution): number => {
      let sum = 0;
      for (let i = 0; i < 20_000; i++) sum += sampleUs(rng, d);
      return sum / 20_000;
    };
    expect(mean({ kind: 'constant', us: 700 })).toBe(700);
    expect(mean({ kind: 'uniform', minUs: 1000, maxUs: 3000 })).toBeCloseTo(2000, -2);
    expect(mean({ kind: 'exponential', meanUs: 5000 })).toBeCloseTo(5000, -3);
    expect(mean({ kind: 'normal', meanUs: 10_000, stddevUs: 1000 })).toBeCloseTo(10_000, -3);
    // Pareto with alpha 3 has mean min * alpha / (alpha - 1) = 1.5 * min.
    expect(mean({ kind: 'pareto', minUs: 1000, alpha: 3, maxUs: 1_000_000 })).toBeCloseTo(1500, -2);
  });

  it('rounds a fractional constant and clamps a normal at zero', () => {
    const rng = createRng(1);
    expect(sampleUs(rng, { kind: 'constant', us: 2.6 })).toBe(3);
    for (let i = 0; i < 100; i++) expect(sampleUs(rng, { kind: 'normal', meanUs: 0, stddevUs: 1000 })).toBeGreaterThanOrEqual(0);
  });
});

describe('validateDistribution', () => {
  it.each([
    [null, 'latency: expected a distribution object'],
    [{ kind: 'gaussian' }, 'latency.kind: expected one of constant, uniform, exponential, normal, pareto; got "gaussian"'],
    [{ kind: 'constant', us: -1 }, 'latency.us: expected a non-negative integer'],
    [{ kind: 'constant', us: 1.5 }, 'latency.us: expected a non-negative integer'],
    [{ kind: 'uniform', minUs: 10, maxUs: 5 }, 'latency.maxUs: expected >= minUs (10)'],
    [{ kind: 'exponential', meanUs: 0 }, 'latency.meanUs: expected a finite number > 0'],
    [{ kind: 'normal', meanUs: 5, stddevUs: -1 }, 'latency.stddevUs: expected a finite number >= 0'],
    [{ kind: 'pareto', minUs: 10, alpha: 0, maxUs: 100 }, 'latency.alpha: expected a finite number > 0'],
    [{ kind: 'pareto', minUs: 10, alpha: 1 }, 'latency.maxUs: expected a non-negative integer'],
  ])('rejects %j with a one-line message naming the field', (json, message) => {
    const error = validateDistribution(json, 'latency');
    expect(error).toContain(message);
    expect(error).not.toContain('\n');
  });

  it('describes distributions for people', () => {
    expect(describeDistribution({ kind: 'uniform', minUs: 500, maxUs: 1500 })).toBe('uniform(500..1500us)');
    expect(describeDistribution({ kind: 'constant', us: 100 })).toBe('100us');
  });
});
