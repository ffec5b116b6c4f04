import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Network } from '../../../sim/network/network.ts';
import type { PartitionShape, ResolvedPartition } from '../../../sim/network/partition.ts';
import { createRng } from '../../../sim/rng.ts';
import type { NodeId } from '../../../sim/node-api.ts';

const clientIds = ['c0', 'c1'];

function network(nodeIds: readonly NodeId[], seed: number): Network<string> {
  return new Network<string>({ rng: createRng(seed), nodeIds, clientIds, options: { latency: { kind: 'constant', us: 1000 } } });
}

/** An independent oracle: which directed links a concrete shape keeps. */
function reaches(p: ResolvedPartition, from: NodeId, to: NodeId): boolean {
  if (from === to) return true;
  switch (p.shape) {
    case 'sides':
      return p.sides.some((side) => side.includes(from) && side.includes(to));
    case 'isolate':
      return from !== p.node && to !== p.node;
    case 'bridge':
      return from === p.node || to === p.node || p.halves.some((half) => half.includes(from) && half.includes(to));
    case 'ring': {
      const gap = Math.abs(p.order.indexOf(from) - p.order.indexOf(to));
      return gap === 1 || gap === p.order.length - 1;
    }
    case 'one-way':
      return !(p.from.includes(from) && p.to.includes(to));
  }
}

const nodeIdsArb = fc.integer({ min: 1, max: 9 }).map((n) => Array.from({ length: n }, (_, i) => `n${i + 1}`));

/** Any shape over the given nodes, with random parts left open (or filled in) as a plan would. */
function shapeArb(nodeIds: readonly NodeId[]): fc.Arbitrary<PartitionShape> {
  const id = fc.constantFrom(...nodeIds);
  const subset = fc.subarray([...nodeIds], { minLength: 1 });
  return fc.oneof(
    fc.constant({ shape: 'random-halves' } as const),
    fc.constant({ shape: 'majority-minority' } as const),
    fc.constant({ shape: 'isolate' } as const),
    id.map((node) => ({ shape: 'isolate', node }) as const),
    fc.constant({ shape: 'bridge' } as const),
    fc.constant({ shape: 'ring' } as const),
    fc.shuffledSubarray([...nodeIds], { minLength: nodeIds.length }).map((order) => ({ shape: 'ring', order }) as const),
    fc.tuple(subset, subset).map(([from, to]) => ({ shape: 'one-way', from, to }) as const),
    fc
      .array(fc.integer({ min: 0, max: 3 }), { minLength: nodeIds.length, maxLength: nodeIds.length })
      .map((sideOf) => ({ shape: 'sides', sides: [0, 1, 2].map((s) => nodeIds.filter((_, i) => sideOf[i] === s)) }) as const),
  );
}

const caseArb = nodeIdsArb.chain((nodeIds) => fc.record({ nodeIds: fc.constant(nodeIds), shape: shapeArb(nodeIds), seed: fc.integer() }));

function allPairs(ids: readonly NodeId[]): [NodeId, NodeId][] {
  return ids.flatMap((from) => ids.map((to): [NodeId, NodeId] => [from, to]));
}

describe('partitions', () => {
  it('canDeliver is false exactly across the cut, true within a side, and clients are never cut', () => {
    fc.assert(
      fc.property(caseArb, ({ nodeIds, shape, seed }) => {
        const net = network(nodeIds, seed);
        const { resolved } = net.apply({ kind: 'partition', partition: shape }, 0);
        if (resolved.kind !== 'partition') return false;
        const p = resolved.partition as ResolvedPartition;
        const nodesOk = allPairs(nodeIds).every(([from, to]) => net.canDeliver(from, to) === reaches(p, from, to));
        const clientsOk = nodeIds.every((n) => clientIds.every((c) => net.canDeliver(n, c) && net.canDeliver(c, n)));
        return nodesOk && clientsOk;
      }),
      { seed: 42, numRuns: 400 },
    );
  });

  it('route drops across the cut and delivers within a side', () => {
    fc.assert(
      fc.property(caseArb, ({ nodeIds, shape, seed }) => {
        const net = network(nodeIds, seed);
        net.apply({ kind: 'partition', partition: shape }, 0);
        return allPairs(nodeIds).every(([from, to]) => {
          const d = net.route({ from, to, nowUs: 1, item: 'm' });
          return net.canDeliver(from, to) ? d.kind === 'deliver' : d.kind === 'drop' && d.reason === 'partition';
        });
      }),
      { seed: 43, numRuns: 200 },
    );
  });

  it('heal restores full reachability, even after several partitions', () => {
    fc.assert(
      fc.property(nodeIdsArb.chain((ids) => fc.tuple(fc.constant(ids), fc.array(shapeArb(ids), { maxLength: 4 }), fc.integer())), ([ids, shapes, seed]) => {
        const net = network(ids, seed);
        for (const partition of shapes) net.apply({ kind: 'partition', partition }, 0);
        net.apply({ kind: 'heal' }, 0);
        return net.cuts().length === 0 && allPairs(ids).every(([from, to]) => net.canDeliver(from, to));
      }),
      { seed: 44, numRuns: 200 },
    );
  });

  it('partitions add up until heal', () => {
    const net = network(['n1', 'n2', 'n3'], 1);
    net.apply({ kind: 'partition', partition: { shape: 'one-way', from: ['n1'], to: ['n2'] } }, 0);
    net.apply({ kind: 'partition', partition: { shape: 'one-way', from: ['n3'], to: ['n1'] } }, 0);
    expect(net.cuts()).toEqual([
      { from: 'n1', to: 'n2' },
      { from: 'n3', to: 'n1' },
    ]);
  });

  it('a one-way cut stops only one direction', () => {
    fc.assert(
      fc.property(caseArb, ({ nodeIds, seed }) => {
        const net = network(nodeIds, seed);
        const rng = createRng(seed);
        const shuffled = rng.shuffle(nodeIds);
        const k = rng.int({ min: 1, max: nodeIds.length });
        const from = shuffled.slice(0, k);
        const to = shuffled.slice(k);
        net.apply({ kind: 'partition', partition: { shape: 'one-way', from, to } }, 0);
        return from.every((f) => to.every((t) => !net.canDeliver(f, t) && net.canDeliver(t, f)));
      }),
      { seed: 45, numRuns: 200 },
    );
  });

  it('a bridge node reaches both halves, which do not reach each other', () => {
    fc.assert(
      fc.property(nodeIdsArb, fc.integer(), (nodeIds, seed) => {
        const net = network(nodeIds, seed);
        const { resolved } = net.apply({ kind: 'partition', partition: { shape: 'bridge' } }, 0);
        if (resolved.kind !== 'partition' || resolved.partition.shape !== 'bridge') return false;
        const { node, halves } = resolved.partition;
        if (node === undefined || halves === undefined) return false;
        const [a, b] = halves;
        const covers = [node, ...a, ...b].sort().join() === [...nodeIds].sort().join();
        const sizesOk = Math.abs(a.length - b.length) <= 1;
        const bridgeOk = [...a, ...b].every((x) => net.canDeliver(node, x) && net.canDeliver(x, node));
        const apartOk = a.every((x) => b.every((y) => !net.canDeliver(x, y) && !net.canDeliver(y, x)));
        return covers && sizesOk && bridgeOk && apartOk;
      }),
      { seed: 46, numRuns: 200 },
    );
  });

  it('in a ring each node reaches only its two neighbours', () => {
    fc.assert(
      fc.property(nodeIdsArb, fc.integer(), (nodeIds, seed) => {
        const net = network(nodeIds, seed);
        net.apply({ kind: 'partition', partition: { shape: 'ring' } }, 0);
        const expected = Math.min(2, nodeIds.length - 1);
        return nodeIds.every((from) => nodeIds.filter((to) => to !== from && net.canDeliver(from, to)).length === expected);
      }),
      { seed: 47, numRuns: 200 },
    );
  });

  it('majority-minority gives the first side a strict majority; random halves differ by at most one', () => {
    fc.assert(
      fc.property(nodeIdsArb, fc.integer(), (nodeIds, seed) => {
        const net = network(nodeIds, seed);
        const majority = net.apply({ kind: 'partition', partition: { shape: 'majority-minority' } }, 0).resolved;
        const halves = net.apply({ kind: 'partition', partition: { shape: 'random-halves' } }, 0).resolved;
        if (majority.kind !== 'partition' || majority.partition.shape !== 'sides') return false;
        if (halves.kind !== 'partition' || halves.partition.shape !== 'sides') return false;
        const [big = [], small = []] = majority.partition.sides;
        const [h1 = [], h2 = []] = halves.partition.sides;
        return 2 * big.length > nodeIds.length && big.length + small.length === nodeIds.length && Math.abs(h1.length - h2.length) <= 1;
      }),
      { seed: 48, numRuns: 200 },
    );
  });

  it('the resolved form replays to the same cuts on a network with another seed', () => {
    fc.assert(
      fc.property(caseArb, ({ nodeIds, shape, seed }) => {
        const first = network(nodeIds, seed);
        const { resolved } = first.apply({ kind: 'partition', partition: shape }, 0);
        const replay = network(nodeIds, seed + 1);
        const again = replay.apply(resolved, 0);
        return JSON.stringify(again.resolved) === JSON.stringify(resolved) && JSON.stringify(replay.cuts()) === JSON.stringify(first.cuts());
      }),
      { seed: 49, numRuns: 200 },
    );
  });

  it('the same seed resolves random shapes the same way', () => {
    fc.assert(
      fc.property(caseArb, ({ nodeIds, shape, seed }) => {
        const a = network(nodeIds, seed).apply({ kind: 'partition', partition: shape }, 0);
        const b = network(nodeIds, seed).apply({ kind: 'partition', partition: shape }, 0);
        return JSON.stringify(a) === JSON.stringify(b);
      }),
      { seed: 50, numRuns: 200 },
    );
  });

  it('labels say which nodes ended up where', () => {
    const net = network(['n1', 'n2', 'n3', 'n4', 'n5'], 1);
    expect(net.apply({ kind: 'partition', partition: { shape: 'sides', sides: [['n1', 'n2']] } }, 0).label).toBe('partition sides n1 n2 | n3 n4 n5');
    expect(net.apply({ kind: 'partition', partition: { shape: 'isolate', node: 'n4' } }, 0).label).toBe('partition isolate n4');
    expect(net.apply({ kind: 'heal' }, 0).label).toBe('heal');
  });
});
