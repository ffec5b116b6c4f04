import { createRng } from '../sim/rng.ts';
import type { Rng } from '../sim/rng.ts';
import type { OptionSpec, OptionValue } from './scenario.ts';

/**
 * Option specs for scenario files, and their resolution: defaults, then draws from the seed,
 * then the user's `--set key=value` overrides, each checked against the option's type.
 */

type Source<T extends OptionValue> = { default: T } | { draw: (rng: Rng) => T };

/** An integer option in [min, max]; times are integer microseconds, so `…Us` options are ints. */
export function intOption(o: { doc: string; min: number; max: number } & Source<number>): OptionSpec<number> {
  return { type: 'int', ...o };
}

/** A real-valued option in [min, max] (probabilities, rates). */
export function numberOption(o: { doc: string; min: number; max: number } & Source<number>): OptionSpec<number> {
  return { type: 'number', ...o };
}

export function booleanOption(o: { doc: string } & Source<boolean>): OptionSpec<boolean> {
  return { type: 'boolean', ...o };
}

/** One of a fixed list of words. */
export function enumOption<T extends string>(o: { doc: string; values: readonly T[] } & Source<T>): OptionSpec<T> {
  return { type: 'enum', ...o };
}

/** The phase options every scenario shares (DESIGN.md §6), with the scenario's defaults. */
export function phaseOptions(defaults: { chaosUs: number; quietUs: number }): { chaosUs: OptionSpec<number>; quietUs: OptionSpec<number> } {
  return {
    chaosUs: intOption({ doc: 'faults happen before this simulated time (us); then heal-all', min: 0, max: 3_600_000_000, default: defaults.chaosUs }),
    quietUs: intOption({ doc: 'recovery period after heal-all (us) before the final phase', min: 0, max: 3_600_000_000, default: defaults.quietUs }),
  };
}

/** Parses one `--set` value for an option; returns the value or a message saying what is expected. */
export function parseOptionValue(key: string, spec: OptionSpec, text: string): { ok: true; value: OptionValue } | { ok: false; error: string } {
  const bad = (expected: string): { ok: false; error: string } => ({ ok: false, error: `option ${key} expects ${expected}, got '${text}'` });
  switch (spec.type) {
    case 'int': {
      const value = /^-?\d{1,16}$/.test(text) ? Number(text) : Number.NaN;
      return Number.isSafeInteger(value) && value >= spec.min && value <= spec.max ? { ok: true, value } : bad(`an integer in [${spec.min}, ${spec.max}]`);
    }
    case 'number': {
      const value = /^-?(\d+\.?\d*|\.\d+)(e-?\d+)?$/i.test(text) ? Number(text) : Number.NaN;
      return Number.isFinite(value) && value >= spec.min && value <= spec.max ? { ok: true, value } : bad(`a number in [${spec.min}, ${spec.max}]`);
    }
    case 'boolean':
      return text === 'true' || text === 'false' ? { ok: true, value: text === 'true' } : bad('true or false');
    case 'enum':
      return spec.values.includes(text) ? { ok: true, value: text } : bad(`one of ${spec.values.join(', ')}`);
    case 'string':
      return { ok: true, value: text };
  }
}

/** Whether a value (a default, a draw) fits its spec; the same rules as for user input. */
export function checkOptionValue(key: string, spec: OptionSpec, value: OptionValue): string | undefined {
  const parsed = parseOptionValue(key, spec, String(value));
  return parsed.ok && parsed.value === value ? undefined : `option ${key}: value ${JSON.stringify(value)} does not fit its spec`;
}

/** The result of resolving a scenario's options for one seed. */
export interface ResolvedOptions {
  /** Every option in force, in the scenario's declaration order. */
  readonly options: Record<string, OptionValue>;
  /** The options the seed chose (not set by the user), a subset of `options`. */
  readonly drawn: Record<string, OptionValue>;
}

/**
 * Resolves options: a user's `--set` wins, else the spec's default, else a draw from the seed.
 * Each drawn option gets its own stream (`options/<key>`), so adding an option does not change
 * what the seed draws for the others. Returns a one-line error for an unknown key or a bad value.
 */
export function resolveOptions(o: {
  specs: Readonly<Record<string, OptionSpec>>;
  seed: number;
  sets: readonly { key: string; text: string }[];
}): { ok: true; resolved: ResolvedOptions } | { ok: false; error: string } {
  const overrides = new Map<string, OptionValue>();
  for (const { key, text } of o.sets) {
    const spec = o.specs[key];
    if (spec === undefined) {
      return { ok: false, error: `unknown option '${key}'; valid keys: ${Object.keys(o.specs).join(', ')}` };
    }
    const parsed = parseOptionValue(key, spec, text);
    if (!parsed.ok) return parsed;
    overrides.set(key, parsed.value);
  }
  const root = createRng(o.seed).fork('options');
  const options: Record<string, OptionValue> = {};
  const drawn: Record<string, OptionValue> = {};
  for (const [key, spec] of Object.entries(o.specs)) {
    const override = overrides.get(key);
    if (override !== undefined) {
      options[key] = override;
    } else if (spec.draw !== undefined) {
      const value = spec.draw(root.fork(key));
      const error = checkOptionValue(key, spec, value);
      if (error !== undefined) throw new Error(`${error} (drawn from seed ${o.seed})`);
      options[key] = value;
      drawn[key] = value;
    } else {
      options[key] = spec.default;
    }
  }
  return { ok: true, resolved: { options, drawn } };
}

/** One line per option for `list` and error messages: key, type, default or "drawn", doc. */
export function describeOption(key: string, spec: OptionSpec): string {
  const type =
    spec.type === 'int' || spec.type === 'number'
      ? `${spec.type} ${spec.min}..${spec.max}`
      : spec.type === 'enum'
        ? spec.values.join('|')
        : spec.type;
  const source = spec.draw !== undefined ? 'drawn from the seed' : `default ${String(spec.default)}`;
  return `${key} (${type}, ${source}): ${spec.doc}`;
}
