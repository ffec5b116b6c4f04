import { copyDepthMax } from './copy.ts';

/**
 * Deep-freezes a message of plain data (objects and arrays of primitives) in place and returns
 * it: what lets the kernel hand one message to every receiver instead of a copy each (see
 * `MessagePassing`). An object that is already frozen is taken as frozen all the way down and not
 * entered again, so data a system sends again and again (a replica's stored versions) costs one
 * check after its first send; the one way data gets frozen here is this function, which freezes
 * a whole subtree. Anything that cannot be frozen whole is a bug in the message type and throws:
 * typed arrays (their bytes stay writable), Map, Date, class instances, functions, and nesting
 * deeper than `copyDepthMax` (a cycle).
 */
export function freezeMessage<M>(m: M): M {
  if (typeof m === 'object' && m !== null) freezeObject(m, 0);
  else if (typeof m === 'function' || typeof m === 'symbol') notPlain(typeof m);
  return m;
}

function freezeObject(v: object, depth: number): void {
  if (Object.isFrozen(v)) return;
  if (depth >= copyDepthMax) throw new Error(`freezeMessage: nesting deeper than ${copyDepthMax} (a cycle?)`);
  const next = depth + 1;
  // Children first, so a frozen object always has frozen contents (even after a throw).
  if (Array.isArray(v)) {
    const n = v.length;
    for (let i = 0; i < n; i++) {
      const x: unknown = v[i];
      if (typeof x === 'object') {
        if (x !== null) freezeObject(x, next);
      } else if (typeof x === 'function' || typeof x === 'symbol') notPlain(typeof x);
    }
    Object.freeze(v);
    return;
  }
  if (v.constructor !== Object) {
    const proto: unknown = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) notPlain(v instanceof Uint8Array ? 'Uint8Array (its bytes cannot be frozen; send such messages by copy)' : (v.constructor?.name ?? 'object'));
  }
  const record = v as Record<string, unknown>;
  for (const key in record) {
    const x = record[key];
    if (typeof x === 'object') {
      if (x !== null) freezeObject(x, next);
    } else if (typeof x === 'function' || typeof x === 'symbol') notPlain(typeof x);
  }
  Object.freeze(v);
}

function notPlain(what: string): never {
  throw new Error(`freezeMessage: a ${what} is not plain data that can be shared (use objects, arrays, primitives)`);
}
