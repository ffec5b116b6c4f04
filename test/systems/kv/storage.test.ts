import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SimDisk } from '../../../sim/disk.ts';
import { createRng } from '../../../sim/rng.ts';
import { ReplicaStore } from '../../../systems/kv/storage.ts';
import type { Version } from '../../../systems/kv/versions.ts';
import type { FsyncPolicy } from '../../../systems/kv/wal.ts';

/** A disk whose scheduled callbacks run when the test says so. */
function testDisk(o: { seed: number; tornWriteP?: number }): { disk: SimDisk; flush: () => void } {
  const queue: (() => void)[] = [];
  const disk = new SimDisk({
    rng: createRng(o.seed),
    options: { fsyncUs: { kind: 'constant', us: 100 }, ...(o.tornWriteP !== undefined ? { tornWriteP: o.tornWriteP } : {}) },
    schedule: (_delayUs, fn) => queue.push(fn),
  });
  const flush = () => {
    for (let i = 0; i < 10_000 && queue.length > 0; i++) (queue.shift() as () => void)();
  };
  return { disk, flush };
}

function version(writer: string, counter: number, value: number): Version {
  return { clock: { [writer]: counter }, value, deleted: false, tsUs: counter, writer };
}

function store(disk: SimDisk, fsync: FsyncPolicy): ReplicaStore {
  return new ReplicaStore({ disk, fsync, conflicts: 'siblings' });
}

describe('ReplicaStore and its write-ahead log', () => {
  for (const fsync of ['always', 'batch'] as const) {
    it(`recovers every acknowledged write after a crash (fsync ${fsync}), torn tails included`, () => {
      fc.assert(
        fc.property(fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c'), fc.constantFrom('x', 'y')), { minLength: 1, maxLength: 30 }), fc.nat(30), fc.nat(1000), (writes, flushAfter, seed) => {
          const { disk, flush } = testDisk({ seed, tornWriteP: 0.5 });
          const s = store(disk, fsync);
          const acked = new Map<string, number>();
          writes.forEach(([key, writer], i) => {
            s.merge({ key, incoming: [version(writer, i + 1, i)], hinted: false }, (r) => {
              if (r.ok) acked.set(`${key}/${writer}`, i);
            });
            if (i === flushAfter) flush();
          });
          disk.crash();
          const recovered = store(disk, fsync);
          const report = recovered.recover();
          expect(report.corruptRegions).toBe(0);
          for (const [slot, value] of acked) {
            const [key, writer] = slot.split('/') as [string, string];
            const held = recovered.versions(key).find((v) => v.writer === writer);
            expect(held?.value).toBeGreaterThanOrEqual(value);
          }
        }),
        { seed: 42, numRuns: 150 },
      );
    });
  }

  it("acknowledges at once and keeps nothing after a crash with fsync 'never'", () => {
    const { disk } = testDisk({ seed: 1 });
    const s = store(disk, 'never');
    let acks = 0;
    s.merge({ key: 'k', incoming: [version('a', 1, 1)], hinted: false }, () => acks++);
    expect(acks).toBe(1);
    disk.crash();
    const recovered = store(disk, 'never');
    recovered.recover();
    expect(recovered.versions('k')).toEqual([]);
  });

  it('groups fsyncs in batch mode', () => {
    const { disk, flush } = testDisk({ seed: 1 });
    const s = store(disk, 'batch');
    const acked: number[] = [];
    for (let i = 1; i <= 5; i++) s.merge({ key: `k${i}`, incoming: [version('a', i, i)], hinted: false }, () => acked.push(i));
    expect(acked).toEqual([]);
    flush();
    expect(acked).toEqual([1, 2, 3, 4, 5]);
  });

  it('skips a corrupted record on recovery, never serves it, and keeps the rest', () => {
    const { disk, flush } = testDisk({ seed: 3 });
    const s = store(disk, 'always');
    for (let i = 1; i <= 6; i++) s.merge({ key: `k${i}`, incoming: [version('a', i, i * 10)], hinted: false }, () => {});
    flush();
    disk.apply({ kind: 'disk-corrupt', node: 'n1', file: 'kv.log', bytes: 1 });
    const recovered = store(disk, 'always');
    const report = recovered.recover();
    expect(report.corruptRegions).toBe(1);
    const values = recovered.keys().map((k) => recovered.versions(k)[0]?.value);
    expect(values).toHaveLength(5);
    for (const v of values) expect([10, 20, 30, 40, 50, 60]).toContain(v);
  });

  it('does not apply a change the disk refused (disk full)', () => {
    const { disk } = testDisk({ seed: 1 });
    const s = store(disk, 'always');
    disk.apply({ kind: 'disk-full', node: 'n1' });
    const results: boolean[] = [];
    s.merge({ key: 'k', incoming: [version('a', 1, 1)], hinted: false }, (r) => results.push(r.ok));
    expect(results).toEqual([false]);
    expect(s.versions('k')).toEqual([]);
  });

  it('tells whether a register is durable: not from its append until its fsync confirms it', () => {
    const { disk, flush } = testDisk({ seed: 1 });
    const s = store(disk, 'always');
    expect(s.registerDurable('r')).toBe(true);
    s.storeRegister('r', { tag: { n: 1, writer: 'n1.1.1' }, value: 1 }, () => {});
    expect(s.registerDurable('r')).toBe(false);
    flush();
    expect(s.registerDurable('r')).toBe(true);
    s.storeRegister('r', { tag: { n: 2, writer: 'n1.1.2' }, value: 2 }, () => {});
    s.storeRegister('r', { tag: { n: 3, writer: 'n1.1.3' }, value: 3 }, () => {});
    expect(s.registerDurable('r')).toBe(false);
    flush();
    expect(s.registerDurable('r')).toBe(true);
    // A register the disk refuses (full) is not adopted; the durable one stays durable.
    disk.apply({ kind: 'disk-full', node: 'n1' });
    s.storeRegister('r', { tag: { n: 4, writer: 'n1.1.4' }, value: 4 }, () => {});
    expect(s.register('r').tag.n).toBe(3);
    expect(s.registerDurable('r')).toBe(true);
    // An older register changes nothing.
    s.storeRegister('r', { tag: { n: 1, writer: 'n1.1.1' }, value: 1 }, () => {});
    expect(s.registerDurable('r')).toBe(true);
  });

  it('replays drops and ABD registers', () => {
    const { disk, flush } = testDisk({ seed: 1 });
    const s = store(disk, 'always');
    s.merge({ key: 'gone', incoming: [version('a', 1, 1)], hinted: true }, () => {});
    s.drop('gone', () => {});
    s.storeRegister('r', { tag: { n: 2, writer: 'n1.1.5' }, value: 7 }, () => {});
    s.storeRegister('r', { tag: { n: 1, writer: 'n2.1.9' }, value: 3 }, () => {});
    flush();
    disk.crash();
    const recovered = store(disk, 'always');
    recovered.recover();
    expect(recovered.keys()).toEqual([]);
    expect(recovered.register('r')).toEqual({ tag: { n: 2, writer: 'n1.1.5' }, value: 7 });
  });
});
