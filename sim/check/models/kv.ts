import type { Operation, Value } from '../../history.ts';
import type { Model, ModelPart, StepResult } from '../model.ts';
import { canonicalText, valuesEqual } from '../value.ts';
import { casArgument, casMismatch, deferredMismatch, describeOperation, readMismatch, unsupported } from './describe.ts';
import { KvValues } from './kv-values.ts';

/**
 * A key-value map as parallel arrays sorted by key; a key that is absent has never been written
 * or was deleted. Values are ids of the model's `KvValues`, so a state means something only to
 * the model that made it.
 */
export interface KvState {
  readonly keys: readonly string[];
  readonly ids: readonly number[];
  /** The sum of `entryHash` over the entries, kept up to date by every change (see Model.stateHash). */
  readonly hash: number;
}

export interface KvOptions {
  /**
   * What a get of an absent key returns and what an append to it extends: nil in etcd-style
   * histories, "" in Porcupine's. Default nil; `inferAbsentValue` reads it from a history.
   */
  readonly absentValue?: null | '';
}

const readFunctions = new Set(['get', 'read']);
const emptyState: KvState = { keys: [], ids: [], hash: 0 };

interface KvContext {
  readonly absent: Value;
  readonly values: KvValues;
}

/**
 * A map from keys to values: get (or read) returns a key's whole value, put (or write) replaces
 * it, append concatenates a string, cas `[from to]` replaces when the value equals `from`, delete
 * removes the key. Keys are independent, so the history splits per key; checked unsplit, the
 * state is the whole map.
 */
export function createKvModel(options: KvOptions = {}): Model<KvState> {
  const context: KvContext = { absent: options.absentValue ?? null, values: new KvValues() };
  const keyIds = new Map<string, number>();
  const keyId = (key: string): number => {
    let id = keyIds.get(key);
    if (id === undefined) {
      id = keyIds.size;
      keyIds.set(key, id);
    }
    return id;
  };
  return {
    name: 'kv',
    init: () => emptyState,
    step: (state, op) => kvStep(state, op, context, true),
    stepQuietly: (state, op) => kvStep(state, op, context, false),
    stateKey: (state) => {
      if (state.keys.length === 1) {
        const id = keyId(state.keys[0]!);
        if (id < 1024) return state.ids[0]! * 1024 + id;
      }
      let text = '';
      for (let i = 0; i < state.keys.length; i++) text += `${keyId(state.keys[i]!)}:${state.ids[i]!},`;
      return text;
    },
    stateHash: (state) => state.hash,
    stateEquals: (a, b) => a.hash === b.hash && sameItems(a.ids, b.ids) && sameItems(a.keys, b.keys),
    describeState: (state) => Object.fromEntries(state.keys.map((key, i) => [key, context.values.value(state.ids[i]!)])),
    describeOperation,
    partition: partitionByKey,
    footprint: (op) => op.key,
    footprintKey: (state, key) => {
      const at = indexOfKey(state.keys, String(key));
      return at >= 0 && state.keys[at] === key ? state.ids[at]! : -1;
    },
    isReadOnly: (op) => readFunctions.has(op.f),
    isReset: (op) => !readFunctions.has(op.f) && op.f !== 'append',
    canStillObserve: (state, read) => {
      const key = read.key;
      if (key === undefined || typeof read.output !== 'string') return true;
      const at = indexOfKey(state.keys, key);
      return at < 0 || state.keys[at] !== key || context.values.mayPrefix(state.ids[at]!, read.output);
    },
    // The reads canStillObserve above may refuse.
    mayRuleOut: (read) => read.key !== undefined && typeof read.output === 'string',
  };
}

/** What `stepQuietly` returns for a refused get or cas: the search never reads why. */
const quietRejection: StepResult<KvState> = { ok: false, reason: { kind: 'read-mismatch', f: 'get' } };

function kvStep(state: KvState, op: Operation, context: KvContext, explain: boolean): StepResult<KvState> {
  const key = op.key;
  if (key === undefined) return { ok: false, reason: unsupported(op, 'kv', `${op.f} has no key; kv operations need a :key`) };
  const { values } = context;
  const at = indexOfKey(state.keys, key);
  const present = at >= 0 && state.keys[at] === key;
  const currentId = present ? state.ids[at]! : -1;
  switch (op.f) {
    case 'get':
    case 'read':
      if (op.output === undefined || matches(context, currentId, op.output)) return { ok: true, state };
      if (!explain) return quietRejection;
      return { ok: false, reason: present ? deferredMismatch('read-mismatch', op, { source: values, id: currentId }, op.output) : readMismatch(op, context.absent, op.output) };
    case 'put':
    case 'write':
      return { ok: true, state: withId(state, key, values.written(op.input)) };
    case 'append': {
      const baseId = present ? currentId : values.written(context.absent ?? '');
      if (!values.isString(baseId) || typeof op.input !== 'string') {
        return { ok: false, reason: unsupported(op, 'kv', `append needs string values, got ${canonicalText(op.input)} onto ${canonicalText(values.value(baseId))}`) };
      }
      return { ok: true, state: withId(state, key, values.appended(baseId, op.input)) };
    }
    case 'cas': {
      const argument = casArgument(op.input);
      if (argument === undefined) return { ok: false, reason: unsupported(op, 'kv', `cas needs [from to], got ${canonicalText(op.input)}`) };
      if (!matches(context, currentId, argument.from)) {
        if (!explain) return quietRejection;
        return { ok: false, reason: present ? deferredMismatch('cas-mismatch', op, { source: values, id: currentId }, argument.from) : casMismatch(op, context.absent, argument.from) };
      }
      return { ok: true, state: withId(state, key, values.written(argument.to)) };
    }
    case 'delete':
      if (!present) return { ok: true, state };
      return { ok: true, state: { keys: without(state.keys, at), ids: without(state.ids, at), hash: (state.hash - entryHash(key, currentId)) | 0 } };
    default:
      return { ok: false, reason: unsupported(op, 'kv') };
  }
}

/** Whether the key's value (id, or -1 when absent) equals `observed`. */
function matches(context: KvContext, id: number, observed: Value): boolean {
  return id >= 0 ? context.values.equals(id, observed) : valuesEqual(context.absent, observed);
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

function withId(state: KvState, key: string, id: number): KvState {
  const at = indexOfKey(state.keys, key);
  if (at >= 0 && state.keys[at] === key) {
    const ids = state.ids.slice();
    ids[at] = id;
    return { keys: state.keys, ids, hash: (state.hash - entryHash(key, state.ids[at]!) + entryHash(key, id)) | 0 };
  }
  const insertAt = at >= 0 ? at : -1 - at;
  return {
    keys: [...state.keys.slice(0, insertAt), key, ...state.keys.slice(insertAt)],
    ids: [...state.ids.slice(0, insertAt), id, ...state.ids.slice(insertAt)],
    hash: (state.hash + entryHash(key, id)) | 0,
  };
}

/** A well-spread hash of one map entry; a state's hash sums its entries', so a change updates it in O(1). */
function entryHash(key: string, id: number): number {
  let h = Math.imul(id + 0x3c6ef372, 0x9e3779b1);
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  return (h ^ (h >>> 13)) | 0;
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
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
