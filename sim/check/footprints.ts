import type { Operation } from '../history.ts';
import type { Model } from './model.ts';

/**
 * A blame is what a failure of the search may depend on: one footprint (its id, 0 or more) or
 * `blameAll`, every footprint. Two different footprints together count as all of them, which is
 * safe (a failure that depends on some footprints also depends on any larger set) and loses
 * little: with the footprint reduction a level's failures all blame the level's own footprint.
 */
export const blameAll = -1;

/** The blame of two failures together. */
export function blameUnion(a: number, b: number): number {
  return a === b ? a : blameAll;
}

/** The operations' footprints (Model.footprint) as the search uses them: a dense id per distinct footprint. */
export interface Footprints {
  /** Per operation, its footprint id; -1 when it may touch the whole state. */
  readonly ids: Int32Array;
  /** Per footprint id, the footprint as the model gave it. */
  readonly values: readonly (string | number)[];
  /** Whether there are at least two footprints (counting "the whole state"), so reductions apply. */
  readonly several: boolean;
}

export function footprintsOf<State>(model: Model<State>, operations: readonly Operation[]): Footprints {
  const ids = new Int32Array(operations.length);
  const numbers = new Map<string | number, number>();
  let wholeState = false;
  for (let i = 0; i < operations.length; i++) {
    const footprint = model.footprint?.(operations[i]!);
    if (footprint !== undefined && !numbers.has(footprint)) numbers.set(footprint, numbers.size);
    const id = footprint === undefined ? -1 : numbers.get(footprint)!;
    wholeState ||= id < 0;
    ids[i] = id;
  }
  return { ids, values: [...numbers.keys()], several: numbers.size + (wholeState ? 1 : 0) > 1 };
}
