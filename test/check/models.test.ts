import { describe, expect, it } from 'vitest';
import type { Model } from '../../sim/check/model.ts';
import { createCasRegisterModel } from '../../sim/check/models/cas-register.ts';
import { createKvModel, inferAbsentValue } from '../../sim/check/models/kv.ts';
import { createQueueModel } from '../../sim/check/models/queue.ts';
import { createRegisterModel } from '../../sim/check/models/register.ts';
import { createSetModel } from '../../sim/check/models/set.ts';
import { reasonWords } from '../../sim/check/reason-words.ts';
import type { Operation, Value } from '../../sim/history.ts';

function op(f: string, input: Value, output?: Value, extra: Partial<Operation> = {}): Operation {
  return { id: 0, process: 1, f, input, output: output ?? (f === 'read' || f === 'get' || f === 'dequeue' ? null : input), outcome: 'ok', invokeIndex: 0, completeIndex: 1, invokeUs: 0, completeUs: 1, ...extra };
}

/** The state after operations the model must all accept. */
function applyAll<State>(model: Model<State>, ops: readonly Operation[]): State {
  return ops.reduce((state, operation) => {
    const result = model.step(state, operation);
    if (!result.ok) throw new Error('rejected');
    return result.state;
  }, model.init());
}

/** Runs operations in order; returns the final state or the first rejection's sentence. */
function run<State>(model: Model<State>, ops: readonly Operation[]): { state: Value } | { rejected: string; kind: string } {
  let state = model.init();
  for (const operation of ops) {
    const result = model.step(state, operation);
    if (!result.ok) return { rejected: reasonWords(result.reason), kind: result.reason.kind };
    state = result.state;
  }
  return { state: model.describeState(state) };
}

describe('register models', () => {
  it('reads what was last written, nil before any write', () => {
    expect(run(createRegisterModel(), [op('read', null, null), op('write', 3), op('read', null, 3)])).toEqual({ state: 3 });
    expect(run(createRegisterModel(), [op('write', 3), op('read', null, 4)])).toEqual({ kind: 'read-mismatch', rejected: 'read returned 4 but the value was 3' });
  });

  it('compares and sets only from the expected value', () => {
    const model = createCasRegisterModel();
    expect(run(model, [op('write', 1), op('cas', [1, 2]), op('read', null, 2)])).toEqual({ state: 2 });
    expect(run(model, [op('write', 1), op('cas', [3, 2])])).toEqual({ kind: 'cas-mismatch', rejected: 'cas expected 3 but the value was 1' });
    expect(run(model, [op('cas', 5)])).toMatchObject({ kind: 'unsupported' });
    expect(run(createRegisterModel(), [op('cas', [1, 2])])).toMatchObject({ kind: 'unsupported', rejected: "the register model has no operation 'cas'" });
  });

  it('accepts a read of unknown outcome in any state and calls it read-only', () => {
    const model = createRegisterModel();
    const unknownRead = op('read', null, undefined, { outcome: 'info', output: undefined, completeIndex: undefined, completeUs: undefined });
    expect(model.step(5, unknownRead)).toEqual({ ok: true, state: 5 });
    expect(model.isReadOnly?.(unknownRead)).toBe(true);
    expect(model.isReadOnly?.(op('write', 1))).toBe(false);
  });
});

describe('kv model', () => {
  const key = (k: string) => ({ key: k });

  it('gets whole values, puts replace, appends concatenate, per key', () => {
    const model = createKvModel({ absentValue: '' });
    const ops = [op('get', null, '', key('a')), op('append', 'x', undefined, key('a')), op('append', 'y', undefined, key('a')), op('put', 'z', undefined, key('b')), op('get', null, 'xy', key('a'))];
    expect(run(model, ops)).toEqual({ state: { a: 'xy', b: 'z' } });
    expect(run(model, [op('append', 'x', undefined, key('a')), op('get', null, 'y', key('a'))])).toEqual({ kind: 'read-mismatch', rejected: 'get of key "a" returned "y" but the key held "x"' });
  });

  it('reads an absent key as nil by default, and supports cas and delete (the etcd shape)', () => {
    const model = createKvModel();
    const ops = [op('read', null, null, key('k')), op('write', 1, undefined, key('k')), op('cas', [1, 2], undefined, key('k')), op('delete', null, undefined, key('k')), op('get', null, null, key('k'))];
    expect(run(model, ops)).toEqual({ state: {} });
    expect(run(model, [op('cas', [null, 1], undefined, key('k')), op('cas', [0, 1], undefined, key('k'))])).toMatchObject({ kind: 'cas-mismatch' });
  });

  it('gives equal maps equal state keys, whatever order keys were written in', () => {
    const model = createKvModel();
    const apply = (ops: readonly Operation[]) => applyAll(model, ops);
    const ab = apply([op('put', 1, undefined, key('a')), op('put', 2, undefined, key('b'))]);
    const ba = apply([op('put', 2, undefined, key('b')), op('put', 1, undefined, key('a'))]);
    const other = apply([op('put', 2, undefined, key('a')), op('put', 1, undefined, key('b'))]);
    expect(model.stateKey(ab)).toBe(model.stateKey(ba));
    expect(model.stateKey(ab)).not.toBe(model.stateKey(other));
  });

  it('rules out only reads of strings: for any other read, every state can still be observed', () => {
    const model = createKvModel({ absentValue: '' });
    const apply = (ops: readonly Operation[]) => applyAll(model, ops);
    const states = [model.init(), apply([op('put', 'abc', undefined, key('a'))]), apply([op('put', 7, undefined, key('a'))]), apply([op('put', [1], undefined, key('a'))])];
    const reads = [op('get', null, 'xyz', key('a')), op('get', null, 7, key('a')), op('get', null, null, key('a')), op('get', null, [1], key('a')), op('get', null, 'xyz')];
    for (const read of reads) {
      const ruledOutSomewhere = states.some((state) => model.canStillObserve?.(state, read) === false);
      if (model.mayRuleOut?.(read) === false) expect(ruledOutSomewhere).toBe(false);
    }
    expect(reads.map((read) => model.mayRuleOut?.(read))).toEqual([true, false, false, false, false]);
    expect(model.canStillObserve?.(states[1]!, reads[0]!)).toBe(false);
  });

  it('splits per key in key order and infers what an absent key reads as', () => {
    const ops = [op('put', 1, undefined, { key: 'b', id: 0 }), op('get', null, 1, { key: 'a', id: 1 }), op('get', null, '', { key: 'b', id: 2 })];
    const parts = createKvModel().partition?.(ops) ?? [];
    expect(parts.map((part) => [part.label, part.operations.map((o) => o.id)])).toEqual([
      ['key "a"', [1]],
      ['key "b"', [0, 2]],
    ]);
    expect(inferAbsentValue(ops)).toBe('');
    expect(inferAbsentValue([...ops, op('get', null, null, key('c'))])).toBe(null);
  });
});

describe('queue and set models', () => {
  it('dequeues in FIFO order, nil from an empty queue', () => {
    const model = createQueueModel();
    expect(run(model, [op('enqueue', 1), op('enqueue', 2), op('dequeue', null, 1), op('dequeue', null, 2), op('dequeue', null, null)])).toEqual({ state: [] });
    expect(run(model, [op('enqueue', 1), op('enqueue', 2), op('dequeue', null, 2)])).toEqual({ kind: 'read-mismatch', rejected: 'dequeue returned 2 but the head was 1' });
    expect(run(model, [op('dequeue', null, 7)])).toEqual({ kind: 'empty', rejected: 'dequeue returned 7 but the queue was empty' });
  });

  it('reads a set as all its elements in any order', () => {
    const model = createSetModel();
    expect(run(model, [op('add', 2), op('add', 1), op('add', 2), op('read', null, [1, 2])])).toEqual({ state: [1, 2] });
    expect(run(model, [op('add', 2), op('add', 1), op('read', null, [2, 1])])).toEqual({ state: [1, 2] });
    expect(run(model, [op('add', 1), op('read', null, [1, 3])])).toMatchObject({ kind: 'read-mismatch' });
  });
});
