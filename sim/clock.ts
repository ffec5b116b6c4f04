import { simAssert } from './assert.ts';
import { checkInteger, faultFields } from './fault-fields.ts';
import type { NodeId } from './node-api.ts';

/** Clock faults of one node, as plain JSON for fault plans (DESIGN.md §5). */
export type ClockFault =
  /** Sets the offset from true time (replacing the previous offset). */
  | { readonly kind: 'clock-offset'; readonly node: NodeId; readonly offsetUs: number }
  /** Sets the drift rate from now on; the drift gathered so far is kept, so the clock does not jump. */
  | { readonly kind: 'clock-drift'; readonly node: NodeId; readonly driftPpm: number }
  /** A step, forwards or backwards (an NTP step, a VM migration); steps add up. */
  | { readonly kind: 'clock-jump'; readonly node: NodeId; readonly deltaUs: number }
  /** Back to true time: no offset, no drift, no steps. */
  | { readonly kind: 'clock-reset'; readonly node: NodeId };

export type ClockFaultKind = ClockFault['kind'];

/** The fields of each kind besides `kind`, in the order messages list them. */
const fieldsOfKind: Readonly<Record<ClockFaultKind, readonly string[]>> = {
  'clock-offset': ['node', 'offsetUs'],
  'clock-drift': ['node', 'driftPpm'],
  'clock-jump': ['node', 'deltaUs'],
  'clock-reset': ['node'],
};

/** The kinds in a fixed order (for dispatch, nemesis choice and messages). */
export const clockFaultKinds = Object.keys(fieldsOfKind) as readonly ClockFaultKind[];

/** -1,000,000 ppm stops the clock; the bound forbids a clock that runs backwards by drift alone. */
export const DRIFT_PPM_MAX = 1_000_000;
/** About 115 days either way: far beyond any realistic skew, far inside exact integers. */
export const CLOCK_STEP_US_MAX = 10_000_000_000_000;

const PPM = 1_000_000;

export function isClockFaultKind(kind: unknown): kind is ClockFaultKind {
  return clockFaultKinds.includes(kind as ClockFaultKind);
}

/**
 * A node's wall clock: clockUs = trueUs + offsetUs + drift + jumps, where drift is driftPpm × the
 * true time elapsed since that rate was set (plus the drift gathered under earlier rates), and the
 * sum is rounded to the nearest integer (halves up). Drift is kept as whole microseconds plus a
 * remainder in ppm·µs, so the reading is exact (no float error) while it stays below 2^53, and does
 * not depend on how often the clock is read. The clock may go backwards (a negative jump, a
 * smaller offset); the true time the kernel passes in must not.
 */
export class SimClock {
  private offsetUs = 0;
  private jumpsUs = 0;
  private driftPpm = 0;
  private driftSinceUs = 0;
  /** Drift gathered under earlier rates: whole microseconds plus a remainder in [0, 10⁶) ppm·µs. */
  private driftEarlierUs = 0;
  private driftEarlierPpmUs = 0;
  private lastTrueUs = 0;

  /** The clock's reading at true time `trueUs`. */
  readUs(trueUs: number): number {
    this.observe(trueUs);
    const now = driftSince(this.driftPpm, trueUs - this.driftSinceUs);
    const restUs = floorDiv(this.driftEarlierPpmUs + now.ppmUs + PPM / 2, PPM);
    return trueUs + this.offsetUs + this.jumpsUs + this.driftEarlierUs + now.us + restUs;
  }

  /** Applies a fault at true time `trueUs`; returns the fault and a label for reports. */
  apply(f: ClockFault, trueUs: number): { resolved: ClockFault; label: string } {
    this.observe(trueUs);
    const on = `clock ${f.node}`;
    switch (f.kind) {
      case 'clock-offset':
        this.offsetUs = f.offsetUs;
        return { resolved: f, label: `${on} offset ${signed(f.offsetUs)}us` };
      case 'clock-drift':
        this.gatherDrift(trueUs);
        this.driftPpm = f.driftPpm;
        return { resolved: f, label: `${on} drift ${signed(f.driftPpm)}ppm` };
      case 'clock-jump':
        this.jumpsUs += f.deltaUs;
        return { resolved: f, label: `${on} jump ${signed(f.deltaUs)}us` };
      case 'clock-reset':
        this.offsetUs = 0;
        this.jumpsUs = 0;
        this.driftPpm = 0;
        this.driftSinceUs = trueUs;
        this.driftEarlierUs = 0;
        this.driftEarlierPpmUs = 0;
        return { resolved: f, label: `${on} reset to true time` };
    }
  }

  private gatherDrift(trueUs: number): void {
    const now = driftSince(this.driftPpm, trueUs - this.driftSinceUs);
    const rest = this.driftEarlierPpmUs + now.ppmUs;
    const carryUs = floorDiv(rest, PPM);
    this.driftEarlierUs += now.us + carryUs;
    this.driftEarlierPpmUs = rest - carryUs * PPM;
    this.driftSinceUs = trueUs;
  }

  /** True time is the kernel's and never goes back; a violation is a kernel bug. */
  private observe(trueUs: number): void {
    simAssert(Number.isSafeInteger(trueUs) && trueUs >= this.lastTrueUs, `SimClock: true time must be a non-decreasing integer; got ${trueUs} after ${this.lastTrueUs}`);
    this.lastTrueUs = trueUs;
  }
}

/** ppm × elapsed, split into whole microseconds and a remainder in ppm·µs; both parts exact. */
function driftSince(ppm: number, elapsedUs: number): { us: number; ppmUs: number } {
  const seconds = floorDiv(elapsedUs, PPM);
  return { us: ppm * seconds, ppmUs: ppm * (elapsedUs - seconds * PPM) };
}

/**
 * Checks one clock fault of a fault-plan file. Returns a one-line error naming the field and what
 * is expected (the plan validator prefixes the step), or undefined when valid.
 */
export function validateClockFault(json: unknown, nodeIds: readonly NodeId[]): string | undefined {
  const parsed = faultFields(json, { kinds: fieldsOfKind, nodeIds });
  if ('error' in parsed) return parsed.error;
  const step = { min: -CLOCK_STEP_US_MAX, max: CLOCK_STEP_US_MAX, what: 'microseconds' };
  switch (parsed.kind) {
    case 'clock-offset':
      return checkInteger(parsed.fields['offsetUs'], { field: 'offsetUs', ...step });
    case 'clock-drift':
      return checkInteger(parsed.fields['driftPpm'], { field: 'driftPpm', min: -DRIFT_PPM_MAX, max: DRIFT_PPM_MAX, what: 'parts per million' });
    case 'clock-jump':
      return checkInteger(parsed.fields['deltaUs'], { field: 'deltaUs', ...step });
    case 'clock-reset':
      return undefined;
  }
}

/** ⌊n / d⌋ for integers, corrected where the float quotient rounded across an integer. */
function floorDiv(n: number, d: number): number {
  let q = Math.floor(n / d);
  const rest = n - q * d;
  if (rest < 0) q--;
  else if (rest >= d) q++;
  return q === 0 ? 0 : q;
}

function signed(n: number): string {
  return n >= 0 ? `+${n}` : `${n}`;
}
