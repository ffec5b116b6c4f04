import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { copyDepthMax, copyFlatMessage, copyMessage } from '../../../sim/network/copy.ts';
import { Trace } from '../../../sim/trace.ts';
import { plainData } from './plain-data.ts';

/** Plain message data: what systems send. */
const plain = plainData({ bytes: true });

describe('copyMessage', () => {
  it('returns an equal value that shares no object with the original', () => {
    fc.assert(
      fc.property(plain, (m) => {
        const copy = copyMessage(m);
        expect(copy).toStrictEqual(m);
        const originals = new Set<unknown>();
        const collect = (v: unknown, into: (x: object) => void): void => {
          if (typeof v !== 'object' || v === null) return;
          into(v);
          if (!(v instanceof Uint8Array)) for (const x of Object.values(v)) collect(x, into);
        };
        collect(m, (x) => originals.add(x));
        let shared = false;
        collect(copy, (x) => (shared ||= originals.has(x)));
        return !shared;
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('copyFlatMessage copies what the trace digest calls flat exactly as copyMessage does, sharing nothing', () => {
    const flatRecord = fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean()), { maxKeys: 5, noNullPrototype: true });
    fc.assert(
      fc.property(fc.oneof(plain, flatRecord), (m) => {
        const flat = new Trace().mixMessage(m);
        // Bytes count as flat (numbers only) and are copied by copyMessage's own path.
        if (!(m instanceof Uint8Array)) {
          const nested = typeof m === 'object' && m !== null && (Array.isArray(m) || Object.values(m).some((v) => typeof v === 'object' || v === undefined));
          expect(flat).toBe(!nested);
        }
        if (!flat) return;
        const copy = copyFlatMessage(m);
        expect(copy).toStrictEqual(copyMessage(m));
        if (typeof m === 'object' && m !== null) expect(copy).not.toBe(m);
      }),
      { seed: 42, numRuns: 300 },
    );
    const proto = JSON.parse('{"__proto__": 1, "y": 2}') as Record<string, unknown>;
    expect(new Trace().mixMessage(proto)).toBe(true);
    expect(Object.keys(copyFlatMessage(proto))).toEqual(['__proto__', 'y']);
    expect(Object.getPrototypeOf(copyFlatMessage(proto))).toBe(Object.prototype);
    expect(() => copyFlatMessage(new Map())).toThrow(/Map is not plain data/);
  });

  it('copies bytes, including those of a Node Buffer', () => {
    const bytes = Buffer.from([1, 2, 3]);
    const copy = copyMessage({ bytes });
    copy.bytes[0] = 9;
    expect(bytes[0]).toBe(1);
    expect(copy.bytes).toBeInstanceOf(Uint8Array);
  });

  it('keeps a "__proto__" key as data', () => {
    const m = JSON.parse('{"__proto__": {"x": 1}, "y": 2}') as Record<string, unknown>;
    const copy = copyMessage(m);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(['__proto__', 'y']);
  });

  it('copies objects with a "constructor" key or no prototype', () => {
    expect(copyMessage({ constructor: 'x', n: 1 })).toStrictEqual({ constructor: 'x', n: 1 });
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { a: [1] });
    expect(copyMessage(bare)).toEqual({ a: [1] });
  });

  it('rejects values that are not plain data', () => {
    expect(() => copyMessage({ m: new Map() })).toThrow(/Map is not plain data/);
    expect(() => copyMessage([new Date(0)])).toThrow(/Date is not plain data/);
    expect(() => copyMessage({ f: () => 1 })).toThrow(/function is not plain data/);
  });

  it('stops at copyDepthMax, so a cycle cannot hang the run', () => {
    const cycle: Record<string, unknown> = {};
    cycle['self'] = cycle;
    expect(() => copyMessage(cycle)).toThrow(`nesting deeper than ${copyDepthMax}`);
  });
});
