import type { Value } from '../sim/history.ts';

/**
 * Human forms of numbers, durations and history values. All deterministic (no locale, no clock),
 * so two renders of the same input are byte-identical.
 */

/** A simulated duration in the largest unit that keeps it readable: `340 µs`, `12.5 ms`, `3.21 s`. */
export function formatUs(us: number): string {
  const abs = Math.abs(us);
  if (abs < 1_000) return `${trimFixed(us, 0)} µs`;
  if (abs < 1_000_000) return `${trimFixed(us / 1_000, abs < 10_000 ? 2 : 1)} ms`;
  if (abs < 60_000_000) return `${trimFixed(us / 1_000_000, 3)} s`;
  return `${trimFixed(us / 60_000_000, 2)} min`;
}

function trimFixed(n: number, digits: number): string {
  const text = n.toFixed(digits);
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** An integer with thin groups: `100 000`. */
export function formatCount(n: number): string {
  const text = Math.round(n).toString();
  return text.replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
}

/** A ratio with two significant decimals, or an em dash when undefined. */
export function formatRatio(numerator: number, denominator: number): string {
  if (denominator === 0) return '—';
  return trimFixed(numerator / denominator, 2);
}

/** A history value as people read it: `nil`, strings quoted, lists and maps as JSON. */
export function valueText(value: Value | undefined): string {
  if (value === undefined) return '?';
  if (value === null) return 'nil';
  return JSON.stringify(value);
}

/** Cuts long text at `charsMax`, marking the cut, so one huge value cannot swamp a page. */
export function clip(text: string, charsMax: number): string {
  return text.length <= charsMax ? text : `${text.slice(0, charsMax)}… (${formatCount(text.length)} chars)`;
}
