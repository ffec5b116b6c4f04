import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { copyDepthMax } from '../../../sim/network/copy.ts';
import { freezeMessage } from '../../../sim/network/freeze.ts';
import { plainData } from './plain-data.ts';

/** Plain message data that can be frozen whole (no typed arrays). */
const plain = plainData({ bytes: false });

/** Every object reachable from `v` (plain data: own enumerable values). */
function objectsOf(v: unknown, into: object[] = []): object[] {
  if (typeof v !== 'object' || v === null) return into;
  into.push(v);
  for (const x of Object.values(v)) objectsOf(x, into);
  return into;
}

describe('freezeMessage', () => {
  it('freezes every object of a message in place and changes no value', () => {
    fc.assert(
      fc.property(plain, (m) => {
        const before = structuredClone(m);
        expect(freezeMessage(m)).toBe(m);
        expect(m).toStrictEqual(before);
        return objectsOf(m).every((o) => Object.isFrozen(o));
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('makes writes anywhere in the message throw', () => {
    const m = freezeMessage({ n: 1, versions: [{ clock: { a: 1 } }] });
    expect(() => {
      (m as { n: number }).n = 2;
    }).toThrow(TypeError);
    expect(() => (m.versions as { clock: { a: number } }[]).push({ clock: { a: 2 } })).toThrow(TypeError);
    expect(() => {
      (m.versions[0] as { clock: { a: number } }).clock.a = 5;
    }).toThrow(TypeError);
    expect(m).toEqual({ n: 1, versions: [{ clock: { a: 1 } }] });
  });

  it('does not enter a subtree frozen by an earlier send', () => {
    const stored = freezeMessage([{ v: 1 }]);
    // A getter on a frozen object would run if the walk entered it; it must not.
    let entered = false;
    const spy = Object.freeze(
      Object.defineProperty({}, 'x', {
        enumerable: true,
        get: () => {
          entered = true;
          return 1;
        },
      }),
    );
    freezeMessage({ a: stored, b: spy });
    expect(entered).toBe(false);
  });

  it('freezes children before their parent, so a throw leaves no frozen parent of unfrozen data', () => {
    const inner = { ok: 1 };
    const m = { inner, bad: new Map() };
    expect(() => freezeMessage(m)).toThrow(/Map is not plain data/);
    expect(Object.isFrozen(inner)).toBe(true);
    expect(Object.isFrozen(m)).toBe(false);
  });

  it('rejects what cannot be frozen whole, and cycles', () => {
    expect(() => freezeMessage({ bytes: new Uint8Array(2) })).toThrow(/Uint8Array .*send such messages by copy/);
    expect(() => freezeMessage({ f: () => 1 })).toThrow(/function is not plain data/);
    expect(() => freezeMessage(new Date(0))).toThrow(/Date is not plain data/);
    const cycle: Record<string, unknown> = {};
    cycle['self'] = cycle;
    expect(() => freezeMessage(cycle)).toThrow(new RegExp(`deeper than ${copyDepthMax}`));
    expect(freezeMessage('text')).toBe('text');
  });
});
