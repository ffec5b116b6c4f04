import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Value } from '../../../sim/history.ts';
import { crc32 } from '../../../systems/kv/crc32.ts';
import { decodeLog, encodeRecord } from '../../../systems/kv/wal-codec.ts';
import type { WalRecord } from '../../../systems/kv/wal-payload.ts';

const recordArb: fc.Arbitrary<WalRecord> = fc.oneof(
  fc.record({
    t: fc.constant('kv' as const),
    key: fc.string({ maxLength: 8 }),
    versions: fc.array(
      fc.record({ clock: fc.dictionary(fc.constantFrom('n1', 'n2'), fc.nat(9)), value: fc.oneof(fc.integer(), fc.constant(null)), deleted: fc.boolean(), tsUs: fc.nat(), writer: fc.constantFrom('n1', 'n2') }),
      { maxLength: 3 },
    ),
    hinted: fc.boolean(),
  }),
  fc.record({ t: fc.constant('drop' as const), key: fc.string({ maxLength: 8 }) }),
  fc.record({ t: fc.constant('abd' as const), key: fc.string({ maxLength: 8 }), reg: fc.record({ tag: fc.record({ n: fc.nat(), writer: fc.string({ maxLength: 5 }) }), value: fc.oneof(fc.integer(), fc.constant(null)) }) }),
);

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** CRC-32 bit by bit, straight from the polynomial: the reference the table-driven code must match. */
function crc32Bitwise(bytes: Uint8Array, start: number, end: number): number {
  let c = 0xffffffff;
  for (let i = start; i < end; i++) {
    c ^= bytes[i] as number;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

describe('crc32', () => {
  it('matches the standard check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it('matches the bitwise definition on any range, whatever its length and alignment', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), fc.nat(), fc.nat(), (bytes, a, b) => {
        const start = bytes.length === 0 ? 0 : a % (bytes.length + 1);
        const end = start + (b % (bytes.length - start + 1));
        expect(crc32(bytes, { start, end })).toBe(crc32Bitwise(bytes, start, end));
      }),
      { seed: 42, numRuns: 500 },
    );
  });
});

describe('WAL codec', () => {
  it('decodes what it encodes', () => {
    fc.assert(
      fc.property(fc.array(recordArb, { maxLength: 10 }), (records) => {
        const decoded = decodeLog(concat(records.map(encodeRecord)));
        expect(decoded.records).toEqual(JSON.parse(JSON.stringify(records)));
        expect(decoded.corruptRegions).toEqual([]);
        expect(decoded.tornTailBytes).toBe(0);
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('frames non-ASCII strings as UTF-8 (length in bytes) and decodes them', () => {
    const record: WalRecord = { t: 'abd', key: 'ключ€😀', reg: { tag: { n: 1, writer: 'n1' }, value: 'é' } };
    const frame = encodeRecord(record);
    const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
    expect(view.getUint32(4, true)).toBe(frame.length - 8);
    const keyBytes = new TextEncoder().encode('ключ€😀');
    expect(view.getUint32(9, true)).toBe(keyBytes.length);
    expect(frame.subarray(13, 13 + keyBytes.length)).toEqual(keyBytes);
    expect(decodeLog(frame).records).toEqual([record]);
  });

  it('round-trips every kind of value a client may write', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.boolean(), (value, deleted) => {
        const record: WalRecord = { t: 'kv', key: 'k', versions: [{ clock: { n1: 3_000_000_007, n2: 1 }, value: value as Value, deleted, tsUs: -12.5, writer: 'n1' }], hinted: true };
        expect(decodeLog(encodeRecord(record)).records).toEqual(JSON.parse(JSON.stringify([record])));
      }),
      { seed: 42, numRuns: 300 },
    );
    const proto = JSON.parse('{"__proto__": 1}') as { [key: string]: number };
    const decoded = decodeLog(encodeRecord({ t: 'abd', key: 'k', reg: { tag: { n: 1, writer: 'w' }, value: proto } })).records[0];
    expect(decoded?.t === 'abd' && Object.keys(decoded.reg.value as object)).toEqual(['__proto__']);
  });

  it('treats a frame whose CRC verifies but whose payload is malformed as damage', () => {
    const good = encodeRecord({ t: 'drop', key: 'k1' });
    const payloads = [new Uint8Array([9, 0, 0, 0, 0]), new Uint8Array([2, 200, 0, 0, 0, 65]), good.subarray(8, good.length - 1)];
    for (const payload of payloads) {
      const frame = new Uint8Array(8 + payload.length);
      const view = new DataView(frame.buffer);
      view.setUint32(4, payload.length, true);
      frame.set(payload, 8);
      view.setUint32(0, crc32(frame.subarray(4)), true);
      const decoded = decodeLog(concat([frame, good]));
      expect(decoded.records).toEqual([{ t: 'drop', key: 'k1' }]);
      expect(decoded.corruptRegions).toEqual([{ offset: 0, bytes: frame.length }]);
    }
  });

  it('reports a torn tail and keeps every whole record before it', () => {
    fc.assert(
      fc.property(fc.array(recordArb, { minLength: 1, maxLength: 6 }), fc.nat(), (records, cutSeed) => {
        const frames = records.map(encodeRecord);
        const last = frames[frames.length - 1] as Uint8Array;
        const cut = 1 + (cutSeed % (last.length - 1));
        const decoded = decodeLog(concat([...frames.slice(0, -1), last.subarray(0, cut)]));
        expect(decoded.records).toHaveLength(records.length - 1);
        expect(decoded.tornTailBytes).toBe(cut);
        expect(decoded.corruptRegions).toEqual([]);
      }),
      { seed: 7, numRuns: 200 },
    );
  });

  it('never returns a damaged record, and loses only the damaged one', () => {
    fc.assert(
      fc.property(fc.array(recordArb, { minLength: 1, maxLength: 8 }), fc.nat(), fc.integer({ min: 1, max: 255 }), (records, where, flip) => {
        const frames = records.map(encodeRecord);
        const log = concat(frames);
        const position = where % log.length;
        log[position] = (log[position] as number) ^ flip;
        const decoded = decodeLog(log);
        const expected = JSON.parse(JSON.stringify(records)) as WalRecord[];
        let start = 0;
        const damaged = frames.findIndex((f) => {
          const inside = position >= start && position < start + f.length;
          start += f.length;
          return inside;
        });
        expected.splice(damaged, 1);
        expect(decoded.records).toEqual(expected);
        expect(decoded.corruptRegions.length + (decoded.tornTailBytes > 0 ? 1 : 0)).toBe(1);
      }),
      { seed: 11, numRuns: 300 },
    );
  });
});
