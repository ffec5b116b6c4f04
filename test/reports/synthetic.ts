import type { LinearizabilityEvidence, PartEvidence, SearchStatistics } from '../../sim/check/evidence.ts';
import type { HistoryEvent, Operation } from '../../sim/history.ts';
import type { RunRecord } from '../../sim/run-record.ts';
import { paired } from './fixtures.ts';

const STATS: SearchStatistics = { configurations: 1, attempts: 1, cacheHits: 0, backtracks: 0, states: 1, deepestPrefix: 1 };

/** A tiny deterministic generator (LCG), so the synthetic history is the same on every machine. */
function lcg(seed: number): (n: number) => number {
  let x = seed >>> 0;
  return (n) => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return (x >>> 8) % n;
  };
}

/**
 * A large synthetic KV run for scale tests of the report: `opsCount` operations by 50 processes
 * on 100 keys, with fails and infos, fault windows and node events, and evidence in which key
 * "k7" fails after a long prefix. It is not a checked history: the evidence is made up to the
 * report's needs, which is all a renderer test may assume.
 */
export function syntheticRun(opsCount: number): { record: RunRecord; operations: Operation[] } {
  const next = lcg(7);
  const processes = 50;
  const clockUs = Array.from({ length: processes }, (_, p) => p * 37);
  const raw: { timeUs: number; seq: number; event: Omit<HistoryEvent, 'index'> }[] = [];
  const nodes = ['n1', 'n2', 'n3', 'n4', 'n5'];
  for (let i = 0; i < opsCount; i++) {
    const process = next(processes);
    const invokeUs = (clockUs[process] ?? 0) + next(400);
    const durationUs = 50 + next(next(10) === 0 ? 20_000 : 1_500);
    const completeUs = invokeUs + durationUs;
    clockUs[process] = completeUs + 1;
    const key = `k${next(100)}`;
    const f = next(2) === 0 ? 'get' : 'put';
    const roll = next(100);
    const type = roll < 3 ? 'fail' : roll < 5 ? 'info' : 'ok';
    const node = nodes[next(nodes.length)] as string;
    const input = f === 'get' ? null : i;
    const output = f === 'get' ? next(1000) : i;
    raw.push({ timeUs: invokeUs, seq: i * 2, event: { process, type: 'invoke', f, key, value: input, timeUs: invokeUs, node } });
    raw.push({ timeUs: completeUs, seq: i * 2 + 1, event: { process, type, f, key, value: type === 'ok' ? output : input, timeUs: completeUs, node, ...(type === 'ok' ? {} : { error: type === 'info' ? 'timeout' : 'no-quorum' }) } });
  }
  raw.sort((a, b) => a.timeUs - b.timeUs || a.seq - b.seq);
  const history: HistoryEvent[] = raw.map((r, index) => ({ ...r.event, index }));
  const operations = paired(history);
  const endUs = history[history.length - 1]?.timeUs ?? 1;
  const failingKey = 'k7';
  const keyOps = operations.filter((op) => op.key === failingKey && op.outcome !== 'fail');
  const blocked = keyOps[Math.floor(keyOps.length * 0.6)] ?? keyOps[0];
  const prefix = keyOps.slice(0, Math.floor(keyOps.length * 0.6)).map((op) => op.id);
  const parts: PartEvidence[] = Array.from({ length: 100 }, (_, k): PartEvidence => {
    const key = `k${k}`;
    if (key !== failingKey || blocked === undefined) return { label: `key "${key}"`, key, valid: true, operationCount: 1, statistics: STATS };
    return {
      label: `key "${key}"`,
      key,
      valid: false,
      operationCount: keyOps.length,
      statistics: STATS,
      failure: {
        blockedOperation: blocked.id,
        prefix,
        stateAfterPrefix: 17,
        candidates: [{ operation: blocked.id, text: `p${blocked.process} ${blocked.f} "${failingKey}"`, outcome: 'rejected', reason: { kind: 'read-mismatch', f: blocked.f, key: failingKey, expected: 17, observed: 3, message: `get of key "${failingKey}" returned 3 but the key held 17` } }],
        explanation: [`get of key "${failingKey}" returned 3, but after the last completed put the only possible value was 17.`],
        window: [blocked.id],
      },
    };
  });
  const evidence: LinearizabilityEvidence = { model: 'kv', split: true, parts, statistics: STATS, droppedOperations: 0 };
  const record: RunRecord = {
    scenario: 'synthetic',
    seed: 1,
    options: { ops: opsCount },
    drawn: {},
    faultPlan: { steps: [] },
    history,
    checks: [{ checker: 'linearizable', valid: false, summary: `key "${failingKey}" is not linearizable`, evidence }],
    traceHash: '0000000000000000',
    events: history.length,
    simulatedUs: endUs,
    stop: { reason: 'done', pending: [] },
    nodes,
    faultWindows: [
      { kind: 'partition', startUs: Math.round(endUs * 0.2), endUs: Math.round(endUs * 0.35), nodes: ['n1', 'n2'], label: 'partition {n1,n2} | {n3,n4,n5}' },
      { kind: 'crash', startUs: Math.round(endUs * 0.6), endUs: Math.round(endUs * 0.7), nodes: ['n4'], label: 'crash n4' },
    ],
    nodeEvents: [
      { node: 'n4', timeUs: Math.round(endUs * 0.6), event: 'crash' },
      { node: 'n4', timeUs: Math.round(endUs * 0.7), event: 'restart' },
    ],
    messages: { sent: opsCount * 6, delivered: opsCount * 5, dropped: opsCount, duplicated: 0, corrupted: 0 },
    exitCode: 1,
    replayCommand: 'npm run scenario -- synthetic --seed 1',
  };
  return { record, operations };
}
