import type { NodeId } from './node-api.ts';

/**
 * Small checks shared by the validators of fault-plan entries (disk and clock faults). Each
 * returns a one-line message naming the field as it appears in the plan file (`fault.node`) and
 * what is expected, or undefined when the value is fine.
 */

/**
 * The fields of a fault object whose kind is one of `kinds` and whose only fields are `kind` plus
 * those listed for it, all but the optional ones present, and whose `node` is known; or the first
 * error found. The caller then checks the values of the kind's own fields.
 */
export function faultFields<K extends string>(
  json: unknown,
  o: { kinds: Readonly<Record<K, readonly string[]>>; optional?: readonly string[]; nodeIds: readonly NodeId[] },
): { fields: Record<string, unknown>; kind: K } | { error: string } {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { error: `fault: expected an object like {"kind":"clock-jump","node":"n1","deltaUs":1000}; got ${JSON.stringify(json)}` };
  }
  const fields = json as Record<string, unknown>;
  const kinds = Object.keys(o.kinds) as K[];
  const kind = fields['kind'];
  if (!kinds.includes(kind as K)) return { error: `fault.kind: expected one of ${kinds.join(', ')}; got ${JSON.stringify(kind)}` };
  const error =
    checkKnownFields(fields, kind as K, o.kinds[kind as K]) ??
    checkNode(fields['node'], o.nodeIds) ??
    checkRequired(fields, o.kinds[kind as K].filter((name) => !(o.optional ?? []).includes(name)));
  return error === undefined ? { fields, kind: kind as K } : { error };
}

function checkRequired(fields: Record<string, unknown>, names: readonly string[]): string | undefined {
  const missing = names.find((name) => fields[name] === undefined);
  return missing === undefined ? undefined : `fault.${missing}: missing; ${fields['kind']} needs ${names.join(', ')}`;
}

/** Rejects fields the kind does not have, so a typo ("fiel") is not silently ignored. */
function checkKnownFields(fields: Record<string, unknown>, kind: string, allowed: readonly string[]): string | undefined {
  const known = ['kind', ...allowed];
  const unknown = Object.keys(fields)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .find((key) => !known.includes(key));
  return unknown === undefined ? undefined : `fault.${unknown}: not a field of ${kind}; its fields are ${known.join(', ')}`;
}

function checkNode(value: unknown, nodeIds: readonly NodeId[]): string | undefined {
  if (typeof value !== 'string') return `fault.node: expected a node id (one of ${nodeIds.join(', ')}); got ${JSON.stringify(value)}`;
  return nodeIds.includes(value) ? undefined : `fault.node: unknown node ${JSON.stringify(value)}; known: ${nodeIds.join(', ')}`;
}

/** An integer in [min, max]; `what` says what it counts, e.g. "microseconds". */
export function checkInteger(value: unknown, o: { field: string; min: number; max: number; what: string }): string | undefined {
  const ok = typeof value === 'number' && Number.isSafeInteger(value) && value >= o.min && value <= o.max;
  return ok ? undefined : `fault.${o.field}: expected an integer from ${o.min} to ${o.max} (${o.what}); got ${JSON.stringify(value)}`;
}

/** An optional non-empty string (a file name). */
export function checkOptionalName(value: unknown, field: string): string | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'string' && value.length > 0 ? undefined : `fault.${field}: expected a non-empty file name or no field at all; got ${JSON.stringify(value)}`;
}
