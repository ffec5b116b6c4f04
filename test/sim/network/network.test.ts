import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Distribution } from '../../../sim/distributions.ts';
import { Network, type RouteDecision } from '../../../sim/network/network.ts';
import type { NetworkOptions } from '../../../sim/network/options.ts';
import type { NetworkRule } from '../../../sim/network/rules.ts';
import { createRng } from '../../../sim/rng.ts';

const nodeIds = ['n1', 'n2', 'n3'];
const clientIds = ['c0'];
const ms: Distribution = { kind: 'constant', us: 1000 };

function network(o: Partial<NetworkOptions> & { seed?: number } = {}): Network<number> {
  const { seed = 1, ...options } = o;
  return new Network<number>({ rng: createRng(seed), nodeIds, clientIds, options: { latency: ms, ...options } });
}

function delays(d: RouteDecision): number[] {
  return d.kind === 'deliver' ? d.copies.map((c) => c.delayUs) : [];
}

function send(net: Network<number>, o: { from?: string; to?: string; nowUs?: number; item?: number } = {}): RouteDecision {
  return net.route({ from: o.from ?? 'n1', to: o.to ?? 'n2', nowUs: o.nowUs ?? 0, item: o.item ?? 0 });
}

describe('Network.route', () => {
  it('delivers one intact copy after the base latency, and uses the client latency on client links', () => {
    const net = network({ clientLatency: { kind: 'constant', us: 7 } });
    expect(send(net)).toEqual({ kind: 'deliver', copies: [{ delayUs: 1000, corrupt: false }] });
    expect(delays(send(net, { from: 'c0', to: 'n1' }))).toEqual([7]);
    expect(delays(send(net, { from: 'n3', to: 'c0' }))).toEqual([7]);
  });

  it('defaults client links to 100 us', () => {
    expect(delays(send(network(), { from: 'c0', to: 'n1' }))).toEqual([100]);
  });

  it('lets the first fate rule that fires decide', () => {
    const lossFirst = network({ rules: [{ kind: 'loss', p: 1 }, { kind: 'duplicate', p: 1 }] });
    expect(send(lossFirst)).toEqual({ kind: 'drop', reason: 'loss' });
    const duplicateFirst = network({ rules: [{ kind: 'duplicate', p: 1, copies: 3 }, { kind: 'loss', p: 1 }] });
    expect(delays(send(duplicateFirst))).toEqual([1000, 1000, 1000]);
    const corruptFirst = network({ rules: [{ kind: 'loss', p: 0 }, { kind: 'corrupt', p: 1 }, { kind: 'loss', p: 1 }] });
    expect(send(corruptFirst)).toEqual({ kind: 'deliver', copies: [{ delayUs: 1000, corrupt: true }] });
  });

  it('applies rules to node links only unless a rule names a client', () => {
    const net = network({ rules: [{ kind: 'loss', p: 1 }] });
    expect(send(net).kind).toBe('drop');
    expect(send(net, { from: 'c0', to: 'n1' }).kind).toBe('deliver');
    expect(send(net, { from: 'n1', to: 'c0' }).kind).toBe('deliver');
    const named = network({ rules: [{ kind: 'loss', p: 1, to: ['c0'] }] });
    expect(send(named, { from: 'n1', to: 'c0' }).kind).toBe('drop');
    expect(send(named, { from: 'c0', to: 'n1' }).kind).toBe('deliver');
    expect(send(named).kind).toBe('deliver');
  });

  it('never applies rules or holds to a node sending to itself', () => {
    const net = network({ rules: [{ kind: 'loss', p: 1 }, { kind: 'latency', latency: { kind: 'constant', us: 5 } }] });
    net.apply({ kind: 'hold' }, 0);
    expect(send(net, { from: 'n2', to: 'n2' })).toEqual({ kind: 'deliver', copies: [{ delayUs: 1000, corrupt: false }] });
  });

  it('restricts a rule to the links it names, one direction only', () => {
    const net = network({ rules: [{ kind: 'loss', p: 1, from: ['n1'], to: ['n2'] }] });
    expect(send(net, { from: 'n1', to: 'n2' }).kind).toBe('drop');
    expect(send(net, { from: 'n2', to: 'n1' }).kind).toBe('deliver');
    expect(send(net, { from: 'n1', to: 'n3' }).kind).toBe('deliver');
  });

  it('takes the first matching latency rule in chain order', () => {
    const net = network({
      rules: [
        { kind: 'latency', latency: { kind: 'constant', us: 5 }, from: ['n1'] },
        { kind: 'latency', latency: { kind: 'constant', us: 9 } },
      ],
    });
    expect(delays(send(net, { from: 'n1' }))).toEqual([5]);
    expect(delays(send(net, { from: 'n2', to: 'n3' }))).toEqual([9]);
  });

  it('reorders by an independent extra delay per copy, within its bounds', () => {
    const net = network({ rules: [{ kind: 'reorder', extraUs: { kind: 'uniform', minUs: 0, maxUs: 50_000 } }] });
    const seen = Array.from({ length: 200 }, () => delays(send(net))[0] ?? -1);
    expect(seen.every((d) => d >= 1000 && d <= 51_000)).toBe(true);
    expect(new Set(seen).size).toBeGreaterThan(100);
  });

  it('reorders only with probability p', () => {
    const net = network({ rules: [{ kind: 'reorder', p: 0, extraUs: { kind: 'constant', us: 50_000 } }] });
    expect(delays(send(net))).toEqual([1000]);
  });

  it('queues copies on a capacity-limited link and drops beyond its queue', () => {
    const net = network({ rules: [{ kind: 'capacity', msgsPerSec: 1000, queueMax: 3 }] });
    // One copy goes on the link at once, three wait, the fifth finds the queue full.
    expect([0, 1, 2, 3, 4].map(() => delays(send(net, { nowUs: 0 })))).toEqual([[1000], [2000], [3000], [4000], []]);
    expect(send(net, { nowUs: 0 })).toEqual({ kind: 'drop', reason: 'capacity-full' });
    // Each link has its own queue; after the backlog drains the link is free again.
    expect(delays(send(net, { from: 'n2', to: 'n1', nowUs: 0 }))).toEqual([1000]);
    expect(delays(send(net, { nowUs: 10_000 }))).toEqual([1000]);
  });

  it('puts duplicated copies through the capacity queue too', () => {
    const net = network({ rules: [{ kind: 'duplicate', p: 1 }, { kind: 'capacity', msgsPerSec: 100 }] });
    expect(delays(send(net))).toEqual([1000, 11_000]);
  });

  it('caps duplicate copies', () => {
    const net = network({ rules: [{ kind: 'duplicate', p: 1, copies: 1000 }] });
    expect(delays(send(net))).toHaveLength(10);
  });

  it('loses about p of the messages', () => {
    const net = network({ rules: [{ kind: 'loss', p: 0.3 }] });
    const dropped = Array.from({ length: 10_000 }, () => send(net)).filter((d) => d.kind === 'drop').length;
    expect(dropped).toBeGreaterThan(2700);
    expect(dropped).toBeLessThan(3300);
  });

  it('drops a message sent across a partition and re-checks at delivery time', () => {
    const net = network();
    expect(send(net).kind).toBe('deliver');
    net.apply({ kind: 'partition', partition: { shape: 'isolate', node: 'n2' } }, 10);
    expect(net.canDeliver('n1', 'n2')).toBe(false);
    expect(send(net, { nowUs: 10 })).toEqual({ kind: 'drop', reason: 'partition' });
  });

  it('refuses time going backwards and unknown endpoints', () => {
    const net = network();
    send(net, { nowUs: 100 });
    expect(() => send(net, { nowUs: 99 })).toThrow(/time went backwards/);
    expect(() => send(net, { to: 'n9', nowUs: 100 })).toThrow(/unknown endpoint "n9"/);
  });

  it('gives the same decisions for the same seed', () => {
    const ruleArb: fc.Arbitrary<NetworkRule> = fc.oneof(
      fc.record({ kind: fc.constant('loss' as const), p: fc.double({ min: 0, max: 1, noNaN: true }) }),
      fc.record({ kind: fc.constant('duplicate' as const), p: fc.double({ min: 0, max: 1, noNaN: true }) }),
      fc.record({ kind: fc.constant('corrupt' as const), p: fc.double({ min: 0, max: 1, noNaN: true }) }),
      fc.constant({ kind: 'reorder', extraUs: { kind: 'exponential', meanUs: 5000 } } as const),
      fc.constant({ kind: 'capacity', msgsPerSec: 5000 } as const),
    );
    fc.assert(
      fc.property(fc.array(ruleArb, { maxLength: 4 }), fc.integer(), (rules, seed) => {
        const run = (): string => {
          const net = network({ seed, rules, latency: { kind: 'uniform', minUs: 100, maxUs: 10_000 } });
          net.apply({ kind: 'partition', partition: { shape: 'random-halves' } }, 0);
          const out: RouteDecision[] = [];
          for (let i = 0; i < 60; i++) out.push(send(net, { from: `n${(i % 3) + 1}`, to: `n${((i * 7) % 3) + 1}`, nowUs: i * 100 }));
          return JSON.stringify(out);
        };
        return run() === run();
      }),
      { seed: 42, numRuns: 100 },
    );
  });

  it('draws each link from its own stream: traffic on one link does not shift another', () => {
    const quiet = network({ seed: 5, latency: { kind: 'uniform', minUs: 0, maxUs: 1_000_000 } });
    const busy = network({ seed: 5, latency: { kind: 'uniform', minUs: 0, maxUs: 1_000_000 } });
    for (let i = 0; i < 10; i++) send(busy, { from: 'n3', to: 'n1' });
    expect(delays(send(busy))).toEqual(delays(send(quiet)));
  });
});

describe('Network faults', () => {
  it('holds messages and releases every one in the order held', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...nodeIds.flatMap((a) => nodeIds.filter((b) => b !== a).map((b) => [a, b] as const))), { maxLength: 100 }), (links) => {
        const net = network();
        net.apply({ kind: 'hold' }, 0);
        const decisions = links.map(([from, to], item) => net.route({ from, to, nowUs: 1, item }));
        const { released } = net.apply({ kind: 'release' }, 2);
        return decisions.every((d) => d.kind === 'hold') && released.join() === links.map((_, i) => i).join() && net.heldCount() === 0;
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('holds only the links named and never client links unless named', () => {
    const net = network();
    const applied = net.apply({ kind: 'hold', from: ['n1'] }, 0);
    expect(applied.label).toBe('hold n1 -> *');
    expect(send(net, { from: 'n1', to: 'n2', item: 1 }).kind).toBe('hold');
    expect(send(net, { from: 'n2', to: 'n1', item: 2 }).kind).toBe('deliver');
    expect(send(net, { from: 'n1', to: 'c0', item: 3 }).kind).toBe('deliver');
    net.apply({ kind: 'hold', to: ['c0'] }, 0);
    expect(send(net, { from: 'n2', to: 'c0', item: 4 }).kind).toBe('hold');
    expect(net.apply({ kind: 'release' }, 0)).toEqual({ resolved: { kind: 'release' }, label: 'release 2 held', released: [1, 4] });
    expect(send(net, { from: 'n1', to: 'n2' }).kind).toBe('deliver');
  });

  it('drops beyond heldMax with a reason', () => {
    const net = network({ heldMax: 2 });
    net.apply({ kind: 'hold' }, 0);
    expect([1, 2, 3].map((item) => send(net, { item }))).toEqual([{ kind: 'hold' }, { kind: 'hold' }, { kind: 'drop', reason: 'hold-full' }]);
    expect(net.heldCount()).toBe(2);
  });

  it('adds rules from faults after the configured ones, and net-clear removes only those', () => {
    const net = network({ rules: [{ kind: 'latency', latency: { kind: 'constant', us: 3 } }] });
    const applied = net.apply({ kind: 'net-rule', rule: { kind: 'loss', p: 1, from: ['n1'] } }, 0);
    expect(applied.label).toBe('net-rule loss p=1 n1 -> *');
    expect(send(net).kind).toBe('drop');
    expect(net.rules().map((r) => r.kind)).toEqual(['latency', 'loss']);
    net.apply({ kind: 'net-clear' }, 0);
    expect(delays(send(net))).toEqual([3]);
  });

  it('healAll heals, releases in order and clears fault rules', () => {
    const net = network();
    net.apply({ kind: 'partition', partition: { shape: 'ring' } }, 0);
    net.apply({ kind: 'hold', from: ['n2'] }, 0);
    net.apply({ kind: 'net-rule', rule: { kind: 'loss', p: 1, from: ['n3'] } }, 0);
    send(net, { from: 'n2', to: 'n1', item: 8 });
    send(net, { from: 'n2', to: 'n3', item: 9 });
    expect(net.healAll(5)).toEqual([8, 9]);
    expect(net.cuts()).toEqual([]);
    expect(net.rules()).toEqual([]);
    expect(send(net, { from: 'n3', to: 'n1', nowUs: 5 }).kind).toBe('deliver');
  });

  it('labels rules for people', () => {
    const net = network();
    const label = (rule: NetworkRule): string => net.apply({ kind: 'net-rule', rule }, 0).label;
    expect(label({ kind: 'latency', latency: { kind: 'uniform', minUs: 1, maxUs: 9 }, to: ['n2'] })).toBe('net-rule latency uniform(1..9us) * -> n2');
    expect(label({ kind: 'reorder', extraUs: { kind: 'exponential', meanUs: 50 } })).toBe('net-rule reorder p=1 extra exponential(mean 50us)');
    expect(label({ kind: 'duplicate', p: 0.5 })).toBe('net-rule duplicate p=0.5 x2');
    expect(label({ kind: 'capacity', msgsPerSec: 100 })).toBe('net-rule capacity 100 msgs/s');
  });

  it('limits the number of rules in the chain', () => {
    const net = network({ rulesMax: 2 });
    net.apply({ kind: 'net-rule', rule: { kind: 'loss', p: 0 } }, 0);
    net.apply({ kind: 'net-rule', rule: { kind: 'loss', p: 0 } }, 0);
    expect(() => net.apply({ kind: 'net-rule', rule: { kind: 'loss', p: 0 } }, 0)).toThrow(/more than rulesMax 2/);
  });

  it('corrupts payloads from its own stream, deterministically', () => {
    const a = network({ seed: 3 }).corrupt({ text: 'hello world', n: 5 });
    const b = network({ seed: 3 }).corrupt({ text: 'hello world', n: 5 });
    expect(a).toEqual(b);
    expect(a).not.toEqual({ text: 'hello world', n: 5 });
  });
});

describe('Network by endpoint number', () => {
  it('routes and checks reachability exactly as by id, numbering nodes then clients', () => {
    const byId = network({ seed: 9, latency: { kind: 'uniform', minUs: 0, maxUs: 100_000 } });
    const byIndex = network({ seed: 9, latency: { kind: 'uniform', minUs: 0, maxUs: 100_000 } });
    for (const net of [byId, byIndex]) net.apply({ kind: 'partition', partition: { shape: 'one-way', from: ['n1'], to: ['n3'] } }, 0);
    const ids = [...nodeIds, ...clientIds];
    ids.forEach((from, i) =>
      ids.forEach((to, j) => {
        expect(byIndex.routeIndexed({ from: i, to: j, nowUs: 1, item: 0 })).toEqual(byId.route({ from, to, nowUs: 1, item: 0 }));
        expect(byIndex.canDeliverIndexed(i, j)).toBe(byId.canDeliver(from, to));
      }),
    );
    expect(byIndex.canDeliverIndexed(0, 2)).toBe(false);
    expect(() => byIndex.routeIndexed({ from: 0, to: 4, nowUs: 1, item: 0 })).toThrow(/no link 0 -> 4 among 4 endpoints/);
  });
});

describe('Network.plainDelayUs', () => {
  it('gives the plain fate of routeIndexed with the same draws, and -1 with no draw where routeIndexed must decide', () => {
    const options = { seed: 4, latency: { kind: 'uniform', minUs: 0, maxUs: 100_000 } as Distribution, rules: [{ kind: 'loss', p: 0.5, from: ['n2'] }] as NetworkRule[] };
    const fast = network(options);
    const slow = network(options);
    for (const net of [fast, slow]) {
      net.apply({ kind: 'partition', partition: { shape: 'one-way', from: ['n1'], to: ['n3'] } }, 0);
      net.apply({ kind: 'hold', from: ['n3'], to: ['n1'] }, 0);
    }
    const ids = [...nodeIds, ...clientIds];
    for (let round = 0; round < 3; round++) {
      ids.forEach((_, i) =>
        ids.forEach((__, j) => {
          const delayUs = fast.plainDelayUs(i, j, round);
          const expected = slow.routeIndexed({ from: i, to: j, nowUs: round, item: 0 });
          if (delayUs >= 0) expect(expected).toEqual({ kind: 'deliver', copies: [{ delayUs, corrupt: false }] });
          else expect(fast.routeIndexed({ from: i, to: j, nowUs: round, item: 0 })).toEqual(expected);
        }),
      );
    }
    expect(fast.plainDelayUs(0, 2, 3)).toBe(-1);
    expect(fast.plainDelayUs(2, 0, 3)).toBe(-1);
    expect(fast.plainDelayUs(1, 0, 3)).toBe(-1);
    expect(fast.plainDelayUs(0, 1, 3)).toBeGreaterThanOrEqual(0);
  });
});

describe('Network size', () => {
  it('keeps per-link state sparse, so many clients cost little', () => {
    const clients = Array.from({ length: 100_000 }, (_, i) => `c${i}`);
    const net = new Network<number>({ rng: createRng(1), nodeIds, clientIds: clients, options: { latency: ms } });
    net.apply({ kind: 'partition', partition: { shape: 'isolate', node: 'n1' } }, 0);
    net.apply({ kind: 'hold', to: ['c99999'] }, 0);
    expect(send(net, { from: 'c99999', to: 'n1' }).kind).toBe('deliver');
    expect(send(net, { from: 'n1', to: 'c99999' }).kind).toBe('hold');
    expect(net.canDeliver('n1', 'c5')).toBe(true);
  });
});
