import { describe, expect, it } from 'vitest';
import { checkPing } from '../../../systems/ping/checker.ts';
import type { NodeLogRecord } from '../../../sim/node-log.ts';
import { connectedThroughout, connectivityTimeline } from '../../../systems/ping/connectivity.ts';

const nodeIds = ['n1', 'n2', 'n3'];
const line = (timeUs: number, node: string, event: string, fields: Record<string, unknown>): NodeLogRecord => ({ timeUs, node, event, fields });
const ping = (timeUs: number, node: string, to: string, seq: number): NodeLogRecord => line(timeUs, node, 'ping', { to, nonce: 7, seq });
const pong = (timeUs: number, node: string, from: string, seq: number): NodeLogRecord => line(timeUs, node, 'pong', { from, nonce: 7, seq, rttUs: 10, count: seq });

type Step = { atUs: number; fault: { kind: string } & Record<string, unknown> };

const verdicts = (logs: NodeLogRecord[], steps: Step[] = []): Record<string, boolean | 'unknown'> =>
  Object.fromEntries(checkPing({ nodeIds, logs, plan: { steps }, endUs: 10_000, replyWindowUs: 1_000 }).map((r) => [r.checker, r.valid]));

describe('ping checker', () => {
  it('passes when every ping between connected nodes got its pong', () => {
    expect(verdicts([ping(100, 'n1', 'n2', 1), pong(300, 'n1', 'n2', 1)])).toEqual({ 'ping-delivery': true, 'ping-durable-count': true });
  });

  it('fails for a lost pong between nodes that were up and connected', () => {
    expect(verdicts([ping(100, 'n1', 'n2', 1)])['ping-delivery']).toBe(false);
  });

  it('expects nothing of a ping sent too close to the end of the run', () => {
    expect(verdicts([ping(9_500, 'n1', 'n2', 1)])['ping-delivery']).toBe(true);
  });

  it('expects nothing across a partition, a crash, or a fault it cannot interpret', () => {
    const cut = [{ atUs: 50, fault: { kind: 'partition', partition: { shape: 'sides', sides: [['n1']] } } }];
    expect(verdicts([ping(100, 'n1', 'n2', 1)], cut)['ping-delivery']).toBe(true);
    const crash = [{ atUs: 600, fault: { kind: 'crash', node: 'n2' } }];
    expect(verdicts([ping(100, 'n1', 'n2', 1)], crash)['ping-delivery']).toBe(true);
    const rule = [{ atUs: 0, fault: { kind: 'net-rule', rule: { kind: 'loss', p: 0.5 } } }];
    expect(verdicts([ping(100, 'n1', 'n2', 1)], rule)['ping-delivery']).toBe(true);
  });

  it('expects pongs again once the partition heals, and between nodes on the same side', () => {
    const steps = [
      { atUs: 50, fault: { kind: 'partition', partition: { shape: 'sides', sides: [['n1', 'n2']] } } },
      { atUs: 2_000, fault: { kind: 'heal' } },
    ];
    expect(verdicts([ping(100, 'n1', 'n2', 1)], steps)['ping-delivery']).toBe(false);
    expect(verdicts([ping(100, 'n1', 'n3', 1)], steps)['ping-delivery']).toBe(true);
    expect(verdicts([ping(3_000, 'n1', 'n3', 1)], steps)['ping-delivery']).toBe(false);
  });

  it('fails when a restart recovers a count below one already fsynced', () => {
    const logs = [line(0, 'n1', 'recovered', { count: 0 }), line(500, 'n1', 'durable', { count: 3 }), line(900, 'n1', 'recovered', { count: 2 })];
    expect(verdicts(logs)['ping-durable-count']).toBe(false);
    const fine = [line(0, 'n1', 'recovered', { count: 0 }), line(500, 'n1', 'durable', { count: 3 }), line(900, 'n1', 'recovered', { count: 4 })];
    expect(verdicts(fine)['ping-durable-count']).toBe(true);
  });
});

describe('ping connectivity timeline', () => {
  it('cuts one-way partitions in one direction only, and heal-all restores everything', () => {
    const steps: Step[] = [
      { atUs: 10, fault: { kind: 'partition', partition: { shape: 'one-way', from: ['n1'], to: ['n2'] } } },
      { atUs: 20, fault: { kind: 'pause', node: 'n3' } },
      { atUs: 30, fault: { kind: 'heal-all' } },
    ];
    const timeline = connectivityTimeline({ steps }, nodeIds);
    const connected = (a: string, b: string, fromUs: number, toUs: number): boolean => connectedThroughout(timeline, { a, b, fromUs, toUs });
    expect(connected('n1', 'n2', 0, 9)).toBe(true);
    expect(connected('n1', 'n2', 12, 15)).toBe(false);
    expect(connected('n1', 'n3', 12, 15)).toBe(true);
    expect(connected('n1', 'n3', 12, 25)).toBe(false);
    expect(connected('n1', 'n2', 30, 40)).toBe(true);
  });

  it('reads bridge partitions through the kernel cuts: the halves are cut, the bridge sees both', () => {
    const steps: Step[] = [{ atUs: 0, fault: { kind: 'partition', partition: { shape: 'bridge', node: 'n2', halves: [['n1'], ['n3']] } } }];
    const timeline = connectivityTimeline({ steps }, nodeIds);
    expect(connectedThroughout(timeline, { a: 'n1', b: 'n3', fromUs: 5, toUs: 10 })).toBe(false);
    expect(connectedThroughout(timeline, { a: 'n1', b: 'n2', fromUs: 5, toUs: 10 })).toBe(true);
    expect(connectedThroughout(timeline, { a: 'n3', b: 'n2', fromUs: 5, toUs: 10 })).toBe(true);
  });

  it('keeps a crashed node down through a resume: only a restart brings it back', () => {
    const steps: Step[] = [
      { atUs: 10, fault: { kind: 'crash', node: 'n1' } },
      { atUs: 20, fault: { kind: 'resume', node: 'n1' } },
      { atUs: 30, fault: { kind: 'restart', node: 'n1' } },
    ];
    const timeline = connectivityTimeline({ steps }, nodeIds);
    expect(connectedThroughout(timeline, { a: 'n1', b: 'n2', fromUs: 21, toUs: 25 })).toBe(false);
    expect(connectedThroughout(timeline, { a: 'n1', b: 'n2', fromUs: 31, toUs: 40 })).toBe(true);
  });
});
