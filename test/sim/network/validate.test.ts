import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Network } from '../../../sim/network/network.ts';
import type { NetworkFault } from '../../../sim/network/faults.ts';
import { validateNetworkFault } from '../../../sim/network/validate.ts';
import { createRng } from '../../../sim/rng.ts';

const nodeIds = ['n1', 'n2', 'n3', 'n4', 'n5'];
const check = (json: unknown): string | undefined => validateNetworkFault(json, nodeIds, { clientIds: ['c0'] });

describe('validateNetworkFault', () => {
  it.each<NetworkFault>([
    { kind: 'heal' },
    { kind: 'release' },
    { kind: 'net-clear' },
    { kind: 'hold' },
    { kind: 'hold', from: ['n1'], to: ['c0'] },
    { kind: 'partition', partition: { shape: 'sides', sides: [['n1', 'n2'], ['n3']] } },
    { kind: 'partition', partition: { shape: 'random-halves' } },
    { kind: 'partition', partition: { shape: 'majority-minority' } },
    { kind: 'partition', partition: { shape: 'isolate' } },
    { kind: 'partition', partition: { shape: 'isolate', node: 'n3' } },
    { kind: 'partition', partition: { shape: 'bridge' } },
    { kind: 'partition', partition: { shape: 'bridge', node: 'n3', halves: [['n1', 'n2'], ['n4', 'n5']] } },
    { kind: 'partition', partition: { shape: 'ring', order: ['n5', 'n4', 'n3', 'n2', 'n1'] } },
    { kind: 'partition', partition: { shape: 'one-way', from: ['n1'], to: ['n2', 'n3'] } },
    { kind: 'net-rule', rule: { kind: 'loss', p: 0.1 } },
    { kind: 'net-rule', rule: { kind: 'duplicate', p: 0.5, copies: 3, from: ['c0'] } },
    { kind: 'net-rule', rule: { kind: 'corrupt', p: 1 } },
    { kind: 'net-rule', rule: { kind: 'latency', latency: { kind: 'exponential', meanUs: 1000 } } },
    { kind: 'net-rule', rule: { kind: 'reorder', extraUs: { kind: 'uniform', minUs: 0, maxUs: 10_000 } } },
    { kind: 'net-rule', rule: { kind: 'capacity', msgsPerSec: 200, queueMax: 50, to: ['n2'] } },
  ])('accepts %j', (fault) => {
    expect(check(fault)).toBeUndefined();
  });

  it.each([
    [[], 'fault: expected an object'],
    [{ kind: 'partiton' }, 'kind: expected one of partition, heal, hold, release, net-rule, net-clear; got "partiton"'],
    [{ kind: 'heal', node: 'n1' }, 'fault.node: unknown field; expected only kind'],
    [{ kind: 'partition' }, 'partition: expected an object like {"shape":"random-halves"}'],
    [{ kind: 'partition', partition: { shape: 'halves' } }, 'partition.shape: expected one of sides, random-halves, majority-minority, isolate, bridge, ring, one-way; got "halves"'],
    [{ kind: 'partition', partition: { shape: 'sides', sides: ['n1'] } }, 'partition.sides[0]: expected a non-empty list of node ids'],
    [{ kind: 'partition', partition: { shape: 'sides', sides: [] } }, 'partition.sides: expected a non-empty list of lists of node ids'],
    [{ kind: 'partition', partition: { shape: 'sides', sides: [['n1'], []] } }, 'partition.sides[1]: expected a non-empty list of node ids'],
    [{ kind: 'partition', partition: { shape: 'sides', sides: [['n1'], ['n9']] } }, 'partition.sides[1][0]: unknown node "n9"; known: n1, n2, n3, n4, n5'],
    [{ kind: 'partition', partition: { shape: 'sides', sides: [['n1'], ['n1']] } }, 'partition.sides[1]: node "n1" is on two sides'],
    [{ kind: 'partition', partition: { shape: 'isolate', node: 'c0' } }, 'partition.node: unknown node "c0"'],
    [{ kind: 'partition', partition: { shape: 'bridge', halves: [['n1'], ['n2']] } }, 'partition.halves: given halves need the bridge "node" too'],
    [{ kind: 'partition', partition: { shape: 'bridge', node: 'n1', halves: [['n1'], ['n2']] } }, 'partition.halves: the bridge node "n1" must not be in a half'],
    [{ kind: 'partition', partition: { shape: 'bridge', node: 'n1', halves: [['n2']] } }, 'partition.halves: expected two lists of node ids'],
    [{ kind: 'partition', partition: { shape: 'ring', order: ['n1', 'n2'] } }, 'partition.order: expected every node exactly once; missing n3, n4, n5'],
    [{ kind: 'partition', partition: { shape: 'ring', order: ['n1', 'n2', 'n3', 'n4', 'n5', 'n1'] } }, 'partition.order: expected every node exactly once; a node is listed twice'],
    [{ kind: 'partition', partition: { shape: 'one-way', from: [], to: ['n1'] } }, 'partition.from: expected a non-empty list of node ids'],
    [{ kind: 'partition', partition: { shape: 'random-halves', seed: 1 } }, 'partition.seed: unknown field; expected only shape'],
    [{ kind: 'hold', from: 'n1' }, 'from: expected a non-empty list of node ids'],
    [{ kind: 'hold', to: ['c7'] }, 'to[0]: unknown node "c7"; known: n1, n2, n3, n4, n5, c0'],
    [{ kind: 'net-rule', rule: { kind: 'drop', p: 1 } }, 'rule.kind: expected one of loss, duplicate, corrupt, latency, reorder, capacity; got "drop"'],
    [{ kind: 'net-rule', rule: { kind: 'loss', p: 1.5 } }, 'rule.p: expected a probability between 0 and 1; got 1.5'],
    [{ kind: 'net-rule', rule: { kind: 'loss' } }, 'rule.p: expected a probability between 0 and 1; got undefined'],
    [{ kind: 'net-rule', rule: { kind: 'duplicate', p: 1, copies: 50 } }, 'rule.copies: expected an integer from 2 to 10; got 50'],
    [{ kind: 'net-rule', rule: { kind: 'latency', latency: { kind: 'uniform', minUs: 9, maxUs: 1 } } }, 'rule.latency.maxUs: expected >= minUs (9)'],
    [{ kind: 'net-rule', rule: { kind: 'reorder' } }, 'rule.extraUs: expected a distribution object'],
    [{ kind: 'net-rule', rule: { kind: 'capacity', msgsPerSec: 0 } }, 'rule.msgsPerSec: expected a number > 0; got 0'],
    [{ kind: 'net-rule', rule: { kind: 'capacity', msgsPerSec: 10, queueMax: 0.5 } }, 'rule.queueMax: expected an integer from 1'],
    [{ kind: 'net-rule', rule: { kind: 'loss', p: 0.1, from: ['n6'] } }, 'rule.from[0]: unknown node "n6"'],
    [{ kind: 'net-rule', rule: { kind: 'loss', p: 0.1, prob: 1 } }, 'rule.prob: unknown field; expected only kind, from, to, p'],
  ])('rejects %j with a one-line message naming the field', (json, message) => {
    const error = check(json);
    expect(error).toContain(message);
    expect(error).not.toContain('\n');
  });

  it('accepts every resolved partition, so realised plans validate, on clusters of any size', () => {
    const shapes = ['random-halves', 'majority-minority', 'isolate', 'bridge', 'ring'] as const;
    fc.assert(
      fc.property(fc.constantFrom(...shapes), fc.integer({ min: 1, max: 7 }), fc.integer(), (shape, n, seed) => {
        const ids = Array.from({ length: n }, (_, i) => `n${i + 1}`);
        const net = new Network({ rng: createRng(seed), nodeIds: ids, clientIds: [], options: { latency: { kind: 'constant', us: 1 } } });
        return validateNetworkFault(net.apply({ kind: 'partition', partition: { shape } }, 0).resolved, ids) === undefined;
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});
