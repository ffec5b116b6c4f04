import type { Rng } from './rng.ts';

/**
 * A distribution of durations in microseconds, as plain data so it fits in JSON fault plans and
 * scenario options. Every sample is rounded to a non-negative integer: a float never becomes a time
 * (DESIGN.md §2). `maxUs`, where present, caps the tail so a run cannot stall on one draw.
 */
export type Distribution =
  | { readonly kind: 'constant'; readonly us: number }
  | { readonly kind: 'uniform'; readonly minUs: number; readonly maxUs: number }
  | { readonly kind: 'exponential'; readonly meanUs: number; readonly maxUs?: number }
  | { readonly kind: 'normal'; readonly meanUs: number; readonly stddevUs: number; readonly maxUs?: number }
  /** Long tail: most samples near `minUs`, a few far out; `alpha` > 0 shapes the tail (smaller is heavier). */
  | { readonly kind: 'pareto'; readonly minUs: number; readonly alpha: number; readonly maxUs: number };

export type DistributionKind = Distribution['kind'];

/** The kinds in a fixed order (for validation messages and random choice). */
export const distributionKinds: readonly DistributionKind[] = ['constant', 'uniform', 'exponential', 'normal', 'pareto'];

/** Draws one duration: always a non-negative integer, within the distribution's bounds. */
export function sampleUs(rng: Rng, d: Distribution): number {
  switch (d.kind) {
    case 'constant':
      return Math.max(0, Math.round(d.us));
    case 'uniform':
      return rng.int({ min: Math.ceil(d.minUs), max: Math.floor(d.maxUs) });
    case 'exponential':
      // 1 - float() lies in (0, 1], so the logarithm is finite.
      return clampUs(-d.meanUs * Math.log(1 - rng.float()), d.maxUs);
    case 'normal':
      return clampUs(d.meanUs + d.stddevUs * standardNormal(rng), d.maxUs);
    case 'pareto':
      return clampUs(d.minUs / Math.pow(1 - rng.float(), 1 / d.alpha), d.maxUs);
  }
}

/**
 * `sampleUs` of one distribution with its constants worked out once: the same draws and the same
 * results, for hot paths that sample one distribution many times (a link's latency, per message).
 */
export function samplerOf(d: Distribution): (rng: Rng) => number {
  switch (d.kind) {
    case 'constant': {
      const us = Math.max(0, Math.round(d.us));
      return () => us;
    }
    case 'uniform': {
      const minUs = Math.ceil(d.minUs);
      const maxUs = Math.floor(d.maxUs);
      // A bad range fails at the first draw, as sampleUs does (rng.int says why).
      if (!(Number.isInteger(minUs) && Number.isInteger(maxUs) && maxUs >= minUs)) return (rng) => sampleUs(rng, d);
      // rng.int's formula, without its per-call checks and range object.
      const spanUs = maxUs - minUs + 1;
      return (rng) => minUs + Math.floor(rng.float() * spanUs);
    }
    default:
      return (rng) => sampleUs(rng, d);
  }
}

/** The smallest and largest value `sampleUs` can return (max is Infinity when unbounded). */
export function boundsUs(d: Distribution): { minUs: number; maxUs: number } {
  switch (d.kind) {
    case 'constant': {
      const us = Math.max(0, Math.round(d.us));
      return { minUs: us, maxUs: us };
    }
    case 'uniform':
      return { minUs: Math.ceil(d.minUs), maxUs: Math.floor(d.maxUs) };
    case 'exponential':
    case 'normal':
      return { minUs: 0, maxUs: d.maxUs ?? Infinity };
    case 'pareto':
      return { minUs: Math.min(Math.round(d.minUs), d.maxUs), maxUs: d.maxUs };
  }
}

/** A short human form, e.g. `uniform(500..1500us)`. */
export function describeDistribution(d: Distribution): string {
  switch (d.kind) {
    case 'constant':
      return `${d.us}us`;
    case 'uniform':
      return `uniform(${d.minUs}..${d.maxUs}us)`;
    case 'exponential':
      return `exponential(mean ${d.meanUs}us${d.maxUs === undefined ? '' : `, max ${d.maxUs}us`})`;
    case 'normal':
      return `normal(mean ${d.meanUs}us, sd ${d.stddevUs}us${d.maxUs === undefined ? '' : `, max ${d.maxUs}us`})`;
    case 'pareto':
      return `pareto(min ${d.minUs}us, alpha ${d.alpha}, max ${d.maxUs}us)`;
  }
}

/**
 * Checks that `json` is a valid Distribution. Returns a one-line error naming the field (prefixed
 * by `field`) and what is expected, or undefined when valid.
 */
export function validateDistribution(json: unknown, field: string): string | undefined {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return `${field}: expected a distribution object like {"kind":"constant","us":1000}`;
  }
  const d = json as Record<string, unknown>;
  const at = (name: string): string => `${field}.${name}`;
  switch (d['kind']) {
    case 'constant':
      return nonNegativeInt(d['us'], at('us'));
    case 'uniform':
      return (
        nonNegativeInt(d['minUs'], at('minUs')) ??
        nonNegativeInt(d['maxUs'], at('maxUs')) ??
        ((d['maxUs'] as number) < (d['minUs'] as number) ? `${at('maxUs')}: expected >= minUs (${String(d['minUs'])})` : undefined)
      );
    case 'exponential':
      return positiveNumber(d['meanUs'], at('meanUs')) ?? optionalCap(d['maxUs'], at('maxUs'));
    case 'normal':
      return (
        nonNegativeNumber(d['meanUs'], at('meanUs')) ??
        nonNegativeNumber(d['stddevUs'], at('stddevUs')) ??
        optionalCap(d['maxUs'], at('maxUs'))
      );
    case 'pareto':
      return (
        positiveNumber(d['minUs'], at('minUs')) ??
        positiveNumber(d['alpha'], at('alpha')) ??
        nonNegativeInt(d['maxUs'], at('maxUs')) ??
        ((d['maxUs'] as number) < (d['minUs'] as number) ? `${at('maxUs')}: expected >= minUs (${String(d['minUs'])})` : undefined)
      );
    default:
      return `${at('kind')}: expected one of ${distributionKinds.join(', ')}; got ${JSON.stringify(d['kind'])}`;
  }
}

function clampUs(x: number, maxUs: number | undefined): number {
  const us = Math.max(0, Math.round(x));
  return maxUs === undefined ? us : Math.min(us, maxUs);
}

/** Box–Muller; uses one of the pair so each sample costs exactly two draws. */
function standardNormal(rng: Rng): number {
  const u1 = 1 - rng.float();
  const u2 = rng.float();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

function nonNegativeInt(v: unknown, field: string): string | undefined {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0
    ? undefined
    : `${field}: expected a non-negative integer (microseconds); got ${JSON.stringify(v)}`;
}

function nonNegativeNumber(v: unknown, field: string): string | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? undefined : `${field}: expected a finite number >= 0; got ${JSON.stringify(v)}`;
}

function positiveNumber(v: unknown, field: string): string | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? undefined : `${field}: expected a finite number > 0; got ${JSON.stringify(v)}`;
}

function optionalCap(v: unknown, field: string): string | undefined {
  return v === undefined ? undefined : nonNegativeInt(v, field);
}
