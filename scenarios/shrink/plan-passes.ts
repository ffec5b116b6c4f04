import type { ShrinkPass } from './search.ts';

/** A plan step as the shrinker sees it: a time and a fault that has a kind and maybe a node. */
export interface ShrinkStep {
  readonly atUs: number;
  readonly fault: Readonly<Record<string, unknown>> & { readonly kind: string };
}

/** What is shrunk: the fault plan's steps and numeric scenario options (ops, clients, …). */
export interface ShrinkCandidate {
  readonly steps: readonly ShrinkStep[];
  /** Option name -> value, passed to the scenario as `--set name=value`. */
  readonly knobs: Readonly<Record<string, number>>;
}

/** A numeric option the shrinker may lower, and how far. */
export interface KnobSpec {
  readonly name: string;
  readonly min: number;
  /** A time (`chaosUs`) that must stay after every fault step, by at least WINDOW_US_MIN. */
  readonly aboveSteps?: boolean;
}

/** Windows shorter than this are left alone: below it a fault barely exists. */
export const WINDOW_US_MIN = 1_000;

/** Which fault kinds each ending kind closes (matched on the same node when both name one). */
const CLOSES: Readonly<Record<string, readonly string[]>> = {
  heal: ['partition'],
  release: ['hold'],
  'net-clear': ['net-rule'],
  restart: ['crash'],
  resume: ['pause'],
  'disk-clear': ['disk-full', 'disk-stall', 'disk-corrupt', 'disk-read-error', 'disk-slow'],
  'clock-reset': ['clock-offset', 'clock-drift', 'clock-jump'],
};

/**
 * Removes steps: first halves of the plan, then quarters, … down to single steps, so a plan whose
 * failure needs one step sheds the rest in a few runs.
 */
export const dropSteps: ShrinkPass<ShrinkCandidate> = function* (current) {
  const n = current.steps.length;
  const sizes: number[] = [];
  for (let size = Math.floor(n / 2); size > 1; size = Math.floor(size / 2)) sizes.push(size);
  if (n > 0) sizes.push(1);
  for (const size of sizes) {
    for (let start = 0; start < n; start += size) {
      yield { ...current, steps: [...current.steps.slice(0, start), ...current.steps.slice(start + size)] };
    }
  }
};

/** The index of the latest step before `end` that `end` closes, if any. */
function openerOf(steps: readonly ShrinkStep[], end: number): number | undefined {
  const closer = steps[end];
  const opens = closer === undefined ? undefined : CLOSES[closer.fault.kind];
  if (closer === undefined || opens === undefined) return undefined;
  for (let i = end - 1; i >= 0; i--) {
    const step = steps[i] as ShrinkStep;
    const sameNode = step.fault['node'] === undefined || closer.fault['node'] === undefined || step.fault['node'] === closer.fault['node'];
    if (opens.includes(step.fault.kind) && sameNode) return i;
  }
  return undefined;
}

/**
 * Shortens fault windows: moves each step that ends a window (heal, restart, resume, …) halfway
 * towards the step that opened it, keeping the plan ordered by time.
 */
export const shortenWindows: ShrinkPass<ShrinkCandidate> = function* (current) {
  for (let end = 0; end < current.steps.length; end++) {
    const opener = openerOf(current.steps, end);
    if (opener === undefined) continue;
    const startUs = (current.steps[opener] as ShrinkStep).atUs;
    const closer = current.steps[end] as ShrinkStep;
    const gapUs = closer.atUs - startUs;
    if (gapUs < 2 * WINDOW_US_MIN) continue;
    const moved = { ...closer, atUs: startUs + Math.floor(gapUs / 2) };
    const steps = current.steps.filter((_, i) => i !== end);
    const at = steps.findIndex((step, i) => i > opener && step.atUs > moved.atUs);
    steps.splice(at === -1 ? steps.length : at, 0, moved);
    yield { ...current, steps };
  }
};

/**
 * Moves steps earlier: each halfway towards the step before it (the first towards 0), so the
 * faults happen sooner and a shorter chaos phase (fewer operations) can still fail.
 */
export const advanceSteps: ShrinkPass<ShrinkCandidate> = function* (current) {
  for (let i = 0; i < current.steps.length; i++) {
    const step = current.steps[i] as ShrinkStep;
    const previousUs = i === 0 ? 0 : (current.steps[i - 1] as ShrinkStep).atUs;
    const gapUs = step.atUs - previousUs;
    if (gapUs < 2 * WINDOW_US_MIN) continue;
    const steps = current.steps.slice();
    steps[i] = { ...step, atUs: previousUs + Math.floor(gapUs / 2) };
    yield { ...current, steps };
  }
};

function floorOf(spec: KnobSpec, current: ShrinkCandidate): number {
  if (spec.aboveSteps !== true) return spec.min;
  const lastUs = current.steps.reduce((latest, step) => Math.max(latest, step.atUs), Number.NEGATIVE_INFINITY);
  return Math.max(spec.min, lastUs + WINDOW_US_MIN);
}

/** Lowers numeric options: straight to their floor first, else halfway there. */
export function lowerKnobs(specs: readonly KnobSpec[]): ShrinkPass<ShrinkCandidate> {
  return function* (current) {
    for (const spec of specs) {
      const value = current.knobs[spec.name];
      const floor = floorOf(spec, current);
      if (value === undefined || value <= floor) continue;
      yield { ...current, knobs: { ...current.knobs, [spec.name]: floor } };
      const halfway = Math.floor((value + floor) / 2);
      if (halfway > floor && halfway < value) yield { ...current, knobs: { ...current.knobs, [spec.name]: halfway } };
    }
  };
}
