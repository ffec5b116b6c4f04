import type { Operation, Value } from '../../history.ts';
import type { Model, ModelPart, StepResult } from '../model.ts';
import { canonicalText, valuesEqual } from '../value.ts';
import { casArgument, casMismatch, describeOperation, readMismatch, unsupported } from './describe.ts';

/** A key-value map; a key that is absent has never been written or was deleted. */
export type KvState = ReadonlyMap<string, Value>;

export interface KvOptions {
  /**
   * What a get of an absent key returns and what an append to it extends: nil in etcd-style
   * histories, "" in Porcupine's. Default nil; `inferAbsentValue` reads it from a history.
   */
  readonly absentValue?: null | '';
}

const readFunctions = new Set(['get', 'read']);

/**
 * A map from keys to values: get (or read) returns a key's whole value, put (or write) replaces
 * it, append concatenates a string, cas `[from to]` replaces when the value equals `from`, delete
 * removes the key. Keys are independent, so the history splits per key; checked unsplit, the
 * state is the whole map.
 */
export function createKvModel(options: KvOptions = {}): Model<KvState> {
  const absent = options.absentValue ?? null;
  // Strings (the common case, and long under appends) are interned as themselves: V8 hashes a
  // string once, where canonical text would build and hash a new copy on every call.
  const stringIds = new Map<string, number>();
  const otherIds = new Map<string, number>();
  const valueId = (value: Value): number => {
    const ids = typeof value === 'string' ? stringIds : otherIds;
    const text = typeof value === 'string' ? value : canonicalText(value);
    let id = ids.get(text);
    if (id === undefined) {
      id = stringIds.size + otherIds.size;
      ids.set(text, id);
    }
    return id;
  };
  return {
    name: 'kv',
    init: () => new Map(),
    step: (state, op) => kvStep(state, op, absent),
    stateKey: (state) => {
      if (state.size === 0) return '';
      if (state.size === 1) {
        for (const [key, value] of state) return `${key}\u0000${valueId(value)}`;
      }
      const parts: string[] = [];
      for (const key of sortedKeys(state)) parts.push(`${key}\u0000${valueId(state.get(key) as Value)}`);
      return parts.join('\u0001');
    },
    describeState: (state) => Object.fromEntries(sortedKeys(state).map((key) => [key, state.get(key) as Value])),
    describeOperation,
    partition: partitionByKey,
    isReadOnly: (op) => readFunctions.has(op.f),
  };
}

function kvStep(state: KvState, op: Operation, absent: Value): StepResult<KvState> {
  const key = op.key;
  if (key === undefined) return { ok: false, reason: unsupported(op, 'kv', `${op.f} has no key; kv operations need a :key`) };
  const current = state.has(key) ? (state.get(key) as Value) : absent;
  switch (op.f) {
    case 'get':
    case 'read':
      if (op.output === undefined || valuesEqual(op.output, current)) return { ok: true, state };
      return { ok: false, reason: readMismatch(op, current, op.output) };
    case 'put':
    case 'write':
      return { ok: true, state: withValue(state, key, op.input) };
    case 'append': {
      const base = current ?? '';
      if (typeof base !== 'string' || typeof op.input !== 'string') {
        return { ok: false, reason: unsupported(op, 'kv', `append needs string values, got ${canonicalText(op.input)} onto ${canonicalText(base)}`) };
      }
      return { ok: true, state: withValue(state, key, base + op.input) };
    }
    case 'cas': {
      const argument = casArgument(op.input);
      if (argument === undefined) return { ok: false, reason: unsupported(op, 'kv', `cas needs [from to], got ${canonicalText(op.input)}`) };
      if (!valuesEqual(current, argument.from)) return { ok: false, reason: casMismatch(op, current, argument.from) };
      return { ok: true, state: withValue(state, key, argument.to) };
    }
    case 'delete': {
      if (!state.has(key)) return { ok: true, state };
      const next = new Map(state);
      next.delete(key);
      return { ok: true, state: next };
    }
    default:
      return { ok: false, reason: unsupported(op, 'kv') };
  }
}

function withValue(state: KvState, key: string, value: Value): KvState {
  const next = new Map(state);
  next.set(key, value);
  return next;
}

function sortedKeys(state: KvState): string[] {
  return [...state.keys()].sort(compareText);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** One part per key, in key order; operations without a key form their own part. */
function partitionByKey(operations: readonly Operation[]): readonly ModelPart[] {
  const byKey = new Map<string, Operation[]>();
  const keyless: Operation[] = [];
  for (const op of operations) {
    if (op.key === undefined) {
      keyless.push(op);
      continue;
    }
    const list = byKey.get(op.key);
    if (list === undefined) byKey.set(op.key, [op]);
    else list.push(op);
  }
  const parts: ModelPart[] = [...byKey.keys()].sort(compareText).map((key) => ({ label: `key ${JSON.stringify(key)}`, key, operations: byKey.get(key) ?? [] }));
  if (keyless.length > 0) parts.push({ label: 'operations without a key', operations: keyless });
  return parts;
}

/**
 * What a history says an absent key reads as: "" when some get returned "" and none returned
 * nil (Porcupine's convention), otherwise nil (etcd's).
 */
export function inferAbsentValue(operations: readonly Operation[]): null | '' {
  let sawEmpty = false;
  for (const op of operations) {
    if (op.outcome !== 'ok' || !readFunctions.has(op.f)) continue;
    if (op.output === null) return null;
    if (op.output === '') sawEmpty = true;
  }
  return sawEmpty ? '' : null;
}
