import type { LinearizabilityEvidence, SearchStatistics } from '../../sim/check/evidence.ts';
import type { CheckResult } from '../../sim/check/result.ts';
import { pairOperations, type HistoryEvent, type Operation, type Value } from '../../sim/history.ts';
import type { RunRecord } from '../../sim/run-record.ts';

/** A key written by someone hostile: it must render as text everywhere. */
export const HOSTILE_KEY = '<script>alert(1)</script>';
/** A value that would end an inline script element if it were not escaped. */
export const HOSTILE_VALUE = '</script><img src=x onerror=alert(2)>\u2028&amp;';

interface OpSpec {
  readonly process: number;
  readonly f: string;
  readonly key?: string;
  readonly input: Value;
  readonly output?: Value;
  readonly outcome: 'ok' | 'fail' | 'info';
  readonly invokeUs: number;
  readonly completeUs?: number;
  readonly node?: string;
}

/** Builds a well-formed history from operation specs, ordering events by time (ties by spec order). */
export function historyOf(specs: readonly OpSpec[]): HistoryEvent[] {
  const raw: { timeUs: number; order: number; event: Omit<HistoryEvent, 'index'> }[] = [];
  specs.forEach((spec, i) => {
    const common = { process: spec.process, f: spec.f, ...(spec.key !== undefined ? { key: spec.key } : {}), ...(spec.node !== undefined ? { node: spec.node } : {}) };
    raw.push({ timeUs: spec.invokeUs, order: i * 2, event: { ...common, type: 'invoke', value: spec.input, timeUs: spec.invokeUs } });
    if (spec.completeUs !== undefined) {
      const value = spec.outcome === 'info' ? spec.input : (spec.output ?? spec.input);
      raw.push({ timeUs: spec.completeUs, order: i * 2 + 1, event: { ...common, type: spec.outcome, value, timeUs: spec.completeUs, ...(spec.outcome === 'info' ? { error: 'timeout' } : {}) } });
    }
  });
  raw.sort((a, b) => a.timeUs - b.timeUs || a.order - b.order);
  return raw.map((r, index) => ({ ...r.event, index }));
}

export function paired(history: readonly HistoryEvent[]): Operation[] {
  const result = pairOperations(history);
  if (!result.ok) throw new Error(result.error.message);
  return result.operations;
}

const STATS: SearchStatistics = { configurations: 42, attempts: 97, cacheHits: 5, backtracks: 11, states: 4, deepestPrefix: 3 };

/**
 * A KV run on two keys: key "a" is fine; the hostile key has a stale read. Operations (ids in
 * invocation order): 0 p1 put hostile 1; 1 p2 put a 5; 2 p1 put hostile 2 (HOSTILE_VALUE stands in
 * for 2's text); 3 p3 get hostile → 1 (stale, after the second put completed); 4 p2 get a → 5;
 * 5 p4 put a 9 (info).
 */
export function failingRun(): { record: RunRecord; operations: Operation[]; evidence: LinearizabilityEvidence } {
  const history = historyOf([
    { process: 1, f: 'put', key: HOSTILE_KEY, input: 1, outcome: 'ok', invokeUs: 1_000, completeUs: 4_000, node: 'n1' },
    { process: 2, f: 'put', key: 'a', input: 5, outcome: 'ok', invokeUs: 2_000, completeUs: 6_000, node: 'n2' },
    { process: 1, f: 'put', key: HOSTILE_KEY, input: HOSTILE_VALUE, outcome: 'ok', invokeUs: 5_000, completeUs: 9_000, node: 'n1' },
    { process: 3, f: 'get', key: HOSTILE_KEY, input: null, output: 1, outcome: 'ok', invokeUs: 10_000, completeUs: 14_000, node: 'n3' },
    { process: 2, f: 'get', key: 'a', input: null, output: 5, outcome: 'ok', invokeUs: 11_000, completeUs: 12_000, node: 'n2' },
    { process: 4, f: 'put', key: 'a', input: 9, outcome: 'info', invokeUs: 12_500, completeUs: 15_000, node: 'n3' },
  ]);
  const operations = paired(history);
  const evidence: LinearizabilityEvidence = {
    model: 'kv',
    split: true,
    droppedOperations: 0,
    statistics: STATS,
    parts: [
      { label: 'key "a"', key: 'a', valid: true, operationCount: 3, statistics: STATS },
      {
        label: `key ${JSON.stringify(HOSTILE_KEY)}`,
        key: HOSTILE_KEY,
        valid: false,
        operationCount: 3,
        statistics: STATS,
        failure: {
          blockedOperation: 3,
          prefix: [0, 2],
          stateAfterPrefix: HOSTILE_VALUE,
          candidates: [
            {
              operation: 3,
              text: `p3 get ${JSON.stringify(HOSTILE_KEY)} → 1`,
              outcome: 'rejected',
              reason: { kind: 'read-mismatch', f: 'get', key: HOSTILE_KEY, expected: HOSTILE_VALUE, observed: 1, message: `get of key ${JSON.stringify(HOSTILE_KEY)} returned 1 but the key held ${JSON.stringify(HOSTILE_VALUE)}` },
            },
          ],
          explanation: [`get of key ${JSON.stringify(HOSTILE_KEY)} returned 1, but after the last completed put the only possible value was ${JSON.stringify(HOSTILE_VALUE)}.`],
          window: [0, 2, 3],
        },
      },
    ],
  };
  const checks: CheckResult[] = [
    { checker: 'linearizable', valid: false, summary: `1 of 2 keys not linearizable (key ${JSON.stringify(HOSTILE_KEY)})`, evidence },
    { checker: 'convergence', valid: true, summary: 'all replicas agree after heal' },
  ];
  const record: RunRecord = {
    scenario: 'kv-partition',
    seed: 42,
    options: { nodes: 3, clients: 4, 'network.latency': 'uniform', evil: HOSTILE_KEY },
    drawn: { 'network.latency': 'uniform' },
    faultPlan: { steps: [{ atUs: 3_000, fault: { kind: 'partition', sides: [['n1'], ['n2', 'n3']] } }, { atUs: 8_000, fault: { kind: 'heal' } }] },
    history,
    checks,
    traceHash: 'a1b2c3d4e5f60718',
    events: 1234,
    simulatedUs: 16_000,
    stop: { reason: 'done', pending: [] },
    nodes: ['n1', 'n2', 'n3'],
    faultWindows: [
      { kind: 'partition', startUs: 3_000, endUs: 8_000, nodes: ['n1'], label: 'partition {n1} | {n2,n3}' },
      { kind: 'crash', startUs: 13_000, endUs: undefined, nodes: ['n3'], label: `crash n3 ${HOSTILE_KEY}` },
    ],
    nodeEvents: [
      { node: 'n3', timeUs: 13_000, event: 'crash', detail: HOSTILE_VALUE },
      { node: 'n1', timeUs: 3_000, event: 'isolated' },
    ],
    messages: { sent: 120, delivered: 100, dropped: 15, duplicated: 5, corrupted: 0 },
    exitCode: 1,
    replayCommand: `npm run scenario -- kv-partition --seed 42`,
  };
  return { record, operations, evidence };
}
