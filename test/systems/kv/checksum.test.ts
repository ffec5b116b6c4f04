import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Value } from '../../../sim/history.ts';
import { createRng } from '../../../sim/rng.ts';
import { copyMessage } from '../../../sim/network/copy.ts';
import { corruptMessage } from '../../../sim/network/corrupt.ts';
import { freezeMessage } from '../../../sim/network/freeze.ts';
import { intact, seal } from '../../../systems/kv/checksum.ts';
import type { KvMessage } from '../../../systems/kv/messages.ts';

const value = fc.jsonValue({ maxDepth: 3 }).map((v) => v as Value);
const id = fc.constantFrom('n1', 'n2', 'n3');
const key = fc.string({ maxLength: 6 });
const opId = fc.nat();
const version = fc.record({ clock: fc.dictionary(id, fc.integer({ min: 1, max: 5_000_000_000 })), value, deleted: fc.boolean(), tsUs: fc.integer(), writer: id });
const versions = fc.array(version, { maxLength: 3 });
const reg = fc.record({ tag: fc.record({ n: fc.nat(), writer: fc.string({ maxLength: 8 }) }), value });
const entries = fc.array(fc.oneof(fc.record({ key, versions }), fc.record({ key, reg })), { maxLength: 3 });

/** Every message type of the store, with random content. */
const message: fc.Arbitrary<KvMessage> = fc.oneof(
  fc.record({ type: fc.constantFrom('get' as const, 'delete' as const), reqId: opId, key }),
  fc.record({ type: fc.constant('put' as const), reqId: opId, key, value }),
  fc.record({ type: fc.constant('reply' as const), reqId: opId, ok: fc.boolean(), value, error: fc.string() }, { requiredKeys: ['type', 'reqId', 'ok', 'value'] }),
  fc.record({ type: fc.constantFrom('r-get' as const, 'r-put-ok' as const, 'abd-read' as const, 'abd-write-ok' as const), opId, key }),
  fc.record({ type: fc.constant('r-get-ok' as const), opId, key, versions }),
  fc.record({ type: fc.constant('r-put' as const), opId, key, versions, hinted: fc.boolean() }),
  fc.record({ type: fc.constant('r-put-fail' as const), opId, key, error: fc.string() }),
  fc.record({ type: fc.constant('abd-read-ok' as const), opId, key, reg, durable: fc.boolean() }),
  fc.record({ type: fc.constant('abd-write' as const), opId, key, reg }),
  fc.record({ type: fc.constant('abd-dump-req' as const) }),
  fc.record({ type: fc.constantFrom('abd-dump' as const, 'ae-entries' as const), entries }),
  fc.record({
    type: fc.constant('gossip' as const),
    ids: fc.array(id, { maxLength: 5 }),
    incarnations: fc.array(fc.nat(), { maxLength: 5 }),
    heartbeats: fc.array(fc.nat(), { maxLength: 5 }),
    statuses: fc.array(fc.constantFrom('spare' as const, 'up' as const, 'leaving' as const, 'left' as const), { maxLength: 5 }),
    reply: fc.boolean(),
  }),
  fc.record({ type: fc.constant('ae-tree' as const), depth: fc.nat(4), nodes: fc.array(fc.integer(), { maxLength: 31 }) }),
  fc.record({ type: fc.constant('ae-diff' as const), buckets: fc.array(fc.nat(15), { maxLength: 16 }), entries }),
);

describe('message checksums', () => {
  it('a sealed message stays intact through the network copy', () => {
    fc.assert(
      fc.property(message, (m) => intact(copyMessage(seal(m)))),
      { seed: 42, numRuns: 500 },
    );
  });

  it('every corruption of one leaf of any message type is detected', () => {
    fc.assert(
      fc.property(message, fc.integer({ min: 1, max: 1_000_000 }), (m, seed) => {
        const sealed = seal(m);
        const damaged = corruptMessage(sealed, createRng(seed));
        // corruptMessage may hit the sum itself, or the type: that is damage too.
        return intact(damaged) === false;
      }),
      { seed: 42, numRuns: 2_000 },
    );
  });

  it('trusts only the very object it sealed: copies, which carry its mark along, are summed again', () => {
    fc.assert(
      fc.property(message, fc.integer({ min: 1, max: 1_000_000 }), (m, seed) => {
        const sealed = freezeMessage(seal(m));
        expect(intact(sealed)).toBe(true);
        // A damaged copy made by spreading keeps the mark (a reference to the sealed object).
        const damaged = corruptMessage(sealed, createRng(seed));
        expect(Object.getOwnPropertySymbols(damaged)).toHaveLength(1);
        return intact(damaged) === false && intact({ ...sealed }) === true;
      }),
      { seed: 42, numRuns: 500 },
    );
  });

  it('a message without a sum, of an unknown type, or with a value of another type is not intact', () => {
    expect(intact({ type: 'get', reqId: 1, key: 'k0' })).toBe(false);
    expect(intact({ ...seal({ type: 'r-get', opId: 1, key: 'k0' }), type: 'r-got' } as unknown as KvMessage)).toBe(false);
    expect(() => seal({ type: 'nonsense' } as unknown as KvMessage)).toThrow(/unknown type 'nonsense'/);
    const sealed = seal({ type: 'put', reqId: 1, key: 'k0', value: 1 });
    const changed = (value: Value) => intact({ ...sealed, value });
    expect(changed('1')).toBe(false);
    expect(changed(1.5)).toBe(false);
    expect(changed(-0)).toBe(false);
    expect(changed([1])).toBe(false);
    expect(changed(1)).toBe(true);
  });
});
