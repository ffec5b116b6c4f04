/** Nesting deeper than this is taken for a cycle: messages are trees of plain data. */
export const copyDepthMax = 64;

/**
 * A deep copy of plain data — objects, arrays, primitives and Uint8Array — so a receiver never
 * shares mutable state with the sender (DESIGN.md §3: the receiver gets its own copy). It is on
 * the kernel's hot path, hence a hand-written walk rather than structuredClone (several times
 * faster; see test/bench/copy.ts). Anything else (Map, Date, class instances, functions) is a bug
 * in a system's message type and throws, as does nesting deeper than `copyDepthMax`.
 */
export function copyMessage<M>(m: M): M {
  return copyField(m, 0) as M;
}

/**
 * `copyMessage` of a message whose values are all numbers, strings and booleans (the trace's digest
 * of the message says so, see Trace.mixMessage): a plain object needs only the spread, not a
 * second walk over its values. Anything else goes through copyMessage and its checks.
 */
export function copyFlatMessage<M>(m: M): M {
  if (typeof m === 'object' && m !== null && (m as object).constructor === Object) return { ...m };
  return copyMessage(m);
}

/** Primitives are returned as they are, inline, so flat messages cost no recursive calls. */
function copyField(x: unknown, depth: number): unknown {
  if (typeof x === 'object') return x === null ? null : copyObject(x, depth);
  if (typeof x === 'function' || typeof x === 'symbol') throw new Error(`copyMessage: a ${typeof x} is not plain data`);
  return x;
}

function copyObject(v: object, depth: number): unknown {
  if (depth >= copyDepthMax) throw new Error(`copyMessage: nesting deeper than ${copyDepthMax} (a cycle?)`);
  const next = depth + 1;
  if (Array.isArray(v)) {
    const n = v.length;
    const out = new Array<unknown>(n);
    for (let i = 0; i < n; i++) {
      const x: unknown = v[i];
      out[i] = typeof x === 'object' || typeof x === 'function' || typeof x === 'symbol' ? copyField(x, next) : x;
    }
    return out;
  }
  // The constructor test is the cheap common case; the prototype test admits null-prototype
  // objects and objects with an own "constructor" key.
  if (v.constructor !== Object) {
    // Not v.slice(): on a Node Buffer that returns a view sharing memory.
    if (v instanceof Uint8Array) return new Uint8Array(v);
    const proto: unknown = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) {
      throw new Error(`copyMessage: ${v.constructor?.name ?? 'object'} is not plain data (use objects, arrays, primitives, Uint8Array)`);
    }
  }
  // The spread takes V8's fast clone path for own data properties (the copy shares the source's
  // shape, which also keeps receivers' property accesses monomorphic); nested values are then
  // replaced by copies of their own.
  const out = depth === 0 ? spreadTop(v) : depth === 1 ? spreadFirst(v) : depth === 2 ? spreadSecond(v) : spreadDeeper(v);
  for (const key in out) {
    const x = out[key];
    if (typeof x !== 'object' && typeof x !== 'function' && typeof x !== 'symbol') continue;
    const value = copyField(x, next);
    // Assigning "__proto__" (a legal JSON key) would change the copy's prototype instead.
    if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
    else out[key] = value;
  }
  return out;
}

// One spread site per nesting level. V8 caches an object copy per site and shape, and a site that
// meets more than four shapes turns megamorphic: every copy there becomes a generic runtime call.
// Top-level messages come in many shapes, but each nested level of a system's messages holds only
// a few (KV: versions and registers, then tags and entries, then clocks), so these stay fast.
function spreadTop(v: object): Record<string, unknown> {
  return { ...(v as Record<string, unknown>) };
}

function spreadFirst(v: object): Record<string, unknown> {
  return { ...(v as Record<string, unknown>) };
}

function spreadSecond(v: object): Record<string, unknown> {
  return { ...(v as Record<string, unknown>) };
}

function spreadDeeper(v: object): Record<string, unknown> {
  return { ...(v as Record<string, unknown>) };
}
