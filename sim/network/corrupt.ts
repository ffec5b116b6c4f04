import type { Rng } from '../rng.ts';
import { copyMessage } from './copy.ts';

/** Leaves visited at most when looking for one to corrupt: a limit on the walk. */
export const corruptLeavesMax = 1_000_000;

type Slot = { readonly parent: Record<string, unknown> | unknown[]; readonly key: string | number };

/**
 * A copy of `m` with exactly one leaf changed, drawn from `rng`: a character of a string, a byte
 * of a Uint8Array, a number or a boolean. Positions are weighted by size (each character and
 * each byte is one position), as a bit flip on the wire would be. Corruption always changes the
 * value, so a checksum can detect it. A message with no such leaf (only null, undefined, empty
 * strings or empty containers) is returned as an unchanged copy.
 */
export function corruptMessage<M>(m: M, rng: Rng): M {
  const holder: unknown[] = [copyMessage(m)];
  const total = countPositions(holder[0]);
  if (total === 0) return holder[0] as M;
  let target = rng.int({ min: 0, max: total - 1 });
  visitLeaves({ parent: holder, key: 0 }, (slot, positions) => {
    if (target >= positions) {
      target -= positions;
      return false;
    }
    changeLeaf(slot, target, rng);
    return true;
  });
  return holder[0] as M;
}

function countPositions(v: unknown): number {
  let total = 0;
  let leaves = 0;
  visitLeaves({ parent: [v], key: 0 }, (_slot, positions) => {
    total += positions;
    if (++leaves > corruptLeavesMax) throw new Error(`corruptMessage: more than ${corruptLeavesMax} leaves`);
    return false;
  });
  return total;
}

/** Depth-first over corruptible leaves in key order; stops when `visit` returns true. */
function visitLeaves(root: Slot, visit: (slot: Slot, positions: number) => boolean): boolean {
  const v = read(root);
  if (typeof v === 'string') return v.length > 0 && visit(root, v.length);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return visit(root, 1);
  if (v instanceof Uint8Array) return v.length > 0 && visit(root, v.length);
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) if (visitLeaves({ parent: v, key: i }, visit)) return true;
    return false;
  }
  if (typeof v === 'object' && v !== null) {
    const obj = v as Record<string, unknown>;
    for (const key of Object.keys(obj)) if (visitLeaves({ parent: obj, key }, visit)) return true;
  }
  return false;
}

function read(slot: Slot): unknown {
  return (slot.parent as Record<string | number, unknown>)[slot.key];
}

function write(slot: Slot, value: unknown): void {
  (slot.parent as Record<string | number, unknown>)[slot.key] = value;
}

/** Changes the leaf at `position` (a character or byte index; 0 for scalars) to a different value. */
function changeLeaf(slot: Slot, position: number, rng: Rng): void {
  const v = read(slot);
  if (typeof v === 'string') {
    const code = v.charCodeAt(position);
    const changed = String.fromCharCode(code ^ (1 << rng.int({ min: 0, max: 6 })));
    write(slot, v.slice(0, position) + changed + v.slice(position + 1));
  } else if (v instanceof Uint8Array) {
    v[position] = (v[position] ?? 0) ^ (1 << rng.int({ min: 0, max: 7 }));
  } else if (typeof v === 'boolean') {
    write(slot, !v);
  } else if (typeof v === 'bigint') {
    write(slot, v + 1n);
  } else if (typeof v === 'number') {
    write(slot, changedNumber(v, rng));
  }
}

function changedNumber(v: number, rng: Rng): number {
  if (Number.isSafeInteger(v) && Math.abs(v) < 2 ** 30) return v ^ (1 << rng.int({ min: 0, max: 7 }));
  if (!Number.isFinite(v)) return 0;
  // A relative step of 2^-20 (at least 1) is far above float precision, so the value changes.
  return v + Math.max(1, Math.abs(v) * 2 ** -20) * (rng.chance(0.5) ? 1 : -1);
}
