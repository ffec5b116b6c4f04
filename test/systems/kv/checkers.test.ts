import { describe, expect, it } from 'vitest';
import type { HistoryEvent, Value } from '../../../sim/history.ts';
import { checkConvergence, checkDurability, checkLostWrites, checkMembership, checkReadValidity } from '../../../systems/kv/checkers.ts';
import type { KvSnapshot } from '../../../systems/kv/node.ts';

type Op = { process: number; f: 'get' | 'put' | 'delete'; key: string; value: Value; invokeUs: number; endUs: number; outcome: 'ok' | 'fail' | 'info'; result?: Value };

/** A history from whole operations, events sorted by time. */
function history(ops: readonly Op[]): HistoryEvent[] {
  const events: Omit<HistoryEvent, 'index'>[] = [];
  for (const op of ops) {
    events.push({ process: op.process, type: 'invoke', f: op.f, key: op.key, value: op.value, timeUs: op.invokeUs });
    if (op.outcome !== 'info') events.push({ process: op.process, type: op.outcome, f: op.f, key: op.key, value: op.result ?? op.value, timeUs: op.endUs });
  }
  return events.sort((a, b) => a.timeUs - b.timeUs).map((e, index) => ({ ...e, index }));
}

const put = (process: number, value: number, invokeUs: number, endUs: number, outcome: Op['outcome'] = 'ok'): Op => ({ process, f: 'put', key: 'k', value, invokeUs, endUs, outcome });
const get = (process: number, result: Value, invokeUs: number, endUs: number): Op => ({ process, f: 'get', key: 'k', value: null, invokeUs, endUs, outcome: 'ok', result });

describe('kv checkers', () => {
  it('durability: a final read older than an acknowledged write is a loss', () => {
    const h = history([put(0, 1, 0, 10), put(1, 2, 20, 30), get(2, 1, 100, 110)]);
    const result = checkDurability(h, { finalAtUs: 100 });
    expect(result.valid).toBe(false);
    expect(result.summary).toMatch(/1 acknowledged write/);
  });

  it('durability: concurrent writes may end in either order; an unknown write may land late', () => {
    expect(checkDurability(history([put(0, 1, 0, 30), put(1, 2, 10, 20), get(2, 1, 100, 110)]), { finalAtUs: 100 }).valid).toBe(true);
    expect(checkDurability(history([put(0, 1, 0, 5, 'info'), put(1, 2, 10, 20), get(2, 1, 100, 110)]), { finalAtUs: 100 }).valid).toBe(true);
  });

  it('durability: a delete explains a null, nothing explains a missing final read', () => {
    const del: Op = { process: 1, f: 'delete', key: 'k', value: null, invokeUs: 20, endUs: 30, outcome: 'ok' };
    expect(checkDurability(history([put(0, 1, 0, 10), del, get(2, null, 100, 110)]), { finalAtUs: 100 }).valid).toBe(true);
    expect(checkDurability(history([put(0, 1, 0, 10)]), { finalAtUs: 100 }).valid).toBe('unknown');
  });

  it('lost-writes: a read missing an earlier acknowledged write fails; siblings that include it pass', () => {
    expect(checkLostWrites(history([put(0, 1, 0, 10), put(1, 2, 20, 30), get(2, 1, 40, 50)])).valid).toBe(false);
    expect(checkLostWrites(history([put(0, 1, 0, 10), put(1, 2, 20, 30), get(2, [1, 2], 40, 50)])).valid).toBe(true);
  });

  it('read-validity: only written values (or null) may be read', () => {
    expect(checkReadValidity(history([put(0, 1, 0, 10), get(1, 1, 20, 30), get(1, null, 40, 50)])).valid).toBe(true);
    expect(checkReadValidity(history([put(0, 1, 0, 10), get(1, 99, 20, 30)])).valid).toBe(false);
  });

  const snapshot = (id: string, o: Partial<KvSnapshot>): KvSnapshot => ({
    id,
    status: 'up',
    incarnation: 1,
    ring: ['n1', 'n2', 'n3'],
    keys: [],
    registers: [],
    recovery: { records: 0, corruptRegions: 0, corruptBytes: 0, tornTailBytes: 0, readError: false },
    repairing: false,
    handoffPending: 0,
    ...o,
  });
  const v = (value: number) => ({ clock: { n1: value }, value, deleted: false, tsUs: value, writer: 'n1' });

  it('convergence: owners must hold the same versions', () => {
    const same = ['n1', 'n2', 'n3'].map((id) => snapshot(id, { keys: [{ key: 'k', versions: [v(1)], hinted: false }] }));
    expect(checkConvergence({ snapshots: same, n: 3, vnodes: 8, linearizable: false }).valid).toBe(true);
    const differ = [...same.slice(0, 2), snapshot('n3', { keys: [{ key: 'k', versions: [v(2)], hinted: false }] })];
    expect(checkConvergence({ snapshots: differ, n: 3, vnodes: 8, linearizable: false }).valid).toBe(false);
  });

  it('membership: every node must see the ring of the nodes that are up', () => {
    const agree = ['n1', 'n2', 'n3'].map((id) => snapshot(id, {}));
    expect(checkMembership({ snapshots: agree }).valid).toBe(true);
    expect(checkMembership({ snapshots: [...agree.slice(0, 2), snapshot('n3', { ring: ['n1', 'n3'] })] }).valid).toBe(false);
  });
});
