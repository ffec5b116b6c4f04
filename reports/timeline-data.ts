import type { Operation } from '../sim/history.ts';
import type { FaultWindow, NodeEventRecord } from '../sim/run-record.ts';
import { clip, valueText } from './format.ts';
import type { FailureView } from './linearizability-view.ts';

/** Longer values are cut in the embedded data (and the page says how many were cut). */
export const VALUE_CHARS_MAX = 1_000;

/**
 * The data the page's script draws from, in columns (one array per field, indexed by operation
 * id) so 100,000 operations stay a few megabytes and parse fast. Strings that repeat (functions,
 * keys, nodes) are stored once in tables and referenced by position.
 */
export interface TimelineData {
  readonly startUs: number;
  readonly endUs: number;
  readonly processes: readonly number[];
  readonly nodes: readonly string[];
  readonly fs: readonly string[];
  readonly keys: readonly string[];
  readonly op: {
    /** Index into `processes`. */
    readonly lane: readonly number[];
    readonly f: readonly number[];
    /** Index into `keys`, -1 when the operation has no key. */
    readonly key: readonly number[];
    /** Index into `nodes`, -1 when unknown. */
    readonly node: readonly number[];
    /** 0 ok, 1 fail, 2 info. */
    readonly outcome: readonly number[];
    readonly invokeUs: readonly number[];
    /** -1 for info operations. */
    readonly completeUs: readonly number[];
    readonly input: readonly string[];
    /** '' for info operations. */
    readonly output: readonly string[];
    readonly error: readonly string[];
    readonly invokeIndex: readonly number[];
    /** -1 when the operation never completed. */
    readonly completeIndex: readonly number[];
  };
  readonly faults: readonly { kind: string; startUs: number; endUs: number; nodes: readonly number[]; label: string }[];
  readonly faultKinds: readonly string[];
  readonly marks: readonly { node: number; timeUs: number; event: string; detail: string }[];
  readonly failures: readonly {
    label: string;
    key: number;
    blocked: number;
    prefix: readonly number[];
    pointsUs: readonly number[];
    candidates: readonly number[];
    fromUs: number;
    toUs: number;
  }[];
  readonly valuesClipped: number;
}

const OUTCOME_CODES = { ok: 0, fail: 1, info: 2 } as const;

/** Builds the page data: tables first (sorted, so ids are stable), then the columns. */
export function timelineData(input: {
  readonly operations: readonly Operation[];
  readonly nodes: readonly string[];
  readonly faultWindows: readonly FaultWindow[];
  readonly nodeEvents: readonly NodeEventRecord[];
  readonly failures: readonly FailureView[];
  readonly endUs: number;
}): TimelineData {
  const { operations } = input;
  const processes = sortedUnique(operations.map((op) => op.process), (a, b) => a - b);
  const nodes = [...input.nodes];
  for (const name of sortedUnique(operations.flatMap((op) => (op.node === undefined ? [] : [op.node])), compareText)) {
    if (!nodes.includes(name)) nodes.push(name);
  }
  const fs = sortedUnique(operations.map((op) => op.f), compareText);
  const keys = sortedUnique(operations.flatMap((op) => (op.key === undefined ? [] : [op.key])), compareText);
  const laneOf = indexMap(processes);
  const nodeOf = indexMap(nodes);
  const fOf = indexMap(fs);
  const keyOf = indexMap(keys);
  let valuesClipped = 0;
  const clipValue = (text: string): string => {
    if (text.length > VALUE_CHARS_MAX) valuesClipped++;
    return clip(text, VALUE_CHARS_MAX);
  };
  const op = {
    lane: operations.map((o) => laneOf.get(o.process) ?? 0),
    f: operations.map((o) => fOf.get(o.f) ?? 0),
    key: operations.map((o) => (o.key === undefined ? -1 : (keyOf.get(o.key) ?? -1))),
    node: operations.map((o) => (o.node === undefined ? -1 : (nodeOf.get(o.node) ?? -1))),
    outcome: operations.map((o) => OUTCOME_CODES[o.outcome]),
    invokeUs: operations.map((o) => o.invokeUs),
    completeUs: operations.map((o) => o.completeUs ?? -1),
    input: operations.map((o) => clipValue(valueText(o.input))),
    output: operations.map((o) => (o.outcome === 'info' ? '' : clipValue(valueText(o.output)))),
    error: operations.map((o) => o.error ?? ''),
    invokeIndex: operations.map((o) => o.invokeIndex),
    completeIndex: operations.map((o) => o.completeIndex ?? -1),
  };
  const faultKinds = sortedUnique(input.faultWindows.map((w) => w.kind), compareText);
  const faults = input.faultWindows.map((w) => ({
    kind: w.kind,
    startUs: w.startUs,
    endUs: w.endUs ?? input.endUs,
    nodes: w.nodes.map((n) => nodeOf.get(n) ?? -1).filter((n) => n >= 0),
    label: w.label,
  }));
  const marks = input.nodeEvents.map((e) => ({ node: nodeOf.get(e.node) ?? -1, timeUs: e.timeUs, event: e.event, detail: e.detail ?? '' }));
  const failures = input.failures.map((view) => ({
    label: view.part.label,
    key: view.part.key === undefined ? -1 : (keyOf.get(view.part.key) ?? -1),
    blocked: view.failure.blockedOperation,
    prefix: view.failure.prefix,
    pointsUs: view.pointsUs,
    candidates: view.failure.candidates.map((c) => c.operation),
    fromUs: view.fromUs,
    toUs: view.toUs,
  }));
  return { startUs: 0, endUs: input.endUs, processes, nodes, fs, keys, op, faults, faultKinds, marks, failures, valuesClipped };
}

function sortedUnique<T>(items: readonly T[], compare: (a: T, b: T) => number): T[] {
  return [...new Set(items)].sort(compare);
}

/** Code-unit order: locale-independent, so the same input sorts the same everywhere. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function indexMap<T>(items: readonly T[]): Map<T, number> {
  return new Map(items.map((item, index) => [item, index]));
}
