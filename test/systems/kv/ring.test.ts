import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Ring } from '../../../systems/kv/ring.ts';

const nodes = ['n1', 'n2', 'n3', 'n4', 'n5', 'n6'];
const keyArb = fc.string({ minLength: 1, maxLength: 12 });

describe('Ring', () => {
  it('gives every key a preference list of N distinct members', () => {
    fc.assert(
      fc.property(fc.subarray(nodes, { minLength: 1 }), keyArb, fc.integer({ min: 1, max: 8 }), (members, key, n) => {
        const ring = new Ring({ members, vnodes: 16 });
        const list = ring.preferenceList(key, n);
        expect(list).toHaveLength(Math.min(n, members.length));
        expect(new Set(list).size).toBe(list.length);
        for (const node of list) expect(members).toContain(node);
        expect(ring.walk(key).slice(0, n)).toEqual(list);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('does not depend on the order members are listed in', () => {
    const a = new Ring({ members: ['n3', 'n1', 'n2'], vnodes: 8 });
    const b = new Ring({ members: ['n1', 'n2', 'n3'], vnodes: 8 });
    for (const key of ['a', 'b', 'k1', 'k2', 'zz']) expect(a.preferenceList(key, 3)).toEqual(b.preferenceList(key, 3));
    expect(a.members).toEqual(b.members);
  });

  it('moves only keys whose preference list contains the joining node (consistent hashing)', () => {
    fc.assert(
      fc.property(fc.array(keyArb, { minLength: 1, maxLength: 50 }), (keys) => {
        const before = new Ring({ members: ['n1', 'n2', 'n3', 'n4', 'n5'], vnodes: 16 });
        const after = new Ring({ members: ['n1', 'n2', 'n3', 'n4', 'n5', 'n6'], vnodes: 16 });
        for (const key of keys) {
          const old = before.preferenceList(key, 3);
          const now = after.preferenceList(key, 3);
          if (!now.includes('n6')) expect(now).toEqual(old);
          else expect(now.filter((n) => n !== 'n6')).toEqual(old.filter((n) => now.includes(n)));
        }
      }),
      { seed: 7, numRuns: 100 },
    );
  });

  it('spreads keys over members with virtual nodes', () => {
    const ring = new Ring({ members: ['n1', 'n2', 'n3', 'n4', 'n5'], vnodes: 64 });
    const counts = new Map<string, number>();
    for (let i = 0; i < 5000; i++) {
      const first = ring.preferenceList(`key-${i}`, 1)[0] as string;
      counts.set(first, (counts.get(first) ?? 0) + 1);
    }
    for (const node of ring.members) expect(counts.get(node) ?? 0).toBeGreaterThan(600);
  });

  it('enumerates the replica sets of every arc', () => {
    const ring = new Ring({ members: ['n1', 'n2', 'n3', 'n4'], vnodes: 4 });
    const arcs = ring.arcPreferenceLists(3).map((l) => l.join());
    for (let i = 0; i < 200; i++) expect(arcs).toContain(ring.preferenceList(`k${i}`, 3).join());
  });

  it('has an empty walk when it has no members and rejects bad vnodes', () => {
    expect(new Ring({ members: [], vnodes: 4 }).preferenceList('k', 3)).toEqual([]);
    expect(() => new Ring({ members: ['n1'], vnodes: 0 })).toThrow(/vnodes/);
  });
});
