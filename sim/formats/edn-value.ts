import type { Value } from '../history.ts';
import { canonicalText } from '../check/value.ts';
import type { EdnValue } from './edn.ts';

/**
 * An EDN value as a history value: keywords and symbols become their names (`:read` → 'read'),
 * vectors, lists and sets become arrays, maps become objects keyed by their keys' text.
 */
export function ednToValue(edn: EdnValue): Value {
  if (edn === null || typeof edn !== 'object') return edn;
  if (Array.isArray(edn)) return (edn as readonly EdnValue[]).map(ednToValue);
  const tagged = edn as Exclude<EdnValue, readonly EdnValue[] | null | boolean | number | string>;
  if (tagged.kind !== 'map') return tagged.name;
  const record: Record<string, Value> = {};
  for (const [key, value] of tagged.entries) {
    const converted = ednToValue(key);
    record[typeof converted === 'string' ? converted : canonicalText(converted)] = ednToValue(value);
  }
  return record;
}

/** True when `edn` is the keyword `:name`. */
export function isKeyword(edn: EdnValue | undefined, name: string): boolean {
  return typeof edn === 'object' && edn !== null && !Array.isArray(edn) && (edn as { kind: string }).kind === 'keyword' && (edn as { name: string }).name === name;
}
