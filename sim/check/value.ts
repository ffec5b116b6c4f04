import type { Value } from '../history.ts';

/**
 * Structural equality of history values: models compare what an operation observed with what the
 * state implies, and values may be nested (a cas's `[from to]`, a set read's list).
 */
export function valuesEqual(a: Value | undefined, b: Value | undefined): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return false;
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!valuesEqual(a[i] as Value, b[i] as Value)) return false;
    return true;
  }
  const recordA = a as { readonly [key: string]: Value };
  const recordB = b as { readonly [key: string]: Value };
  const keysA = Object.keys(recordA);
  if (keysA.length !== Object.keys(recordB).length) return false;
  return keysA.every((key) => Object.hasOwn(recordB, key) && valuesEqual(recordA[key], recordB[key]));
}

/**
 * A canonical text of a value (object keys sorted), so equal values give equal text: models use it
 * to build state keys and people read it in evidence.
 */
export function canonicalText(value: Value | undefined): string {
  if (value === undefined) return 'undefined';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${(value as readonly Value[]).map(canonicalText).join(',')}]`;
  const record = value as { readonly [key: string]: Value };
  const keys = Object.keys(record).sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalText(record[key])}`).join(',')}}`;
}

/** A short form of a value for sentences: `nil` for null, strings quoted, lists in brackets. */
export function valueWords(value: Value | undefined): string {
  if (value === undefined) return 'unknown';
  if (value === null) return 'nil';
  return canonicalText(value);
}
