import type { NodeContext, NodeHandlers } from '../../sim/node-api.ts';
import type { Distribution } from '../../sim/distributions.ts';
import type { FaultPlan } from '../../sim/faults/plan.ts';
import { Simulation } from '../../sim/simulation.ts';
import type { TraceRecordOption } from '../../sim/trace.ts';

/** A message of the chatter test system: a unique id, and what the sender's log held. */
export interface ChatMsg {
  readonly id: number;
  readonly logBytes: number;
}

/** What the chatter nodes did, in true time. */
export interface ChatLog {
  readonly sent: { id: number; from: string; to: string; atUs: number }[];
  readonly delivered: { id: number; from: string; to: string; atUs: number }[];
  readonly timers: { node: string; atUs: number }[];
  /** Factory runs per node. */
  readonly starts: Map<string, number>;
}

export function newChatLog(): ChatLog {
  return { sent: [], delivered: [], timers: [], starts: new Map() };
}

/**
 * A test system: every node ticks at random intervals below `periodUs` and sends a numbered
 * message to a random peer; every delivery appends 4 bytes to its log file and fsyncs every
 * fourth. The log length travels in messages, so disk faults show up in the trace. Nodes stop
 * sending at `quietUs` so runs end when the network drains.
 */
export function chatter(o: { log: ChatLog; nowUs: () => number; periodUs: number; quietUs: number }) {
  return (ctx: NodeContext<ChatMsg>): NodeHandlers<ChatMsg> => {
    o.log.starts.set(ctx.id, (o.log.starts.get(ctx.id) ?? 0) + 1);
    let received = 0;
    const logBytes = (): number => {
      const read = ctx.disk.read('log');
      return read.ok ? read.bytes.length : -1;
    };
    const arm = (): void => {
      if (o.nowUs() < o.quietUs) ctx.timers.set('tick', ctx.rng.int({ min: 1, max: o.periodUs }));
    };
    return {
      onStart: arm,
      onTimer() {
        o.log.timers.push({ node: ctx.id, atUs: o.nowUs() });
        const to = ctx.rng.pick(ctx.peers);
        const id = o.log.sent.length;
        o.log.sent.push({ id, from: ctx.id, to, atUs: o.nowUs() });
        ctx.send(to, { id, logBytes: logBytes() });
        arm();
      },
      onMessage(from, msg) {
        o.log.delivered.push({ id: msg.id, from, to: ctx.id, atUs: o.nowUs() });
        ctx.disk.append('log', new Uint8Array([msg.id & 255, 1, 2, 3]));
        if (++received % 4 === 0) ctx.disk.fsync('log', () => ctx.log('synced', { received }));
      },
    };
  };
}


export interface ChatRun {
  readonly sim: Simulation<ChatMsg>;
  readonly log: ChatLog;
}

/** Builds (but does not run) a chatter cluster of `nodes` nodes named n1…; faults from `plan`. */
export function chatterSim(o: {
  seed: number;
  nodes: number;
  plan?: FaultPlan;
  latency?: Distribution;
  periodUs?: number;
  quietUs?: number;
  durationUs?: number;
  tornWriteP?: number;
  traceRecord?: TraceRecordOption;
}): ChatRun {
  const log = newChatLog();
  const clock = { nowUs: (): number => 0 };
  const sim = new Simulation<ChatMsg>({
    seed: o.seed,
    nodeIds: Array.from({ length: o.nodes }, (_, i) => `n${i + 1}`),
    factory: chatter({ log, nowUs: () => clock.nowUs(), periodUs: o.periodUs ?? 5_000, quietUs: o.quietUs ?? 200_000 }),
    ...(o.latency !== undefined ? { network: { latency: o.latency } } : {}),
    ...(o.tornWriteP !== undefined ? { disk: { tornWriteP: o.tornWriteP } } : {}),
    durationUs: o.durationUs ?? 2_000_000,
    eventsMax: 1_000_000,
    ...(o.traceRecord !== undefined ? { traceRecord: o.traceRecord } : {}),
  });
  clock.nowUs = () => sim.nowUs();
  if (o.plan !== undefined) sim.schedulePlan(o.plan);
  return { sim, log };
}
