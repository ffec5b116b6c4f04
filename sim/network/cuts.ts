import type { NodeId } from '../node-api.ts';
import type { ResolvedPartition } from './partition.ts';

/** One directed link that a partition cuts: messages from `from` to `to` are lost. */
export interface Cut {
  readonly from: NodeId;
  readonly to: NodeId;
}

/**
 * The directed links a concrete partition cuts, in a defined order. A node never cuts itself off
 * from itself. `nodeIds` is needed for shapes defined by what they keep (ring) or by "everyone
 * else" (isolate).
 */
export function cutsOf(p: ResolvedPartition, nodeIds: readonly NodeId[]): Cut[] {
  switch (p.shape) {
    case 'sides':
      return cutsBetweenSides(p.sides);
    case 'isolate':
      return cutsBetweenSides([[p.node], nodeIds.filter((id) => id !== p.node)]);
    case 'bridge':
      return cutsBetweenSides(p.halves);
    case 'ring':
      return ringCuts(p.order);
    case 'one-way':
      return oneWayCuts(p.from, p.to);
  }
}

function cutsBetweenSides(sides: readonly (readonly NodeId[])[]): Cut[] {
  const cuts: Cut[] = [];
  sides.forEach((side, i) => {
    sides.forEach((other, j) => {
      if (i !== j) cuts.push(...oneWayCuts(side, other));
    });
  });
  return cuts;
}

function oneWayCuts(from: readonly NodeId[], to: readonly NodeId[]): Cut[] {
  const cuts: Cut[] = [];
  for (const f of from) {
    for (const t of to) {
      if (f !== t) cuts.push({ from: f, to: t });
    }
  }
  return cuts;
}

function ringCuts(order: readonly NodeId[]): Cut[] {
  const n = order.length;
  const cuts: Cut[] = [];
  order.forEach((from, i) => {
    order.forEach((to, j) => {
      const gap = Math.abs(i - j);
      const neighbours = gap === 1 || gap === n - 1;
      if (i !== j && !neighbours) cuts.push({ from, to });
    });
  });
  return cuts;
}
