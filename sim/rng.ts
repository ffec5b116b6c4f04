import seedrandom from 'seedrandom';

/**
 * A seeded random stream. Every consumer in a run (node, link, client, fault generator) gets its
 * own stream by `fork(label)`, so adding a consumer never reshuffles the draws of the others.
 * This is the only module that imports seedrandom (DESIGN.md §2).
 */
export interface Rng {
  /** The seed string this stream was made from: forks are derived from it, never from draws. */
  readonly seed: string;
  /** A float in [0, 1). */
  float(): number;
  /** An integer in [min, max] (both inclusive). */
  int(range: { min: number; max: number }): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** A new array with the items in random order (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[];
  /** An independent stream whose seed depends only on this stream's seed and `label`. */
  fork(label: string): Rng;
}

/** Parses a user-given seed: a non-negative safe integer, or undefined when malformed. */
export function parseSeed(text: string): number | undefined {
  if (!/^\d{1,16}$/.test(text)) return undefined;
  const seed = Number(text);
  return Number.isSafeInteger(seed) ? seed : undefined;
}

/** The root stream of a run. */
export function createRng(seed: number | string): Rng {
  return new SeededRng(String(seed));
}

/**
 * A stream's generator is made at its first draw: making one hashes the seed string three times,
 * and a run forks about a hundred streams (per link, per disk and its fault kinds, per node
 * incarnation, per client) of which many never draw. Draws depend only on the seed, so when the
 * generator is made does not change them.
 */
class SeededRng implements Rng {
  readonly seed: string;
  private source: seedrandom.PRNG | undefined = undefined;

  constructor(seed: string) {
    this.seed = seed;
  }

  private begin(): seedrandom.PRNG {
    const source = seedrandom.alea(this.seed);
    this.source = source;
    return source;
  }

  float(): number {
    return (this.source ?? this.begin())();
  }

  int({ min, max }: { min: number; max: number }): number {
    if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
      throw new Error(`rng.int: bad range [${min}, ${max}]`);
    }
    return min + Math.floor((this.source ?? this.begin())() * (max - min + 1));
  }

  chance(p: number): boolean {
    return p > 0 && (this.source ?? this.begin())() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('rng.pick: empty array');
    return items[Math.floor((this.source ?? this.begin())() * items.length)] as T;
  }

  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor((this.source ?? this.begin())() * (i + 1));
      const tmp = out[i] as T;
      out[i] = out[j] as T;
      out[j] = tmp;
    }
    return out;
  }

  fork(label: string): Rng {
    return new SeededRng(`${this.seed}/${label}`);
  }
}
