import type { LinearizabilityEvidence, SearchStatistics } from '../../sim/check/evidence.ts';
import type { CheckResult } from '../../sim/check/result.ts';
import type { HistoryEvent, Operation } from '../../sim/history.ts';
import type { RunRecord } from '../../sim/run-record.ts';
import { historyOf, operationsOf } from '../check/history-builder.ts';

/** The history paired into operations (the ids evidence refers to). */
export const paired = operationsOf;

/** A key written by someone hostile: it must render as text everywhere. */
export const HOSTILE_KEY = '<script>alert(1)</script>';
/** A value that would end an inline script element if it were not escaped. */
export const HOSTILE_VALUE = '</script><img src=x onerror=alert(2)>\u2028&amp;';

/** Clients send to fixed nodes in these fixtures, so the node filter and node rows have data. */
function withNodes(history: readonly HistoryEvent[], nodeOfProcess: Readonly<Record<number, string>>): HistoryEvent[] {
  return history.map((event) => {
    const node = nodeOfProcess[event.process];
    return node === undefined ? event : { ...event, node };
  });
}

const STATS: SearchStatistics = { configurations: 42, attempts: 97, cacheHits: 5, backtracks: 11, states: 4, deepestPrefix: 3 };

/**
 * A KV run on two keys: key "a" is fine; the hostile key has a stale read. Operations (ids in
 * invocation order): 0 p1 put hostile 1; 1 p2 put a 5; 2 p1 put hostile 2 (HOSTILE_VALUE stands in
 * for 2's text); 3 p3 get hostile → 1 (stale, after the second put completed); 4 p2 get a → 5;
 * 5 p4 put a 9 (info).
 */
export function failingRun(): { record: RunRecord; operations: Operation[]; evidence: LinearizabilityEvidence } {
  const history = withNodes(
    historyOf([
      { process: 1, f: 'put', key: HOSTILE_KEY, input: 1, outcome: 'ok', invokeAt: 1_000, completeAt: 4_000 },
      { process: 2, f: 'put', key: 'a', input: 5, outcome: 'ok', invokeAt: 2_000, completeAt: 6_000 },
      { process: 1, f: 'put', key: HOSTILE_KEY, input: HOSTILE_VALUE, outcome: 'ok', invokeAt: 5_000, completeAt: 9_000 },
      { process: 3, f: 'get', key: HOSTILE_KEY, input: null, output: 1, outcome: 'ok', invokeAt: 10_000, completeAt: 14_000 },
      { process: 2, f: 'get', key: 'a', input: null, output: 5, outcome: 'ok', invokeAt: 11_000, completeAt: 12_000 },
      { process: 4, f: 'put', key: 'a', input: 9, outcome: 'info', invokeAt: 12_500, completeAt: 12_500 },
    ]),
    { 1: 'n1', 2: 'n2', 3: 'n3', 4: 'n3' },
  );
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
