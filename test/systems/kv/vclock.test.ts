import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { advanceClock, clockText, compareClocks, descends, mergeClocks } from '../../../systems/kv/vclock.ts';
import type { VClock } from '../../../systems/kv/vclock.ts';

const clockArb: fc.Arbitrary<VClock> = fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd'), fc.integer({ min: 0, max: 5 }));

describe('vector clocks', () => {
  it('orders by entry-wise domination', () => {
    expect(compareClocks({ a: 1 }, { a: 2 })).toBe('before');
    expect(compareClocks({ a: 2, b: 1 }, { a: 2 })).toBe('after');
    expect(compareClocks({ a: 1 }, { b: 1 })).toBe('concurrent');
    expect(compareClocks({ a: 1, b: 0 }, { a: 1 })).toBe('equal');
  });

  it('merge is the least upper bound: commutative, associative, idempotent, descends both', () => {
    fc.assert(
      fc.property(clockArb, clockArb, clockArb, (a, b, c) => {
        const ab = mergeClocks(a, b);
        expect(clockText(ab)).toBe(clockText(mergeClocks(b, a)));
        expect(clockText(mergeClocks(ab, c))).toBe(clockText(mergeClocks(a, mergeClocks(b, c))));
        expect(clockText(mergeClocks(a, a))).toBe(clockText(a));
        expect(descends(ab, a) && descends(ab, b)).toBe(true);
        if (descends(c, a) && descends(c, b)) expect(descends(c, ab)).toBe(true);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('compare is antisymmetric', () => {
    const flip = { before: 'after', after: 'before', equal: 'equal', concurrent: 'concurrent' } as const;
    fc.assert(
      fc.property(clockArb, clockArb, (a, b) => {
        expect(compareClocks(b, a)).toBe(flip[compareClocks(a, b)]);
      }),
      { seed: 3, numRuns: 300 },
    );
  });

  it('advancing makes a strictly later clock and refuses to go back', () => {
    fc.assert(
      fc.property(clockArb, (a) => {
        const next = advanceClock(a, { node: 'a', counter: (a['a'] ?? 0) + 1 });
        expect(compareClocks(a, next)).toBe('before');
      }),
      { seed: 5, numRuns: 200 },
    );
    expect(() => advanceClock({ a: 3 }, { node: 'a', counter: 3 })).toThrow(/does not advance/);
  });

  it('advancing makes what merging with the one entry makes, entries in the same order', () => {
    fc.assert(
      fc.property(clockArb, fc.constantFrom('a', 'b', 'c', 'd', 'e'), fc.integer({ min: 1, max: 3 }), (a, node, step) => {
        const counter = (a[node] ?? 0) + step;
        const merged = mergeClocks(a, { [node]: counter });
        // Both the ordered clocks the store makes and arbitrary insertion orders.
        for (const clock of [mergeClocks(a, {}), a]) {
          const next = advanceClock(clock, { node, counter });
          expect(Object.entries(next)).toEqual(Object.entries(merged));
        }
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});
