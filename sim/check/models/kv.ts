import type { Operation, Value } from '../../history.ts';
import type { Model, ModelPart, StepResult } from '../model.ts';
import { PairTable } from '../pair-table.ts';
import { canonicalText, valuesEqual } from '../value.ts';
import { casArgument, casMismatch, describeOperation, readMismatch, unsupported } from './describe.ts';

/**
 * A key-value map as parallel arrays sorted by key; a key that is absent has never been written
 * or was deleted. `ids[i]` names `values[i]` for interning (see `ValueIds`).
 */
export interface KvState {
  readonly keys: readonly string[];
  readonly values: readonly Value[];
  readonly ids: readonly number[];
}

export interface KvOptions {
  /**
   * What a get of an absent key returns and what an append to it extends: nil in etcd-style
   * histories, "" in Porcupine's. Default nil; `inferAbsentValue` reads it from a history.
   */
  readonly absentValue?: null | '';
}

const readFunctions = new Set(['get', 'read']);
const emptyState: KvState = { keys: [], values: [], ids: [] };

/**
 * Names values by small integers without hashing long strings: a written value by its text, an
 * appended one by (previous id, suffix). The same text reached both ways gets two ids, which only
 * costs a missed cache hit.
 */
class ValueIds {
  private readonly written = new Map<string, number>();
  private readonly appended = new PairTable({ entriesMax: 1 << 21 });
  private readonly suffixes = new Map<string, number>();
  private readonly keys = new Map<string, number>();
  private count = 0;

  ofWritten(value: Value): number {
    const text = typeof value === 'string' ? value : `\u0000${canonicalText(value)}`;
    return this.lookup(this.written, text);
  }

  ofAppended(previousId: number, suffix: string): number {
    let suffixId = this.suffixes.get(suffix);
    if (suffixId === undefined) {
      suffixId = this.suffixes.size;
      this.suffixes.set(suffix, suffixId);
    }
    let id = this.appended.get(previousId, suffixId, -1);
    if (id === -1) {
      id = this.count++;
      this.appended.set(previousId, suffixId, id);
    }
    return id;
  }

  ofKey(key: string): number {
    let id = this.keys.get(key);
    if (id === undefined) {
      id = this.keys.size;
      this.keys.set(key, id);
    }
    return id;
  }

  private lookup(map: Map<string, number>, text: string): number {
    let id = map.get(text);
    if (id === undefined) {
      id = this.count++;
      map.set(text, id);
    }
    return id;
  }
}

/**
 * A map from keys to values: get (or read) returns a key's whole value, put (or write) replaces
 * it, append concatenates a string, cas `[from to]` replaces when the value equals `from`, delete
 * removes the key. Keys are independent, so the history splits per key; checked unsplit, the
 * state is the whole map.
 */
export function createKvModel(options: KvOptions = {}): Model<KvState> {
  const absent = options.absentValue ?? null;
  const ids = new ValueIds();
  return {
    name: 'kv',
    init: () => emptyState,
    step: (state, op) => kvStep(state, op, { absent, ids }),
    stateKey: (state) => {
      if (state.keys.length === 1) {
        const keyId = ids.ofKey(state.keys[0]!);
        if (keyId < 1024) return state.ids[0]! * 1024 + keyId;
      }
      return state.keys.map((key, i) => `${ids.ofKey(key)}:${state.ids[i]!}`).join(',');
    },
    describeState: (state) => Object.fromEntries(state.keys.map((key, i) => [key, state.values[i] as Value])),
    describeOperation,
    partition: partitionByKey,
    isReadOnly: (op) => readFunctions.has(op.f),
  };
}

function kvStep(state: KvState, op: Operation, context: { readonly absent: Value; readonly ids: ValueIds }): StepResult<KvState> {
  const key = op.key;
  if (key === undefined) return { ok: false, reason: unsupported(op, 'kv', `${op.f} has no key; kv operations need a :key`) };
  const at = indexOfKey(state.keys, key);
  const present = at >= 0 && state.keys[at] === key;
  const current = present ? (state.values[at] as Value) : context.absent;
  switch (op.f) {
    case 'get':
    case 'read':
      if (op.output === undefined || current === op.output || valuesEqual(op.output, current)) return { ok: true, state };
      return { ok: false, reason: readMismatch(op, current, op.output) };
    case 'put':
    case 'write':
      return { ok: true, state: withValue(state, key, op.input, context.ids.ofWritten(op.input)) };
    case 'append': {
      const base = current ?? '';
      if (typeof base !== 'string' || typeof op.input !== 'string') {
        return { ok: false, reason: unsupported(op, 'kv', `append needs string values, got ${canonicalText(op.input)} onto ${canonicalText(base)}`) };
      }
      const baseId = present ? state.ids[at]! : context.ids.ofWritten(base);
      return { ok: true, state: withValue(state, key, base + op.input, context.ids.ofAppended(baseId, op.input)) };
    }
    case 'cas': {
      const argument = casArgument(op.input);
      if (argument === undefined) return { ok: false, reason: unsupported(op, 'kv', `cas needs [from to], got ${canonicalText(op.input)}`) };
      if (!valuesEqual(current, argument.from)) return { ok: false, reason: casMismatch(op, current, argument.from) };
      return { ok: true, state: withValue(state, key, argument.to, context.ids.ofWritten(argument.to)) };
    }
    case 'delete':
      if (!present) return { ok: true, state };
      return { ok: true, state: { keys: without(state.keys, at), values: without(state.values, at), ids: without(state.ids, at) } };
    default:
      return { ok: false, reason: unsupported(op, 'kv') };
  }
}

/** Where `key` is or would go in the sorted keys. */
function indexOfKey(keys: readonly string[], key: string): number {
  let low = 0;
  let high = keys.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (keys[middle]! < key) low = middle + 1;
    else high = middle;
  }
  return low < keys.length ? low : -1 - low;
}

function withValue(state: KvState, key: string, value: Value, id: number): KvState {
  const at = indexOfKey(state.keys, key);
  if (at >= 0 && state.keys[at] === key) {
    const values = state.values.slice();
    const ids = state.ids.slice();
    values[at] = value;
    ids[at] = id;
    return { keys: state.keys, values, ids };
  }
  const insertAt = at >= 0 ? at : -1 - at;
  return {
    keys: [...state.keys.slice(0, insertAt), key, ...state.keys.slice(insertAt)],
    values: [...state.values.slice(0, insertAt), value, ...state.values.slice(insertAt)],
    ids: [...state.ids.slice(0, insertAt), id, ...state.ids.slice(insertAt)],
  };
}

function without<T>(items: readonly T[], at: number): T[] {
  return [...items.slice(0, at), ...items.slice(at + 1)];
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
