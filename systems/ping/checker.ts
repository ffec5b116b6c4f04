import type { CheckResult } from '../../sim/check/result.ts';
import type { NodeId } from '../../sim/node-api.ts';
import type { NodeLogRecord } from '../../sim/node-log.ts';
import { connectedThroughout, connectivityTimeline } from './connectivity.ts';
import type { PlanSteps } from './connectivity.ts';

/** How many failing cases the evidence lists. */
const EXAMPLES_MAX = 10;

/**
 * Checks a ping run from the nodes' log records (the Simulation's `nodeLogs()`): every ping sent
 * while both ends were up and connected for `replyWindowUs` (and at least that long before the
 * end of the run) got its pong; and no node ever recovered a durable pong count lower than one
 * it had seen fsynced.
 */
export function checkPing(o: {
  nodeIds: readonly NodeId[];
  logs: readonly NodeLogRecord[];
  plan: PlanSteps;
  endUs: number;
  replyWindowUs: number;
}): CheckResult[] {
  return [checkDelivery(o), checkDurableCount(o.logs)];
}

function checkDelivery(o: Parameters<typeof checkPing>[0]): CheckResult {
  const timeline = connectivityTimeline(o.plan, o.nodeIds);
  const answered = new Set<string>();
  for (const line of o.logs) {
    if (line.event === 'pong') answered.add(pingKey(line.node, line.fields['nonce'], line.fields['seq']));
  }
  let sent = 0;
  let expected = 0;
  const missing: { node: NodeId; to: string; seq: number; sentUs: number }[] = [];
  let missingCount = 0;
  for (const line of o.logs) {
    if (line.event !== 'ping') continue;
    sent += 1;
    const to = String(line.fields['to']);
    const toUs = line.timeUs + o.replyWindowUs;
    if (toUs > o.endUs || !connectedThroughout(timeline, { a: line.node, b: to, fromUs: line.timeUs, toUs })) continue;
    expected += 1;
    if (answered.has(pingKey(line.node, line.fields['nonce'], line.fields['seq']))) continue;
    missingCount += 1;
    if (missing.length < EXAMPLES_MAX) missing.push({ node: line.node, to, seq: Number(line.fields['seq']), sentUs: line.timeUs });
  }
  const counts = `${sent} pings sent, ${expected} while both ends were up and connected, ${answered.size} answered`;
  return missingCount === 0
    ? { checker: 'ping-delivery', valid: true, summary: `every expected ping got its pong (${counts})`, evidence: { sent, expected, answered: answered.size } }
    : { checker: 'ping-delivery', valid: false, summary: `${missingCount} expected pings got no pong (${counts})`, evidence: { sent, expected, missing } };
}

function checkDurableCount(logs: readonly NodeLogRecord[]): CheckResult {
  const durableMax = new Map<NodeId, number>();
  const regressions: { node: NodeId; timeUs: number; recovered: number; durable: number }[] = [];
  let recoveries = 0;
  let regressionCount = 0;
  for (const line of logs) {
    const count = Number(line.fields['count']);
    if (line.event === 'durable') durableMax.set(line.node, Math.max(count, durableMax.get(line.node) ?? 0));
    if (line.event !== 'recovered') continue;
    recoveries += 1;
    const durable = durableMax.get(line.node) ?? 0;
    if (count >= durable) continue;
    regressionCount += 1;
    if (regressions.length < EXAMPLES_MAX) regressions.push({ node: line.node, timeUs: line.timeUs, recovered: count, durable });
  }
  return regressionCount === 0
    ? { checker: 'ping-durable-count', valid: true, summary: `no durable pong count went backwards (${recoveries} starts)`, evidence: { recoveries } }
    : { checker: 'ping-durable-count', valid: false, summary: `${regressionCount} restarts recovered a count below one already fsynced`, evidence: { regressions } };
}

function pingKey(node: NodeId, nonce: unknown, seq: unknown): string {
  return `${node}/${String(nonce)}/${String(seq)}`;
}
