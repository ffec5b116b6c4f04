import type { NodeId } from '../node-api.ts';
import type { Rng } from '../rng.ts';

/**
 * Partition shapes as plain data (DESIGN.md §4). Shapes with a random part (`random-halves`,
 * `majority-minority`, `isolate` without a node, `bridge` and `ring` without their layout) are
 * resolved with the network's rng into a concrete form (see `resolvePartition`) that replays
 * identically even after code changes. Partitions cut links between nodes only; clients are never
 * part of a shape.
 */
export type PartitionShape =
  /** Split into the given sides; nodes not listed form one more side. */
  | { readonly shape: 'sides'; readonly sides: readonly (readonly NodeId[])[] }
  | { readonly shape: 'random-halves' }
  /** A strict majority side and the rest. */
  | { readonly shape: 'majority-minority' }
  /** One node cut off from all others; omitted: drawn from the rng. */
  | { readonly shape: 'isolate'; readonly node?: NodeId }
  /** Two halves that cannot reach each other, joined by one node that reaches both. */
  | { readonly shape: 'bridge'; readonly node?: NodeId; readonly halves?: readonly [readonly NodeId[], readonly NodeId[]] }
  /** Each node reaches only its two neighbours in `order` (a cycle); omitted: a random order. */
  | { readonly shape: 'ring'; readonly order?: readonly NodeId[] }
  /** Messages from any `from` node to any `to` node are lost; the reverse direction works. */
  | { readonly shape: 'one-way'; readonly from: readonly NodeId[]; readonly to: readonly NodeId[] };

export type PartitionShapeName = PartitionShape['shape'];

/** The shape names in a fixed order (validation messages, nemesis draws). */
export const partitionShapeNames: readonly PartitionShapeName[] = [
  'sides',
  'random-halves',
  'majority-minority',
  'isolate',
  'bridge',
  'ring',
  'one-way',
];

/** A concrete shape: no part is left to the rng. */
export type ResolvedPartition =
  | { readonly shape: 'sides'; readonly sides: readonly (readonly NodeId[])[] }
  | { readonly shape: 'isolate'; readonly node: NodeId }
  | { readonly shape: 'bridge'; readonly node: NodeId; readonly halves: readonly [readonly NodeId[], readonly NodeId[]] }
  | { readonly shape: 'ring'; readonly order: readonly NodeId[] }
  | { readonly shape: 'one-way'; readonly from: readonly NodeId[]; readonly to: readonly NodeId[] };

/**
 * Fills in every random part of `shape` with draws from `rng`, in a fixed number of draws per
 * shape. Random halves and majority/minority become explicit sides; `sides` gains the implicit
 * side of unlisted nodes. Members of each drawn group keep the order of `nodeIds` so labels read well.
 */
export function resolvePartition(shape: PartitionShape, o: { rng: Rng; nodeIds: readonly NodeId[] }): ResolvedPartition {
  const { rng, nodeIds } = o;
  switch (shape.shape) {
    case 'sides':
      return { shape: 'sides', sides: completeSides(shape.sides, nodeIds) };
    case 'random-halves':
      return { shape: 'sides', sides: splitShuffled({ rng, nodeIds, firstSize: Math.floor(nodeIds.length / 2) }) };
    case 'majority-minority':
      return { shape: 'sides', sides: splitShuffled({ rng, nodeIds, firstSize: Math.floor(nodeIds.length / 2) + 1 }) };
    case 'isolate':
      return { shape: 'isolate', node: shape.node ?? rng.pick(nodeIds) };
    case 'bridge':
      return resolveBridge(shape, o);
    case 'ring':
      return { shape: 'ring', order: shape.order ?? rng.shuffle(nodeIds) };
    case 'one-way':
      return shape;
  }
}

/** A one-line description for people, e.g. `sides n1 n2 | n3 n4 n5`. */
export function describePartition(p: ResolvedPartition): string {
  switch (p.shape) {
    case 'sides':
      return `sides ${p.sides.map((s) => s.join(' ')).join(' | ')}`;
    case 'isolate':
      return `isolate ${p.node}`;
    case 'bridge':
      return `bridge ${p.halves[0].join(' ')} | ${p.node} | ${p.halves[1].join(' ')}`;
    case 'ring':
      return `ring ${p.order.join(' - ')}`;
    case 'one-way':
      return `one-way ${p.from.join(' ')} -> ${p.to.join(' ')}`;
  }
}

function completeSides(sides: readonly (readonly NodeId[])[], nodeIds: readonly NodeId[]): NodeId[][] {
  const listed = new Set(sides.flat());
  const rest = nodeIds.filter((id) => !listed.has(id));
  const all = sides.map((s) => s.slice());
  if (rest.length > 0) all.push(rest);
  return all.filter((s) => s.length > 0);
}

function splitShuffled(o: { rng: Rng; nodeIds: readonly NodeId[]; firstSize: number }): NodeId[][] {
  const first = new Set(o.rng.shuffle(o.nodeIds).slice(0, o.firstSize));
  const sides = [o.nodeIds.filter((id) => first.has(id)), o.nodeIds.filter((id) => !first.has(id))];
  return sides.filter((s) => s.length > 0);
}

function resolveBridge(
  shape: { readonly node?: NodeId; readonly halves?: readonly [readonly NodeId[], readonly NodeId[]] },
  o: { rng: Rng; nodeIds: readonly NodeId[] },
): ResolvedPartition {
  if (shape.node !== undefined && shape.halves !== undefined) return { shape: 'bridge', node: shape.node, halves: shape.halves };
  const node = shape.node ?? o.rng.pick(o.nodeIds);
  const others = o.nodeIds.filter((id) => id !== node);
  const [a = [], b = []] = splitShuffled({ rng: o.rng, nodeIds: others, firstSize: Math.floor(others.length / 2) });
  return { shape: 'bridge', node, halves: [a, b] };
}
