/** Nesting deeper than this is taken for a cycle: messages are trees of plain data. */
export const copyDepthMax = 64;

/**
 * A deep copy of plain data — objects, arrays, primitives and Uint8Array — so a receiver never
 * shares mutable state with the sender (DESIGN.md §3: the receiver gets its own copy). It is on
 * the kernel's hot path, hence a hand-written walk rather than structuredClone (see
 * test/bench/copy.ts). Anything else (Map, Date, class instances, functions) is a bug in a
 * system's message type and throws, as does nesting deeper than `copyDepthMax`.
 */
export function copyMessage<M>(m: M): M {
  return copyValue(m, 0) as M;
}

function copyValue(v: unknown, depth: number): unknown {
  if (typeof v !== 'object' || v === null) {
    if (typeof v === 'function' || typeof v === 'symbol') throw new Error(`copyMessage: a ${typeof v} is not plain data`);
    return v;
  }
  if (depth >= copyDepthMax) throw new Error(`copyMessage: nesting deeper than ${copyDepthMax} (a cycle?)`);
  if (Array.isArray(v)) {
    const n = v.length;
    const out = new Array<unknown>(n);
    for (let i = 0; i < n; i++) out[i] = copyValue(v[i], depth + 1);
    return out;
  }
  // Not v.slice(): on a Node Buffer that returns a view sharing memory.
  if (v instanceof Uint8Array) return new Uint8Array(v);
  const proto: unknown = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) {
    throw new Error(`copyMessage: ${(v as object).constructor?.name ?? 'object'} is not plain data (use objects, arrays, primitives, Uint8Array)`);
  }
  const src = v as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key in src) {
    const value = copyValue(src[key], depth + 1);
    // Assigning "__proto__" (a legal JSON key) would change the copy's prototype instead.
    if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
    else out[key] = value;
  }
  return out;
}
