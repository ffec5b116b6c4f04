import { describe, expect, it } from 'vitest';
import { ProgressDisplay, etaMs, formatDuration, formatProgressBar, formatProgressLine } from '../../../scenarios/sweep/progress.ts';
import type { ProgressState } from '../../../scenarios/sweep/progress.ts';

const counts = { pass: 118, safety: 2, liveness: 0, unknown: 0, crashed: 0 };
const state: ProgressState = { done: 120, total: 200, counts, elapsedMs: 60_000 };

describe('progress formatting', () => {
  it('estimates the time left from the mean time per seed', () => {
    expect(etaMs(state)).toBe(40_000);
    expect(etaMs({ ...state, done: 0 })).toBeUndefined();
    expect(formatDuration(75_000)).toBe('1:15');
    expect(formatDuration(3_725_000)).toBe('1:02:05');
  });

  it('draws a bar with counts by verdict and the estimate, within the width', () => {
    const bar = formatProgressBar(state, 80);
    expect(bar).toContain('120/200 pass 118, safety 2 | ETA 0:40');
    expect(bar.length).toBeLessThanOrEqual(80);
    expect(bar).toMatch(/^\[#+\.+\]/);
    expect(formatProgressBar(state, 20).length).toBeLessThanOrEqual(20);
    expect(formatProgressBar(state, 0)).toBe(formatProgressBar(state, 80));
  });

  it('writes a plain line for logs', () => {
    expect(formatProgressLine(state)).toBe('120/200 seeds (pass 118, safety 2), 1:00 elapsed, ETA 0:40');
  });
});

describe('ProgressDisplay', () => {
  const make = (isTTY: boolean): { display: ProgressDisplay; out: string[]; setNow: (ms: number) => void } => {
    const out: string[] = [];
    let now = 0;
    const display = new ProgressDisplay({ isTTY, columns: 80, write: (text) => out.push(text) }, { nowMs: () => now, redrawMs: 100, lineEveryMs: 10_000 });
    return { display, out, setNow: (ms) => (now = ms) };
  };

  it('redraws one terminal line in place, throttled, and ends it', () => {
    const { display, out, setNow } = make(true);
    display.update({ ...state, done: 1 });
    setNow(50);
    display.update({ ...state, done: 2 });
    setNow(150);
    display.update({ ...state, done: 3 });
    display.update({ ...state, done: 200 });
    display.finish();
    expect(out).toHaveLength(4);
    expect(out.slice(0, 3).every((text) => text.startsWith('\r') && text.endsWith('\x1b[K'))).toBe(true);
    expect(out[3]).toBe('\n');
  });

  it('prints a plain line every interval and at the end when not a terminal', () => {
    const { display, out, setNow } = make(false);
    display.update({ ...state, done: 0 });
    display.update({ ...state, done: 1 });
    setNow(5_000);
    display.update({ ...state, done: 2 });
    setNow(12_000);
    display.update({ ...state, done: 3 });
    display.update({ ...state, done: 200 });
    display.finish();
    expect(out.map((line) => line.split(' ')[0])).toEqual(['1/200', '3/200', '200/200']);
    expect(out.every((line) => line.endsWith('\n') && !line.includes('\r'))).toBe(true);
  });
});
