import { describe, expect, it } from 'vitest';
import { formatSeedRange, parseSeedRange } from '../../../scenarios/sweep/seed-range.ts';

describe('parseSeedRange', () => {
  it('reads A..B and a single seed', () => {
    expect(parseSeedRange('1..200')).toEqual({ ok: true, range: { first: 1, last: 200 } });
    expect(parseSeedRange('42')).toEqual({ ok: true, range: { first: 42, last: 42 } });
    expect(parseSeedRange('0..0')).toEqual({ ok: true, range: { first: 0, last: 0 } });
  });

  it('rejects malformed, reversed and oversized ranges with a fix in the message', () => {
    for (const text of ['', '1..', '..5', '5..1', '-1..3', '1.5..3', 'a..b', '1...3']) {
      const parsed = parseSeedRange(text);
      expect(parsed.ok, text).toBe(false);
      if (!parsed.ok) expect(parsed.error).toContain('--seeds A..B');
    }
    const huge = parseSeedRange('0..99999999');
    expect(huge.ok).toBe(false);
    if (!huge.ok) expect(huge.error).toContain('--shard');
  });

  it('formats what it parses', () => {
    for (const text of ['1..200', '7']) {
      const parsed = parseSeedRange(text);
      if (!parsed.ok) throw new Error(parsed.error);
      expect(formatSeedRange(parsed.range)).toBe(text);
    }
  });
});
