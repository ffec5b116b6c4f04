import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { advanceClock, mergeClocks } from '../../../systems/kv/vclock.ts';
import { hash32 } from '../../../systems/kv/hash.ts';
import { readValue, reconcile, sameVersions, versionsDigest, versionsText } from '../../../systems/kv/versions.ts';
import type { ConflictMode, Version } from '../../../systems/kv/versions.ts';

function v(o: Partial<Version> & { clock: Version['clock'] }): Version {
  return { value: 1, deleted: false, tsUs: 0, writer: 'n1', ...o };
}

/**
 * A causal history of writes as the store makes them: each write's clock merges the clocks of
 * some earlier writes (what its coordinator had seen) and advances the writer's own counter, so
 * a writer's counter value identifies one write, as the node's incarnation-based counter ensures.
 */
const historyArb: fc.Arbitrary<Version[]> = fc
  .array(fc.record({ writer: fc.constantFrom('a', 'b', 'c'), seen: fc.array(fc.nat(20), { maxLength: 3 }), deleted: fc.boolean(), tsUs: fc.nat(50) }), {
    minLength: 1,
    maxLength: 12,
  })
  .map((steps) => {
    const writes: Version[] = [];
    const counters = new Map<string, number>();
    steps.forEach((step, i) => {
      let clock = {};
      for (const j of step.seen) if (j < writes.length) clock = mergeClocks(clock, (writes[j] as Version).clock);
      const counter = (counters.get(step.writer) ?? 0) + 1;
      counters.set(step.writer, counter);
      writes.push({ clock: advanceClock(clock, { node: step.writer, counter }), value: step.deleted ? null : i, deleted: step.deleted, tsUs: step.tsUs, writer: step.writer });
    });
    return writes;
  });

describe('version reconciliation', () => {
  it('drops versions another version descends', () => {
    const out = reconcile({ current: [v({ clock: { a: 1 }, value: 1 })], incoming: [v({ clock: { a: 2 }, value: 2 })], conflicts: 'siblings' });
    expect(out.map((x) => x.value)).toEqual([2]);
  });

  it('keeps concurrent versions as siblings', () => {
    const out = reconcile({ current: [v({ clock: { a: 1 }, value: 1, writer: 'a' })], incoming: [v({ clock: { b: 1 }, value: 2, writer: 'b' })], conflicts: 'siblings' });
    expect(readValue(out)).toEqual([1, 2]);
  });

  it('lets the highest coordinator timestamp win under LWW, even over a causally later write', () => {
    const early = v({ clock: { a: 1 }, value: 'early', tsUs: 5_000, writer: 'a' });
    const late = v({ clock: { b: 1 }, value: 'late-but-skewed', tsUs: 1_000, writer: 'b' });
    const out = reconcile({ current: [early], incoming: [late], conflicts: 'lww' });
    expect(readValue(out)).toBe('early');
    const causallyLater = v({ clock: { a: 1, b: 1 }, value: 'descends-early', tsUs: 900, writer: 'b' });
    expect(readValue(reconcile({ current: out, incoming: [causallyLater], conflicts: 'lww' }))).toBe('early');
  });

  it('treats tombstones as versions', () => {
    const out = reconcile({ current: [v({ clock: { a: 1 }, value: 1 })], incoming: [v({ clock: { a: 2 }, value: null, deleted: true })], conflicts: 'lww' });
    expect(readValue(out)).toBe(null);
    expect(readValue([])).toBe(null);
  });

  for (const conflicts of ['lww', 'siblings'] as ConflictMode[]) {
    it(`is a semilattice join in ${conflicts} mode: order and grouping of arrivals do not matter`, () => {
      fc.assert(
        fc.property(historyArb, fc.array(fc.nat(2), { maxLength: 12 }), (writes, replicaOf) => {
          // Three replicas, each having received a different subset of the writes.
          const [x, y, z] = [0, 1, 2].map((r) => writes.filter((_, i) => replicaOf[i] === r || i % 3 === r)) as [Version[], Version[], Version[]];
          const join = (a: readonly Version[], b: readonly Version[]) => reconcile({ current: a, incoming: b, conflicts });
          const left = join(join(join([], x), y), z);
          const right = join(join([], z), join(join([], y), x));
          expect(versionsText(left)).toBe(versionsText(right));
          expect(sameVersions(join(left, left), left)).toBe(true);
        }),
        { seed: 11, numRuns: 300 },
      );
    });
  }

  it('digests a version set as the hash of its text, whether or not the text is made', () => {
    const valueArb = fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(null), fc.boolean(), fc.array(fc.integer(), { maxLength: 3 }));
    const versionArb = fc.record({
      clock: fc.dictionary(fc.constantFrom('n1', 'n2', 'n10', 'a'), fc.oneof(fc.nat(), fc.constant(0), fc.double({ min: 0, max: 1e22, noNaN: true }))),
      value: valueArb,
      deleted: fc.boolean(),
      tsUs: fc.oneof(fc.nat(), fc.maxSafeNat(), fc.double({ noNaN: true })),
      writer: fc.string(),
    });
    fc.assert(
      fc.property(fc.array(versionArb, { maxLength: 3 }), (versions) => {
        expect(versionsDigest(versions)).toBe(hash32(versionsText(versions)));
      }),
      { seed: 42, numRuns: 500 },
    );
    // A clock whose nodes are out of order (not one this store makes) is hashed in canonical order.
    expect(versionsDigest([v({ clock: { b: 2, a: 1 } })])).toBe(hash32(versionsText([v({ clock: { a: 1, b: 2 } })])));
  });
});
