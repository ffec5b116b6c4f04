import type { NodeContext, NodeHandlers } from '../../../sim/node-api.ts';
import { intOption, phaseOptions } from '../../../scenarios/options.ts';
import { defineScenario } from '../../../scenarios/scenario.ts';

/**
 * A test-only system with a liveness bug: n1 answers a client's write only after n2 acknowledged
 * its copy, one write at a time, and never retransmits. A partition that drops one copy or ack
 * leaves n1 waiting forever, so after the heal it never answers again: every later write is
 * stuck. Safety holds throughout; only the liveness check can catch it.
 */
export type StuckMessage =
  | { readonly t: 'write'; readonly reqId: number; readonly client: string; readonly value: number }
  | { readonly t: 'copy'; readonly seq: number }
  | { readonly t: 'ack'; readonly seq: number }
  | { readonly t: 'ok'; readonly reqId: number; readonly value: number };

function primary(ctx: NodeContext<StuckMessage>): NodeHandlers<StuckMessage> {
  const queue: { reqId: number; client: string; value: number }[] = [];
  let seq = 0;
  let waiting = false;
  const sendNext = (): void => {
    if (waiting || queue.length === 0) return;
    waiting = true;
    seq += 1;
    ctx.send('n2', { t: 'copy', seq });
  };
  return {
    onStart: () => {},
    onTimer: () => {},
    onMessage: (_from, msg) => {
      if (msg.t === 'write') {
        queue.push({ reqId: msg.reqId, client: msg.client, value: msg.value });
        sendNext();
      } else if (msg.t === 'ack' && msg.seq === seq && waiting) {
        const done = queue.shift();
        waiting = false;
        if (done !== undefined) ctx.send(done.client, { t: 'ok', reqId: done.reqId, value: done.value });
        sendNext();
      }
    },
  };
}

function backup(ctx: NodeContext<StuckMessage>): NodeHandlers<StuckMessage> {
  return {
    onStart: () => {},
    onTimer: () => {},
    onMessage: (from, msg) => {
      if (msg.t === 'copy') ctx.send(from, { t: 'ack', seq: msg.seq });
    },
  };
}

export const stuckReplicator = defineScenario({
  name: 'stuck-replicator',
  description: 'test-only: a primary that never retransmits, so a partition leaves it mute after the heal',
  options: {
    'stuck.clients': intOption({ doc: 'client processes', min: 1, max: 8, default: 2 }),
    ...phaseOptions({ chaosUs: 1_000_000, quietUs: 1_000_000 }),
  },
  build({ options }) {
    const chaosUs = options.chaosUs;
    return {
      simulation: {
        nodeIds: ['n1', 'n2'],
        factory: (ctx: NodeContext<StuckMessage>) => (ctx.id === 'n1' ? primary(ctx) : backup(ctx)),
        network: { latency: { kind: 'constant', us: 1_000 } },
        durationUs: chaosUs + options.quietUs + 500_000,
        eventsMax: 1_000_000,
      },
      clients: {
        count: options['stuck.clients'],
        protocol: {
          request: (op, c): { to: string; msg: StuckMessage } => ({ to: 'n1', msg: { t: 'write', reqId: c.reqId, client: c.clientId, value: op.value as number } }),
          reply: (msg) => (msg.t === 'ok' ? { reqId: msg.reqId, type: 'ok', value: msg.value } : undefined),
        },
        workload: { next: ({ phase, rng }) => (phase === 'main' ? { f: 'write', value: rng.int({ min: 0, max: 99 }) } : undefined) },
        // Longer than the run: a stuck write stays pending instead of timing out to info.
        timeoutUs: 60_000_000,
        thinkUs: { kind: 'constant', us: 20_000 },
      },
      faults: { kind: 'plan', plan: { steps: [{ atUs: chaosUs / 4, fault: { kind: 'partition', partition: { shape: 'isolate', node: 'n2' } } }, { atUs: chaosUs / 2, fault: { kind: 'heal' } }] } },
      phases: { chaosUs, quietUs: options.quietUs },
      checkers: [],
    };
  },
});
