import type { Operation } from '../history.ts';
import type { Model } from './model.ts';

/** A blame mask covering every footprint: a failure that may depend on the whole state. */
export const blameAll = -1;

/**
 * The operations' footprints (Model.footprint) as the search uses them: a dense id per distinct
 * footprint and a bit for blame masks. A blame mask is a set of footprints a failure may depend
 * on, as 32 bits: footprint id f sets bit f mod 32, so with more than 32 footprints a bit stands
 * for several and a mask over-approximates, which is safe (a failure that depends on a set of
 * footprints also depends on any larger set).
 */
export interface Footprints {
  /** Per operation, its footprint id; -1 when it may touch the whole state. */
  readonly ids: Int32Array;
  /** Per operation, its footprint's bit; `blameAll` when it may touch the whole state. */
  readonly masks: Int32Array;
  /** Per footprint id, the footprint as the model gave it. */
  readonly values: readonly (string | number)[];
  /** Per bit, the one footprint id that has it, or -1 when none or several share it. */
  readonly soleIdOfBit: Int32Array;
  /** Whether there are at least two footprints (counting "the whole state"), so reductions apply. */
  readonly several: boolean;
}

export function footprintsOf<State>(model: Model<State>, operations: readonly Operation[]): Footprints {
  const n = operations.length;
  const ids = new Int32Array(n);
  const masks = new Int32Array(n);
  const numbers = new Map<string | number, number>();
  let wholeState = false;
  for (let i = 0; i < n; i++) {
    const footprint = model.footprint?.(operations[i]!);
    if (footprint !== undefined && !numbers.has(footprint)) numbers.set(footprint, numbers.size);
    const id = footprint === undefined ? -1 : numbers.get(footprint)!;
    wholeState ||= id < 0;
    ids[i] = id;
    masks[i] = id < 0 ? blameAll : 1 << (id & 31);
  }
  const soleIdOfBit = new Int32Array(32).fill(-1);
  if (numbers.size <= 32) for (let id = 0; id < numbers.size; id++) soleIdOfBit[id] = id;
  return { ids, masks, values: [...numbers.keys()], soleIdOfBit, several: numbers.size + (wholeState ? 1 : 0) > 1 };
}

/** The footprint a blame mask names alone, or -1 when it covers several or the whole state. */
export function soleFootprint(footprints: Footprints, mask: number): number {
  if (mask === 0 || (mask & (mask - 1)) !== 0) return -1;
  return footprints.soleIdOfBit[31 - Math.clz32(mask)]!;
}
