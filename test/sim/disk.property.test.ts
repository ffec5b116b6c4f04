import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SimDisk } from '../../sim/disk.ts';
import type { DiskWriteResult } from '../../sim/node-api.ts';
import { createRng } from '../../sim/rng.ts';
import { TestEventLoop } from './event-loop.ts';

type Op =
  | { readonly op: 'write' | 'append'; readonly file: string; readonly bytes: Uint8Array }
  | { readonly op: 'fsync' | 'remove'; readonly file: string }
  | { readonly op: 'advance'; readonly us: number }
  | { readonly op: 'slow'; readonly us: number }
  | { readonly op: 'crash' };

const fileArb = fc.constantFrom('a', 'b', 'c');
const bytesArb = fc.uint8Array({ minLength: 0, maxLength: 12 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constantFrom('write' as const, 'append' as const), file: fileArb, bytes: bytesArb }), weight: 6 },
  { arbitrary: fc.record({ op: fc.constant('fsync' as const), file: fileArb }), weight: 4 },
  { arbitrary: fc.record({ op: fc.constant('remove' as const), file: fileArb }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('advance' as const), us: fc.integer({ min: 0, max: 150 }) }), weight: 4 },
  { arbitrary: fc.record({ op: fc.constant('slow' as const), us: fc.integer({ min: 0, max: 200 }) }), weight: 1 },
  { arbitrary: fc.constant({ op: 'crash' as const }), weight: 2 },
);
const opsArb = fc.array(opArb, { maxLength: 60 });
const tornArb = fc.constantFrom(0, 0.5, 1);
const NUM_RUNS = 300;

function newDisk(seed: number, tornWriteP: number) {
  const loop = new TestEventLoop();
  const disk = new SimDisk({ rng: createRng(seed), options: { fsyncUs: { kind: 'uniform', minUs: 1, maxUs: 100 }, tornWriteP }, schedule: loop.schedule });
  return { loop, disk };
}

const concat = (a: readonly number[], b: readonly number[]): number[] => [...a, ...b];
const same = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** What the disk's contract says each file holds: the page cache and the content of the last completed fsync. */
interface ModelFile {
  readonly generation: number;
  cache: number[];
  durable: number[] | undefined;
  lastAppend: number[] | undefined;
}

/** Runs `ops` against a SimDisk and a model of the contract, asserting they agree at every step. */
function runAgainstModel(ops: readonly Op[], o: { seed: number; tornWriteP: number }): void {
  const { loop, disk } = newDisk(o.seed, o.tornWriteP);
  const model = new Map<string, ModelFile>();
  let generationNext = 1;
  let incarnation = 0;
  let unanswered = 0;
  const fileOf = (name: string): ModelFile => {
    const existing = model.get(name);
    if (existing !== undefined) return existing;
    const created: ModelFile = { generation: generationNext++, cache: [], durable: undefined, lastAppend: undefined };
    model.set(name, created);
    return created;
  };
  const fsync = (name: string): void => {
    const calledIn = incarnation;
    const target = model.get(name);
    const snapshot = target?.cache.slice();
    const generation = target?.generation;
    unanswered++;
    disk.fsync(name, (result: DiskWriteResult) => {
      expect(calledIn, 'an fsync callback fired after a crash').toBe(incarnation);
      unanswered--;
      expect(result).toEqual(snapshot === undefined ? { ok: false, error: 'not-found' } : { ok: true });
      const now = model.get(name);
      if (snapshot !== undefined && now !== undefined && now.generation === generation) now.durable = snapshot;
    });
  };
  const crash = (): void => {
    disk.crash();
    incarnation++;
    unanswered = 0;
    for (const [name, m] of [...model]) {
      const read = disk.read(name);
      const actual = read.ok ? [...read.bytes] : undefined;
      const base = m.durable ?? [];
      const tearable = m.lastAppend !== undefined && same(m.cache, concat(base, m.lastAppend));
      if (actual === undefined) {
        expect(m.durable, `${name} was synced but vanished`).toBeUndefined();
        model.delete(name);
        continue;
      }
      if (m.durable === undefined || actual.length !== m.durable.length || !same(actual, m.durable)) {
        // Only a torn prefix of the last append may differ from the durable content.
        expect(tearable, `${name} survived with unsynced bytes: ${JSON.stringify(actual)}`).toBe(true);
        expect(o.tornWriteP).toBeGreaterThan(0);
        const k = actual.length - base.length;
        expect(k).toBeGreaterThan(0);
        expect(k).toBeLessThan(m.lastAppend?.length ?? 0);
        expect(actual).toEqual(concat(base, (m.lastAppend ?? []).slice(0, k)));
      }
      m.cache = actual;
      m.durable = actual;
      m.lastAppend = undefined;
    }
  };
  const checkAgreement = (): void => {
    expect(disk.list()).toEqual([...model.keys()].sort());
    for (const [name, m] of model) {
      const read = disk.read(name);
      expect(read.ok && [...read.bytes]).toEqual(m.cache);
    }
    const durable = new Map([...model].filter(([, m]) => m.durable !== undefined).map(([name, m]) => [name, m.durable]));
    expect(new Map([...disk.durableFiles()].map(([name, b]) => [name, [...b]]))).toEqual(durable);
  };

  for (const op of ops) {
    switch (op.op) {
      case 'write':
      case 'append': {
        expect(disk[op.op](op.file, op.bytes)).toEqual({ ok: true });
        const m = fileOf(op.file);
        m.cache = op.op === 'write' ? [...op.bytes] : concat(m.cache, [...op.bytes]);
        m.lastAppend = op.op === 'append' ? [...op.bytes] : undefined;
        break;
      }
      case 'remove':
        expect(disk.remove(op.file)).toEqual(model.has(op.file) ? { ok: true } : { ok: false, error: 'not-found' });
        model.delete(op.file);
        break;
      case 'fsync':
        fsync(op.file);
        break;
      case 'advance':
        loop.run(loop.nowUs + op.us);
        break;
      case 'slow':
        disk.apply({ kind: 'disk-slow', node: 'n1', fsyncUs: { kind: 'constant', us: op.us } });
        break;
      case 'crash':
        crash();
        break;
    }
    checkAgreement();
  }
  loop.run();
  expect(unanswered, 'fsyncs of the live incarnation never answered').toBe(0);
  checkAgreement();
  crash();
  checkAgreement();
}

describe('SimDisk properties', () => {
  it('after a crash only fsynced bytes survive (or a strict prefix of the last append), and no callback outlives a crash', () => {
    fc.assert(
      fc.property(opsArb, tornArb, fc.nat(1000), (ops, tornWriteP, seed) => runAgainstModel(ops, { seed, tornWriteP })),
      { seed: 42, numRuns: NUM_RUNS },
    );
  });

  it('a stalled disk fires no fsync callback until cleared, then fires them all in issue order', () => {
    const stallOpArb = fc.oneof(
      opArb.filter((op) => op.op !== 'crash'),
      fc.constant({ op: 'stall' as const }),
      fc.constant({ op: 'clear' as const }),
    );
    fc.assert(
      fc.property(fc.array(stallOpArb, { maxLength: 60 }), fc.nat(1000), (ops, seed) => {
        const { loop, disk } = newDisk(seed, 0);
        let stalled = false;
        let issued = 0;
        const fired: number[] = [];
        for (const op of ops) {
          if (op.op === 'stall' || op.op === 'clear') {
            stalled = op.op === 'stall';
            disk.apply({ kind: stalled ? 'disk-stall' : 'disk-clear', node: 'n1' });
          } else if (op.op === 'fsync') {
            const index = issued++;
            disk.fsync(op.file, () => {
              expect(stalled, 'a callback fired on a stalled disk').toBe(false);
              fired.push(index);
            });
          } else if (op.op === 'advance') {
            loop.run(loop.nowUs + op.us);
          } else if (op.op === 'slow') {
            disk.apply({ kind: 'disk-slow', node: 'n1', fsyncUs: { kind: 'constant', us: op.us } });
          } else if (op.op === 'write' || op.op === 'append') {
            disk[op.op](op.file, op.bytes);
          } else if (op.op === 'remove') {
            disk.remove(op.file);
          }
        }
        loop.run();
        if (stalled) expect(fired.length).toBeLessThanOrEqual(issued);
        stalled = false;
        disk.apply({ kind: 'disk-clear', node: 'n1' });
        loop.run();
        expect(fired).toEqual([...Array(issued).keys()]);
      }),
      { seed: 43, numRuns: NUM_RUNS },
    );
  });

  it('a full disk never accepts bytes, and the size limits always hold', () => {
    const writeArb = fc.record({ op: fc.constantFrom('write' as const, 'append' as const), file: fileArb, bytes: fc.uint8Array({ maxLength: 40 }) });
    fc.assert(
      fc.property(fc.array(writeArb, { maxLength: 40 }), fc.array(writeArb, { maxLength: 20 }), (before, after) => {
        const loop = new TestEventLoop();
        const limits = { fileBytesMax: 50, diskBytesMax: 100 };
        const disk = new SimDisk({ rng: createRng(1), options: { fsyncUs: { kind: 'constant', us: 5 }, ...limits }, schedule: loop.schedule });
        const contents = (): [string, number[]][] => disk.list().map((name) => {
          const r = disk.read(name);
          return [name, r.ok ? [...r.bytes] : []];
        });
        for (const w of before) {
          const was = contents();
          const result = disk[w.op](w.file, w.bytes);
          const now = contents();
          if (!result.ok) expect(now).toEqual(was);
          const total = now.reduce((sum, [, bytes]) => sum + bytes.length, 0);
          expect(total).toBeLessThanOrEqual(limits.diskBytesMax);
          for (const [, bytes] of now) expect(bytes.length).toBeLessThanOrEqual(limits.fileBytesMax);
        }
        disk.apply({ kind: 'disk-full', node: 'n1' });
        const frozen = contents();
        for (const w of after) expect(disk[w.op](w.file, w.bytes)).toEqual({ ok: false, error: 'disk-full' });
        expect(contents()).toEqual(frozen);
      }),
      { seed: 44, numRuns: NUM_RUNS },
    );
  });

  it('corruption changes exactly the chosen number of bytes, in the cache and the same places on the medium', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 64 }),
        fc.uint8Array({ maxLength: 64 }),
        fc.integer({ min: 1, max: 80 }),
        fc.nat(1000),
        (synced, unsynced, bytes, seed) => {
          const { loop, disk } = newDisk(seed, 0);
          disk.write('f', synced);
          disk.fsync('f', () => undefined);
          loop.run();
          disk.append('f', unsynced);
          const before = [...(disk.read('f') as { bytes: Uint8Array }).bytes];
          const { resolved } = disk.apply({ kind: 'disk-corrupt', node: 'n1', file: 'f', bytes });
          const count = Math.min(bytes, before.length);
          expect(resolved).toEqual({ kind: 'disk-corrupt', node: 'n1', file: 'f', bytes: count });
          const after = [...(disk.read('f') as { bytes: Uint8Array }).bytes];
          const changed = before.flatMap((b, i) => (b === after[i] ? [] : [i]));
          expect(changed.length).toBe(count);
          const medium = [...(disk.durableFiles().get('f') ?? [])];
          const changedOnMedium = [...synced].flatMap((b, i) => (b === medium[i] ? [] : [i]));
          expect(changedOnMedium).toEqual(changed.filter((i) => i < synced.length));
        },
      ),
      { seed: 45, numRuns: NUM_RUNS },
    );
  });

  it('is deterministic for a seed: the same operations give the same observations', () => {
    const observe = (ops: readonly Op[], seed: number): string[] => {
      const { loop, disk } = newDisk(seed, 0.5);
      const log: string[] = [];
      for (const op of ops) {
        if (op.op === 'write' || op.op === 'append') log.push(JSON.stringify(disk[op.op](op.file, op.bytes)));
        else if (op.op === 'remove') log.push(JSON.stringify(disk.remove(op.file)));
        else if (op.op === 'fsync') disk.fsync(op.file, (r) => log.push(`${loop.nowUs} fsync ${op.file} ${JSON.stringify(r)}`));
        else if (op.op === 'advance') loop.run(loop.nowUs + op.us);
        else if (op.op === 'slow') disk.apply({ kind: 'disk-slow', node: 'n1', fsyncUs: { kind: 'uniform', minUs: 0, maxUs: op.us } });
        else disk.crash();
        log.push(disk.list().map((name) => `${name}=${JSON.stringify(disk.read(name))}`).join(' '));
      }
      log.push(disk.apply({ kind: 'disk-corrupt', node: 'n1', bytes: 3 }).label, JSON.stringify([...disk.durableFiles()]));
      return log;
    };
    fc.assert(
      fc.property(opsArb, fc.nat(1000), (ops, seed) => {
        expect(observe(ops, seed)).toEqual(observe(ops, seed));
      }),
      { seed: 46, numRuns: 100 },
    );
  });
});
