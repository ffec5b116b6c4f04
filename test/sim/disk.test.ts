import { describe, expect, it } from 'vitest';
import { FSYNCS_PENDING_MAX, SimDisk, validateDiskFault } from '../../sim/disk.ts';
import type { DiskOptions } from '../../sim/disk.ts';
import type { DiskWriteResult } from '../../sim/node-api.ts';
import { createRng } from '../../sim/rng.ts';
import { TestEventLoop } from './event-loop.ts';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const dec = (b: Uint8Array): string => new TextDecoder().decode(b);

function setup(options: Partial<DiskOptions> = {}) {
  const loop = new TestEventLoop();
  const disk = new SimDisk({ rng: createRng(7), options: { fsyncUs: { kind: 'constant', us: 1000 }, ...options }, schedule: loop.schedule });
  return { loop, disk };
}

function readText(disk: SimDisk, file: string): string {
  const r = disk.read(file);
  if (!r.ok) throw new Error(`read ${file}: ${r.error}`);
  return dec(r.bytes);
}

describe('SimDisk', () => {
  it('shows writes and appends to reads at once, and lists files sorted', () => {
    const { disk } = setup();
    expect(disk.write('b', enc('hello'))).toEqual({ ok: true });
    expect(disk.append('b', enc(' world'))).toEqual({ ok: true });
    expect(disk.append('a', enc('x'))).toEqual({ ok: true });
    expect(readText(disk, 'b')).toBe('hello world');
    expect(disk.list()).toEqual(['a', 'b']);
    expect(disk.read('c')).toEqual({ ok: false, error: 'not-found' });
  });

  it('keeps its own copy of written bytes and hands out copies', () => {
    const { disk } = setup();
    const buf = enc('abc');
    disk.write('f', buf);
    buf[0] = 0;
    const r = disk.read('f');
    expect(r.ok && dec(r.bytes)).toBe('abc');
    if (r.ok) r.bytes[1] = 0;
    expect(readText(disk, 'f')).toBe('abc');
  });

  it('makes content durable only when fsync completes, after its latency', () => {
    const { loop, disk } = setup({ tornWriteP: 0 });
    disk.write('f', enc('one'));
    const results: DiskWriteResult[] = [];
    disk.fsync('f', (r) => results.push(r));
    disk.append('f', enc('-two'));
    loop.run(999);
    expect(results).toEqual([]);
    expect(disk.durableFiles().size).toBe(0);
    loop.run(1000);
    expect(results).toEqual([{ ok: true }]);
    expect(dec(disk.durableFiles().get('f')!)).toBe('one');
    disk.crash();
    expect(readText(disk, 'f')).toBe('one');
  });

  it('drops never-synced files at a crash and silences pending fsync callbacks', () => {
    const { loop, disk } = setup({ tornWriteP: 0 });
    disk.write('f', enc('data'));
    let fired = 0;
    disk.fsync('f', () => fired++);
    disk.crash();
    loop.run();
    expect(fired).toBe(0);
    expect(disk.list()).toEqual([]);
  });

  it('completes fsyncs in issue order even when a later one is faster', () => {
    const { loop, disk } = setup();
    disk.write('f', enc('v1'));
    const order: string[] = [];
    disk.fsync('f', () => order.push('first'));
    disk.apply({ kind: 'disk-slow', node: 'n1', fsyncUs: { kind: 'constant', us: 10 } });
    disk.write('f', enc('v2'));
    disk.fsync('f', () => order.push('second'));
    loop.run(500);
    expect(order).toEqual([]);
    loop.run();
    expect(order).toEqual(['first', 'second']);
    expect(dec(disk.durableFiles().get('f')!)).toBe('v2');
  });

  it('fails fsyncs beyond the pending limit with io-error, and silences those too at a crash', () => {
    const { loop, disk } = setup();
    disk.write('f', enc('x'));
    disk.apply({ kind: 'disk-stall', node: 'n1' });
    for (let i = 0; i < FSYNCS_PENDING_MAX; i++) disk.fsync('f', () => undefined);
    const results: DiskWriteResult[] = [];
    disk.fsync('f', (r) => results.push(r));
    loop.run(0);
    expect(results).toEqual([{ ok: false, error: 'io-error' }]);
    disk.fsync('f', (r) => results.push(r));
    disk.crash();
    loop.run();
    expect(results).toHaveLength(1);
  });

  it('answers fsync of a missing file with not-found, through the callback', () => {
    const { loop, disk } = setup();
    const results: DiskWriteResult[] = [];
    disk.fsync('nope', (r) => results.push(r));
    expect(results).toEqual([]);
    loop.run();
    expect(results).toEqual([{ ok: false, error: 'not-found' }]);
  });

  it('makes removal durable at once and does not resurrect a removed file', () => {
    const { loop, disk } = setup();
    disk.write('f', enc('old'));
    disk.fsync('f', () => undefined);
    loop.run();
    disk.write('f', enc('new'));
    disk.fsync('f', () => undefined);
    expect(disk.remove('f')).toEqual({ ok: true });
    loop.run();
    disk.crash();
    expect(disk.list()).toEqual([]);
    expect(disk.remove('f')).toEqual({ ok: false, error: 'not-found' });
  });

  it('tears the last unsynced append to a strict prefix when tornWriteP is 1', () => {
    const { loop, disk } = setup({ tornWriteP: 1 });
    disk.append('log', enc('AAAA'));
    disk.fsync('log', () => undefined);
    loop.run();
    disk.append('log', enc('BBBBBBBB'));
    disk.crash();
    const text = readText(disk, 'log');
    expect(text.startsWith('AAAA')).toBe(true);
    expect(text.length).toBeGreaterThan(4);
    expect(text.length).toBeLessThan(12);
    expect(text).toBe('AAAA' + 'B'.repeat(text.length - 4));
    expect(dec(disk.durableFiles().get('log')!)).toBe(text);
  });

  it('does not tear when an earlier change is unsynced too', () => {
    const { loop, disk } = setup({ tornWriteP: 1 });
    disk.append('log', enc('AAAA'));
    disk.fsync('log', () => undefined);
    loop.run();
    disk.append('log', enc('CC'));
    disk.append('log', enc('BBBB'));
    disk.crash();
    expect(readText(disk, 'log')).toBe('AAAA');
  });

  it('refuses bytes on a full disk with a value, until cleared', () => {
    const { disk } = setup();
    disk.write('f', enc('x'));
    disk.apply({ kind: 'disk-full', node: 'n1' });
    expect(disk.write('f', enc('y'))).toEqual({ ok: false, error: 'disk-full' });
    expect(disk.append('g', enc('y'))).toEqual({ ok: false, error: 'disk-full' });
    expect(disk.list()).toEqual(['f']);
    expect(disk.remove('f')).toEqual({ ok: true });
    disk.apply({ kind: 'disk-clear', node: 'n1' });
    expect(disk.append('g', enc('y'))).toEqual({ ok: true });
  });

  it('enforces the file and disk size limits', () => {
    const { disk } = setup({ fileBytesMax: 8, diskBytesMax: 12 });
    expect(disk.write('a', new Uint8Array(9))).toEqual({ ok: false, error: 'disk-full' });
    expect(disk.write('a', new Uint8Array(8))).toEqual({ ok: true });
    expect(disk.append('a', new Uint8Array(1))).toEqual({ ok: false, error: 'disk-full' });
    expect(disk.append('b', new Uint8Array(5))).toEqual({ ok: false, error: 'disk-full' });
    expect(disk.append('b', new Uint8Array(4))).toEqual({ ok: true });
    expect(disk.write('a', new Uint8Array(2))).toEqual({ ok: true });
    expect(disk.append('b', new Uint8Array(4))).toEqual({ ok: true });
  });

  it('holds fsync callbacks while stalled and fires them in order once cleared', () => {
    const { loop, disk } = setup();
    disk.write('a', enc('1'));
    disk.write('b', enc('2'));
    disk.apply({ kind: 'disk-stall', node: 'n1' });
    const order: string[] = [];
    disk.fsync('a', () => order.push('a'));
    disk.fsync('b', () => order.push('b'));
    loop.run(1_000_000);
    expect(order).toEqual([]);
    expect(disk.durableFiles().size).toBe(0);
    expect(disk.status().fsyncsPending).toBe(2);
    disk.apply({ kind: 'disk-clear', node: 'n1' });
    expect(order).toEqual([]);
    loop.run();
    expect(order).toEqual(['a', 'b']);
    expect([...disk.durableFiles().keys()]).toEqual(['a', 'b']);
  });

  it('returns sticky io-errors for one file or all, until cleared', () => {
    const { disk } = setup();
    disk.write('a', enc('1'));
    disk.write('b', enc('2'));
    const { label } = disk.apply({ kind: 'disk-read-error', node: 'n1', file: 'a' });
    expect(label).toContain('"a"');
    expect(disk.read('a')).toEqual({ ok: false, error: 'io-error' });
    expect(disk.read('a')).toEqual({ ok: false, error: 'io-error' });
    expect(readText(disk, 'b')).toBe('2');
    disk.apply({ kind: 'disk-read-error', node: 'n1' });
    expect(disk.read('b')).toEqual({ ok: false, error: 'io-error' });
    disk.apply({ kind: 'disk-clear', node: 'n1' });
    expect(readText(disk, 'a')).toBe('1');
  });

  it('corrupts bytes in the cache and on the medium, and resolves the file it chose', () => {
    const { loop, disk } = setup();
    disk.write('data', enc('0123456789'));
    disk.fsync('data', () => undefined);
    loop.run();
    const { resolved, label } = disk.apply({ kind: 'disk-corrupt', node: 'n1', bytes: 3 });
    expect(resolved).toEqual({ kind: 'disk-corrupt', node: 'n1', file: 'data', bytes: 3 });
    expect(label).toContain('3 byte(s)');
    const after = disk.read('data');
    const changed = after.ok ? [...after.bytes].filter((b, i) => b !== enc('0123456789')[i]).length : -1;
    expect(changed).toBe(3);
    disk.crash();
    expect(readText(disk, 'data')).not.toBe('0123456789');
  });

  it('reports nothing to corrupt on an empty disk', () => {
    const { disk } = setup();
    expect(disk.apply({ kind: 'disk-corrupt', node: 'n1' }).label).toContain('nothing to corrupt');
  });

  it('rejects bad options at construction', () => {
    expect(() => setup({ tornWriteP: 2 })).toThrow(/tornWriteP/);
    expect(() => setup({ diskBytesMax: -1 })).toThrow(/diskBytesMax/);
    expect(() => setup({ fsyncUs: { kind: 'uniform', minUs: 10, maxUs: 5 } })).toThrow(/^disk options fsyncUs\.maxUs: /);
  });
});

describe('validateDiskFault', () => {
  const nodes = ['n1', 'n2'];
  it('accepts every well-formed kind', () => {
    for (const f of [
      { kind: 'disk-full', node: 'n1' },
      { kind: 'disk-stall', node: 'n2' },
      { kind: 'disk-corrupt', node: 'n1' },
      { kind: 'disk-corrupt', node: 'n1', file: 'wal', bytes: 4 },
      { kind: 'disk-read-error', node: 'n1', file: 'wal' },
      { kind: 'disk-slow', node: 'n1', fsyncUs: { kind: 'uniform', minUs: 10, maxUs: 20 } },
      { kind: 'disk-clear', node: 'n1' },
    ]) {
      expect(validateDiskFault(f, nodes)).toBeUndefined();
    }
  });

  it('names the field and what is expected, in one line', () => {
    const cases: [unknown, RegExp][] = [
      [null, /^fault: expected an object/],
      [{ kind: 'disk-melt', node: 'n1' }, /^fault\.kind: expected one of disk-full, .*; got "disk-melt"$/],
      [{ kind: 'disk-full', node: 'n9' }, /^fault\.node: unknown node "n9"; known: n1, n2$/],
      [{ kind: 'disk-full' }, /^fault\.node: expected a node id/],
      [{ kind: 'disk-corrupt', node: 'n1', bytes: 0 }, /^fault\.bytes: expected an integer from 1 to \d+ \(bytes to flip\); got 0$/],
      [{ kind: 'disk-corrupt', node: 'n1', file: '' }, /^fault\.file: expected a non-empty file name/],
      [{ kind: 'disk-read-error', node: 'n1', fiel: 'x' }, /^fault\.fiel: not a field of disk-read-error; its fields are kind, node, file$/],
      [{ kind: 'disk-slow', node: 'n1' }, /^fault\.fsyncUs: missing; disk-slow needs node, fsyncUs$/],
      [{ kind: 'disk-slow', node: 'n1', fsyncUs: 5 }, /^fault\.fsyncUs: expected a distribution/],
      [{ kind: 'disk-slow', node: 'n1', fsyncUs: { kind: 'constant', us: -1 } }, /^fault\.fsyncUs\.us: /],
    ];
    for (const [json, expected] of cases) {
      const error = validateDiskFault(json, nodes);
      expect(error).toMatch(expected);
      expect(error).not.toContain('\n');
    }
  });
});
