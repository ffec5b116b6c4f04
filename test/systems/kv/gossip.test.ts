import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Membership } from '../../../systems/kv/gossip.ts';
import type { MemberColumns, MemberRecord } from '../../../systems/kv/gossip.ts';

const ids = ['n1', 'n2', 'n3', 'n4', 'n5'];

function cluster(o: { suspectRounds: number; spares?: readonly string[] }): Map<string, Membership> {
  const all = [...ids, ...(o.spares ?? [])];
  return new Map(all.map((id) => [id, new Membership({ self: id, incarnation: 1, status: ids.includes(id) ? 'up' : 'spare', initialMembers: ids, suspectRounds: o.suspectRounds })]));
}

/** One push-pull exchange, as the node does it: records travel as columns. */
function exchange(a: Membership, b: Membership): void {
  b.merge(a.columns());
  a.merge(b.columns());
}

function columnsOf(records: readonly MemberRecord[]): MemberColumns {
  return { ids: records.map((r) => r.id), incarnations: records.map((r) => r.incarnation), heartbeats: records.map((r) => r.heartbeat), statuses: records.map((r) => r.status) };
}

/** Merges records given as objects (the tests' notation) through their columns. */
function mergeRecords(m: Membership, records: readonly MemberRecord[]): void {
  expect(m.merge(columnsOf(records))).toBe(true);
}

/** The member's record of `id`, read back from its columns. */
function recordOf(m: Membership, id: string): MemberRecord | undefined {
  const c = m.columns();
  const i = c.ids.indexOf(id);
  return i < 0 ? undefined : { id, incarnation: c.incarnations[i] as number, heartbeat: c.heartbeats[i] as number, status: c.statuses[i] as MemberRecord['status'] };
}

describe('Membership (gossip and failure detector)', () => {
  it('keeps the newer record: higher incarnation, then higher heartbeat', () => {
    const m = new Membership({ self: 'n1', incarnation: 1, status: 'up', initialMembers: ids, suspectRounds: 3 });
    mergeRecords(m, [{ id: 'n2', incarnation: 2, heartbeat: 1, status: 'up' }]);
    mergeRecords(m, [{ id: 'n2', incarnation: 1, heartbeat: 99, status: 'left' }]);
    expect(recordOf(m, 'n2')).toEqual({ id: 'n2', incarnation: 2, heartbeat: 1, status: 'up' });
  });

  it('changes its epoch when a status changes or a node appears, not on heartbeats', () => {
    const m = new Membership({ self: 'n1', incarnation: 1, status: 'up', initialMembers: ids, suspectRounds: 3 });
    const epochs = [m.epoch()];
    m.tick();
    mergeRecords(m, [{ id: 'n2', incarnation: 1, heartbeat: 5, status: 'up' }]);
    epochs.push(m.epoch());
    mergeRecords(m, [{ id: 'n2', incarnation: 1, heartbeat: 6, status: 'leaving' }]);
    epochs.push(m.epoch());
    mergeRecords(m, [{ id: 'n6', incarnation: 1, heartbeat: 1, status: 'spare' }]);
    epochs.push(m.epoch());
    m.setStatus('leaving');
    epochs.push(m.epoch());
    expect(epochs[1]).toBe(epochs[0]);
    expect(new Set(epochs.slice(1)).size).toBe(4);
    expect(m.ringMembers()).toEqual(['n3', 'n4', 'n5']);
  });

  it('never accepts a record about itself from others', () => {
    const m = new Membership({ self: 'n1', incarnation: 1, status: 'up', initialMembers: ids, suspectRounds: 3 });
    mergeRecords(m, [{ id: 'n1', incarnation: 9, heartbeat: 9, status: 'left' }]);
    expect(m.status()).toBe('up');
  });

  it('suspects a member whose heartbeat stops advancing, and trusts it again when it resumes', () => {
    const m = new Membership({ self: 'n1', incarnation: 1, status: 'up', initialMembers: ids, suspectRounds: 3 });
    for (let round = 1; round <= 4; round++) {
      m.tick();
      mergeRecords(m, [{ id: 'n2', incarnation: 1, heartbeat: round, status: 'up' }]);
    }
    expect(m.isAlive('n2')).toBe(true);
    for (let i = 0; i < 4; i++) m.tick();
    expect(m.isAlive('n2')).toBe(false);
    expect(m.isAlive('n1')).toBe(true);
    mergeRecords(m, [{ id: 'n2', incarnation: 2, heartbeat: 0, status: 'up' }]);
    expect(m.isAlive('n2')).toBe(true);
  });

  it('converges on one ring after joins and leaves, under any exchange order', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(5), fc.nat(5)), { minLength: 0, maxLength: 40 }), (pairs) => {
        const c = cluster({ suspectRounds: 1000, spares: ['n6'] });
        const members = [...c.values()];
        (c.get('n6') as Membership).setStatus('up');
        (c.get('n2') as Membership).setStatus('leaving');
        for (const [i, j] of pairs) exchange(members[i] as Membership, members[j] as Membership);
        // Then enough rounds of a fixed all-pairs schedule to finish spreading.
        for (const a of members) for (const b of members) exchange(a, b);
        const rings = members.map((m) => m.ringMembers().join());
        expect(new Set(rings)).toEqual(new Set(['n1,n3,n4,n5,n6']));
      }),
      { seed: 42, numRuns: 100 },
    );
  });

  it('carries records as columns, and refuses columns of different lengths', () => {
    const m = new Membership({ self: 'n1', incarnation: 1, status: 'up', initialMembers: ['n1', 'n2'], suspectRounds: 3 });
    const records = [
      { id: 'n1', incarnation: 1, heartbeat: 0, status: 'up' as const },
      { id: 'n2', incarnation: 2, heartbeat: 7, status: 'leaving' as const },
    ];
    mergeRecords(m, records);
    expect(m.columns()).toEqual({ ids: ['n1', 'n2'], incarnations: [1, 2], heartbeats: [0, 7], statuses: ['up', 'leaving'] });
    expect(m.merge({ ...columnsOf(records), heartbeats: [9] })).toBe(false);
    expect(recordOf(m, 'n2')).toEqual(records[1]);
  });
});
