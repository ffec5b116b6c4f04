import type { EventType, HistoryEvent, Operation, Value } from '../../sim/history.ts';
import { pairOperations } from '../../sim/history.ts';

/** One operation of a test history: who, what, and the span of its events. */
export interface OpSpec {
  readonly process: number;
  readonly f: string;
  readonly key?: string;
  readonly input: Value;
  /** The completion's value (a read's result); ignored for info. */
  readonly output?: Value;
  readonly outcome: 'ok' | 'fail' | 'info';
  /** Real-time position of the invocation and completion (later); completion ignored for info. */
  readonly invokeAt: number;
  readonly completeAt: number;
}

/**
 * The history of the given operations, events ordered by position (completion before invocation
 * on ties, so touching operations are sequential). An info operation has no completion event.
 */
export function historyOf(specs: readonly OpSpec[]): HistoryEvent[] {
  const points: { at: number; order: number; spec: OpSpec; type: EventType }[] = [];
  specs.forEach((spec, order) => {
    if (spec.outcome !== 'info' && !(spec.completeAt > spec.invokeAt)) throw new Error('an operation must complete after its invocation');
    points.push({ at: spec.invokeAt, order, spec, type: 'invoke' });
    if (spec.outcome !== 'info') points.push({ at: spec.completeAt, order, spec, type: spec.outcome });
  });
  points.sort((a, b) => a.at - b.at || (a.type === 'invoke' ? 1 : 0) - (b.type === 'invoke' ? 1 : 0) || a.order - b.order);
  return points.map((point, index): HistoryEvent => ({
    index,
    process: point.spec.process,
    type: point.type,
    f: point.spec.f,
    ...(point.spec.key !== undefined ? { key: point.spec.key } : {}),
    value: point.type === 'invoke' ? point.spec.input : point.type === 'ok' ? (point.spec.output ?? point.spec.input) : point.spec.input,
    timeUs: point.at,
  }));
}

export function operationsOf(history: readonly HistoryEvent[]): Operation[] {
  const paired = pairOperations(history);
  if (!paired.ok) throw new Error(`test history does not pair: ${paired.error.message}`);
  return paired.operations;
}

/**
 * Gives each operation a process that is idle over its span, so the history is well formed:
 * operations of one process never overlap.
 */
export function assignProcesses<T extends { readonly invokeAt: number; readonly completeAt: number; readonly outcome: string }>(specs: readonly T[]): (T & { process: number })[] {
  const busyUntil: number[] = [];
  const order = specs.map((_, i) => i).sort((a, b) => specs[a]!.invokeAt - specs[b]!.invokeAt || a - b);
  const result: (T & { process: number })[] = new Array(specs.length);
  for (const i of order) {
    const spec = specs[i]!;
    let process = busyUntil.findIndex((until) => until < spec.invokeAt);
    if (process === -1) process = busyUntil.length;
    busyUntil[process] = spec.outcome === 'info' ? Number.POSITIVE_INFINITY : spec.completeAt;
    result[i] = { ...spec, process };
  }
  return result;
}
