import { describe, expect, it } from 'vitest';
import { booleanOption, describeOption, enumOption, intOption, numberOption, parseOptionValue, resolveOptions } from '../../scenarios/options.ts';

const specs = {
  'sys.nodes': intOption({ doc: 'nodes', min: 1, max: 9, default: 3 }),
  'sys.loss': numberOption({ doc: 'loss', min: 0, max: 1, default: 0.1 }),
  'sys.fast': booleanOption({ doc: 'fast', default: false }),
  'sys.mode': enumOption({ doc: 'mode', values: ['a', 'b', 'c'] as const, default: 'a' }),
  'sys.drawn': intOption({ doc: 'drawn', min: 0, max: 1_000_000, draw: (rng) => rng.int({ min: 0, max: 1_000_000 }) }),
};

describe('scenario options', () => {
  it('uses defaults, draws from the seed, and lets --set win over both', () => {
    const plain = resolveOptions({ specs, seed: 1, sets: [] });
    expect(plain.ok).toBe(true);
    if (!plain.ok) return;
    expect(plain.resolved.options).toMatchObject({ 'sys.nodes': 3, 'sys.loss': 0.1, 'sys.fast': false, 'sys.mode': 'a' });
    expect(Object.keys(plain.resolved.drawn)).toEqual(['sys.drawn']);
    const set = resolveOptions({ specs, seed: 1, sets: [{ key: 'sys.drawn', text: '5' }, { key: 'sys.fast', text: 'true' }, { key: 'sys.loss', text: '.5' }] });
    expect(set).toMatchObject({ ok: true, resolved: { options: { 'sys.drawn': 5, 'sys.fast': true, 'sys.loss': 0.5 }, drawn: {} } });
  });

  it('draws the same value for a seed, different values for other seeds, independent of other options', () => {
    const drawn = (seed: number, extra: Record<string, ReturnType<typeof intOption>> = {}) => {
      const r = resolveOptions({ specs: { ...extra, ...specs }, seed, sets: [] });
      return r.ok ? r.resolved.drawn['sys.drawn'] : undefined;
    };
    expect(drawn(7)).toBe(drawn(7));
    expect(new Set([1, 2, 3, 4].map((seed) => drawn(seed))).size).toBe(4);
    const another = { 'sys.other': intOption({ doc: 'other', min: 0, max: 9, draw: (rng) => rng.int({ min: 0, max: 9 }) }) };
    expect(drawn(7, another)).toBe(drawn(7));
  });

  it('rejects an unknown key, listing the valid ones', () => {
    expect(resolveOptions({ specs, seed: 1, sets: [{ key: 'sys.node', text: '3' }] })).toEqual({
      ok: false,
      error: "unknown option 'sys.node'; valid keys: sys.nodes, sys.loss, sys.fast, sys.mode, sys.drawn",
    });
  });

  it.each([
    ['sys.nodes', '0', 'an integer in [1, 9]'],
    ['sys.nodes', '2.5', 'an integer in [1, 9]'],
    ['sys.nodes', '', 'an integer in [1, 9]'],
    ['sys.loss', '1.5', 'a number in [0, 1]'],
    ['sys.loss', 'NaN', 'a number in [0, 1]'],
    ['sys.fast', 'yes', 'true or false'],
    ['sys.mode', 'd', 'one of a, b, c'],
  ])('rejects %s=%j', (key, text, expected) => {
    const parsed = parseOptionValue(key, specs[key as keyof typeof specs], text);
    expect(parsed).toEqual({ ok: false, error: `option ${key} expects ${expected}, got '${text}'` });
  });

  it('describes options for list', () => {
    expect(describeOption('sys.mode', specs['sys.mode'])).toBe('sys.mode (a|b|c, default a): mode');
    expect(describeOption('sys.drawn', specs['sys.drawn'])).toBe('sys.drawn (int 0..1000000, drawn from the seed): drawn');
  });
});
