import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { corruptMessage } from '../../../sim/network/corrupt.ts';
import { createRng } from '../../../sim/rng.ts';

const message = fc.record({
  type: fc.constantFrom('put', 'get', 'ack'),
  key: fc.string({ maxLength: 8 }),
  version: fc.integer({ min: -1000, max: 1_000_000 }),
  ratio: fc.double({ noNaN: true }),
  ok: fc.boolean(),
  entries: fc.array(fc.record({ k: fc.string({ maxLength: 4 }), v: fc.integer() }), { maxLength: 3 }),
  payload: fc.uint8Array({ maxLength: 32 }),
});

/** Flattens a value into [path, leaf] pairs, strings and bytes split into positions. */
function leaves(v: unknown, path = ''): [string, unknown][] {
  if (typeof v === 'string') return [...v].map((c, i) => [`${path}[${i}]`, c] as [string, unknown]).concat([[`${path}.length`, v.length]]);
  if (v instanceof Uint8Array) return [...v].map((b, i) => [`${path}[${i}]`, b] as [string, unknown]);
  if (typeof v === 'object' && v !== null) return Object.entries(v).flatMap(([k, x]) => leaves(x, `${path}.${k}`));
  return [[path, v]];
}

describe('corruptMessage', () => {
  it('changes exactly one leaf of a copy and leaves the original alone', () => {
    fc.assert(
      fc.property(message, fc.integer(), (m, seed) => {
        const before = JSON.stringify(leaves(m));
        const corrupted = corruptMessage(m, createRng(seed));
        const a = leaves(m);
        const b = leaves(corrupted);
        const changed = a.filter(([path, x], i) => b[i]?.[0] !== path || !Object.is(b[i]?.[1], x));
        return JSON.stringify(leaves(m)) === before && a.length === b.length && changed.length === 1;
      }),
      { seed: 42, numRuns: 500 },
    );
  });

  it('is deterministic for a seed', () => {
    fc.assert(
      fc.property(message, fc.integer(), (m, seed) => {
        return JSON.stringify(leaves(corruptMessage(m, createRng(seed)))) === JSON.stringify(leaves(corruptMessage(m, createRng(seed))));
      }),
      { seed: 43, numRuns: 200 },
    );
  });

  it('reaches every position over many draws', () => {
    const rng = createRng(1);
    const hits = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const c = corruptMessage({ s: 'ab', n: 1, b: new Uint8Array([0, 0]), t: true }, rng);
      if (c.s[0] !== 'a') hits.add('s0');
      if (c.s[1] !== 'b') hits.add('s1');
      if (c.n !== 1) hits.add('n');
      if (c.b[0] !== 0) hits.add('b0');
      if (c.b[1] !== 0) hits.add('b1');
      if (!c.t) hits.add('t');
    }
    expect([...hits].sort()).toEqual(['b0', 'b1', 'n', 's0', 's1', 't']);
  });

  it('changes non-finite and huge numbers too', () => {
    const rng = createRng(2);
    expect(corruptMessage(NaN, rng)).toBe(0);
    expect(corruptMessage(1e300, rng)).not.toBe(1e300);
    expect(corruptMessage(3n, rng)).toBe(4n);
  });

  it('returns an unchanged copy when nothing can be corrupted', () => {
    const m = { a: null, b: [], c: '', d: undefined };
    const c = corruptMessage(m, createRng(3));
    expect(c).toStrictEqual(m);
    expect(c).not.toBe(m);
  });
});
