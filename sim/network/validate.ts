import { validateDistribution } from '../distributions.ts';
import type { NodeId } from '../node-api.ts';
import { isNetworkFaultKind, networkFaultKinds } from './faults.ts';
import { partitionShapeNames } from './partition.ts';
import { duplicateCopiesMax, networkRuleKinds } from './rules.ts';

type Json = Record<string, unknown>;
interface Known {
  readonly nodeIds: readonly NodeId[];
  /** Nodes and clients: rules and holds may name clients, partitions may not. */
  readonly endpointIds: readonly NodeId[];
}

/**
 * Checks that `json` is a valid NetworkFault for a cluster of `nodeIds` (and, for rules and holds
 * that name clients, `clientIds`). Returns a one-line error naming the field and what is expected,
 * or undefined when valid. The fault plan validator prefixes it with the step.
 */
export function validateNetworkFault(json: unknown, nodeIds: readonly NodeId[], extra: { clientIds?: readonly NodeId[] } = {}): string | undefined {
  if (!isObject(json)) return `fault: expected an object like {"kind":"heal"}`;
  const kind = json['kind'];
  if (!isNetworkFaultKind(kind)) return `kind: expected one of ${networkFaultKinds.join(', ')}; got ${JSON.stringify(kind)}`;
  const known: Known = { nodeIds, endpointIds: [...nodeIds, ...(extra.clientIds ?? [])] };
  switch (kind) {
    case 'partition':
      return onlyKeys(json, ['kind', 'partition'], 'fault') ?? validatePartition(json['partition'], known);
    case 'hold':
      return onlyKeys(json, ['kind', 'from', 'to'], 'fault') ?? validateFilter(json, '', known);
    case 'net-rule':
      return onlyKeys(json, ['kind', 'rule'], 'fault') ?? validateRule(json['rule'], known);
    case 'heal':
    case 'release':
    case 'net-clear':
      return onlyKeys(json, ['kind'], 'fault');
  }
}

function validatePartition(json: unknown, known: Known): string | undefined {
  const field = 'partition';
  if (!isObject(json)) return `${field}: expected an object like {"shape":"random-halves"}`;
  const at = (name: string): string => `${field}.${name}`;
  switch (json['shape']) {
    case 'sides':
      return onlyKeys(json, ['shape', 'sides'], field) ?? validateSides(json['sides'], { field: at('sides'), known, count: 'any' });
    case 'random-halves':
    case 'majority-minority':
      return onlyKeys(json, ['shape'], field);
    case 'isolate':
      return onlyKeys(json, ['shape', 'node'], field) ?? optional(json['node'], (v) => knownId(v, at('node'), known.nodeIds));
    case 'bridge':
      return onlyKeys(json, ['shape', 'node', 'halves'], field) ?? validateBridge(json, known);
    case 'ring':
      return onlyKeys(json, ['shape', 'order'], field) ?? optional(json['order'], (v) => validateRingOrder(v, at('order'), known));
    case 'one-way':
      return (
        onlyKeys(json, ['shape', 'from', 'to'], field) ??
        idList(json['from'], { field: at('from'), ids: known.nodeIds, nonEmpty: true }) ??
        idList(json['to'], { field: at('to'), ids: known.nodeIds, nonEmpty: true })
      );
    default:
      return `${at('shape')}: expected one of ${partitionShapeNames.join(', ')}; got ${JSON.stringify(json['shape'])}`;
  }
}

function validateSides(json: unknown, o: { field: string; known: Known; count: 'any' | 2 }): string | undefined {
  if (!Array.isArray(json) || (o.count === 2 ? json.length !== 2 : json.length === 0)) {
    return `${o.field}: expected ${o.count === 2 ? 'two lists' : 'a non-empty list of lists'} of node ids, like [["n1","n2"],["n3"]]`;
  }
  const seen = new Set<unknown>();
  for (let i = 0; i < json.length; i++) {
    const side: unknown = json[i];
    // A bridge half may be empty (a bridge over two nodes); a listed side may not.
    const error = idList(side, { field: `${o.field}[${i}]`, ids: o.known.nodeIds, nonEmpty: o.count === 'any' });
    if (error !== undefined) return error;
    for (const id of side as unknown[]) {
      if (seen.has(id)) return `${o.field}[${i}]: node ${JSON.stringify(id)} is on two sides; list each node once`;
      seen.add(id);
    }
  }
  return undefined;
}

function validateBridge(json: Json, known: Known): string | undefined {
  const node = json['node'];
  if (node !== undefined) {
    const error = knownId(node, 'partition.node', known.nodeIds);
    if (error !== undefined) return error;
  }
  const halves = json['halves'];
  if (halves === undefined) return undefined;
  if (node === undefined) return `partition.halves: given halves need the bridge "node" too`;
  const error = validateSides(halves, { field: 'partition.halves', known, count: 2 });
  if (error !== undefined) return error;
  return (halves as unknown[][]).flat().includes(node) ? `partition.halves: the bridge node ${JSON.stringify(node)} must not be in a half` : undefined;
}

function validateRingOrder(json: unknown, field: string, known: Known): string | undefined {
  const error = idList(json, { field, ids: known.nodeIds, nonEmpty: true });
  if (error !== undefined) return error;
  const order = json as NodeId[];
  const missing = known.nodeIds.filter((id) => !order.includes(id));
  if (new Set(order).size !== order.length || missing.length > 0) {
    return `${field}: expected every node exactly once${missing.length > 0 ? `; missing ${missing.join(', ')}` : '; a node is listed twice'}`;
  }
  return undefined;
}

function validateRule(json: unknown, known: Known): string | undefined {
  if (!isObject(json)) return `rule: expected an object like {"kind":"loss","p":0.1}`;
  const filterError = validateFilter(json, 'rule.', known);
  if (filterError !== undefined) return filterError;
  const keys = (more: string[]): string | undefined => onlyKeys(json, ['kind', 'from', 'to', ...more], 'rule');
  switch (json['kind']) {
    case 'loss':
    case 'corrupt':
      return keys(['p']) ?? probability(json['p'], 'rule.p');
    case 'duplicate':
      return (
        keys(['p', 'copies']) ??
        probability(json['p'], 'rule.p') ??
        optional(json['copies'], (v) => intIn(v, { field: 'rule.copies', min: 2, max: duplicateCopiesMax }))
      );
    case 'latency':
      return keys(['latency']) ?? validateDistribution(json['latency'], 'rule.latency');
    case 'reorder':
      return keys(['p', 'extraUs']) ?? optional(json['p'], (v) => probability(v, 'rule.p')) ?? validateDistribution(json['extraUs'], 'rule.extraUs');
    case 'capacity':
      return (
        keys(['msgsPerSec', 'queueMax']) ??
        (isPositive(json['msgsPerSec']) ? undefined : `rule.msgsPerSec: expected a number > 0; got ${JSON.stringify(json['msgsPerSec'])}`) ??
        optional(json['queueMax'], (v) => intIn(v, { field: 'rule.queueMax', min: 1, max: Number.MAX_SAFE_INTEGER }))
      );
    default:
      return `rule.kind: expected one of ${networkRuleKinds.join(', ')}; got ${JSON.stringify(json['kind'])}`;
  }
}

function validateFilter(json: Json, prefix: string, known: Known): string | undefined {
  return (
    optional(json['from'], (v) => idList(v, { field: `${prefix}from`, ids: known.endpointIds, nonEmpty: true })) ??
    optional(json['to'], (v) => idList(v, { field: `${prefix}to`, ids: known.endpointIds, nonEmpty: true }))
  );
}

function idList(json: unknown, o: { field: string; ids: readonly NodeId[]; nonEmpty: boolean }): string | undefined {
  if (!Array.isArray(json) || (o.nonEmpty && json.length === 0)) {
    return `${o.field}: expected a ${o.nonEmpty ? 'non-empty ' : ''}list of node ids, like ["n1","n2"]`;
  }
  for (let i = 0; i < json.length; i++) {
    const error = knownId(json[i], `${o.field}[${i}]`, o.ids);
    if (error !== undefined) return error;
  }
  return undefined;
}

function knownId(v: unknown, field: string, ids: readonly NodeId[]): string | undefined {
  if (typeof v === 'string' && ids.includes(v)) return undefined;
  return `${field}: unknown node ${JSON.stringify(v)}; known: ${ids.join(', ')}`;
}

function probability(v: unknown, field: string): string | undefined {
  return typeof v === 'number' && v >= 0 && v <= 1 ? undefined : `${field}: expected a probability between 0 and 1; got ${JSON.stringify(v)}`;
}

function intIn(v: unknown, o: { field: string; min: number; max: number }): string | undefined {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= o.min && v <= o.max
    ? undefined
    : `${o.field}: expected an integer from ${o.min} to ${o.max}; got ${JSON.stringify(v)}`;
}

function isPositive(v: unknown): boolean {
  return typeof v === 'number' && Number.isFinite(v) && v > 0;
}

function optional(v: unknown, check: (v: unknown) => string | undefined): string | undefined {
  return v === undefined ? undefined : check(v);
}

function onlyKeys(json: Json, allowed: readonly string[], field: string): string | undefined {
  const extra = Object.keys(json).find((k) => !allowed.includes(k));
  return extra === undefined ? undefined : `${field}.${extra}: unknown field; expected only ${allowed.join(', ')}`;
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
