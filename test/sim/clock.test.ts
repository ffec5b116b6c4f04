import { describe, expect, it } from 'vitest';
import { SimClock, validateClockFault } from '../../sim/clock.ts';

describe('SimClock', () => {
  it('reads true time when no fault is in force', () => {
    const clock = new SimClock();
    expect(clock.readUs(0)).toBe(0);
    expect(clock.readUs(123_456)).toBe(123_456);
  });

  it('adds an offset, replacing the previous one', () => {
    const clock = new SimClock();
    expect(clock.apply({ kind: 'clock-offset', node: 'n1', offsetUs: 5000 }, 10).label).toBe('clock n1 offset +5000us');
    expect(clock.readUs(100)).toBe(5100);
    clock.apply({ kind: 'clock-offset', node: 'n1', offsetUs: -200 }, 100);
    expect(clock.readUs(1000)).toBe(800);
  });

  it('drifts from the moment the rate is set, keeping earlier drift', () => {
    const clock = new SimClock();
    clock.apply({ kind: 'clock-drift', node: 'n1', driftPpm: 1000 }, 1_000_000);
    expect(clock.readUs(1_000_000)).toBe(1_000_000);
    expect(clock.readUs(2_000_000)).toBe(2_001_000);
    clock.apply({ kind: 'clock-drift', node: 'n1', driftPpm: -500 }, 2_000_000);
    expect(clock.readUs(2_000_000)).toBe(2_001_000);
    expect(clock.readUs(4_000_000)).toBe(4_000_000);
  });

  it('rounds sub-microsecond drift to the nearest integer', () => {
    const clock = new SimClock();
    clock.apply({ kind: 'clock-drift', node: 'n1', driftPpm: 1 }, 0);
    expect(clock.readUs(499_999)).toBe(499_999);
    expect(clock.readUs(500_000)).toBe(500_001);
    clock.apply({ kind: 'clock-drift', node: 'n1', driftPpm: -3 }, 500_000);
    expect(clock.readUs(500_000)).toBe(500_001);
    expect(clock.readUs(1_000_000)).toBe(999_999);
  });

  it('adds jumps, which may send the clock backwards, and resets to true time', () => {
    const clock = new SimClock();
    clock.apply({ kind: 'clock-jump', node: 'n1', deltaUs: 2000 }, 0);
    expect(clock.apply({ kind: 'clock-jump', node: 'n1', deltaUs: -5000 }, 10).label).toBe('clock n1 jump -5000us');
    expect(clock.readUs(10_000)).toBe(7000);
    clock.apply({ kind: 'clock-drift', node: 'n1', driftPpm: 50 }, 10_000);
    expect(clock.apply({ kind: 'clock-reset', node: 'n1' }, 20_000).label).toBe('clock n1 reset to true time');
    expect(clock.readUs(3_000_000)).toBe(3_000_000);
  });

  it('refuses true time that goes backwards (a kernel bug)', () => {
    const clock = new SimClock();
    clock.readUs(100);
    expect(() => clock.readUs(99)).toThrow(/non-decreasing/);
  });
});

describe('validateClockFault', () => {
  const nodes = ['n1', 'n2', 'n3'];
  it('accepts every well-formed kind', () => {
    for (const f of [
      { kind: 'clock-offset', node: 'n1', offsetUs: -5000 },
      { kind: 'clock-drift', node: 'n2', driftPpm: 200 },
      { kind: 'clock-jump', node: 'n3', deltaUs: 1_000_000 },
      { kind: 'clock-reset', node: 'n1' },
    ]) {
      expect(validateClockFault(f, nodes)).toBeUndefined();
    }
  });

  it('names the field and what is expected, in one line', () => {
    const cases: [unknown, RegExp][] = [
      ['clock-jump', /^fault: expected an object/],
      [{ kind: 'clock-skew', node: 'n1' }, /^fault\.kind: expected one of clock-offset, clock-drift, clock-jump, clock-reset; got "clock-skew"$/],
      [{ kind: 'clock-reset', node: 'n7' }, /^fault\.node: unknown node "n7"; known: n1, n2, n3$/],
      [{ kind: 'clock-offset', node: 'n1', offsetUs: 1.5 }, /^fault\.offsetUs: expected an integer from -\d+ to \d+ \(microseconds\); got 1\.5$/],
      [{ kind: 'clock-drift', node: 'n1', driftPpm: 2_000_000 }, /^fault\.driftPpm: expected an integer from -1000000 to 1000000 \(parts per million\); got 2000000$/],
      [{ kind: 'clock-jump', node: 'n1', deltaUs: '1s' }, /^fault\.deltaUs: .*; got "1s"$/],
      [{ kind: 'clock-jump', node: 'n1', deltaUs: 5, offsetUs: 3 }, /^fault\.offsetUs: not a field of clock-jump; its fields are kind, node, deltaUs$/],
    ];
    for (const [json, expected] of cases) {
      const error = validateClockFault(json, nodes);
      expect(error).toMatch(expected);
      expect(error).not.toContain('\n');
    }
  });
});
