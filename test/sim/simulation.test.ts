import { describe, expect, test } from 'vitest';
import type { NodeContext, NodeHandlers } from '../../sim/node-api.ts';
import { Simulation } from '../../sim/simulation.ts';

type Msg = { type: 'ping' | 'pong'; n: number };

/** Two nodes: `a` starts a rally of `rounds` messages with `b`. */
function rally(o: { seed: number; rounds: number; received: string[] }) {
  return (ctx: NodeContext<Msg>): NodeHandlers<Msg> => ({
    onStart() {
      if (ctx.id === 'a') ctx.send('b', { type: 'ping', n: 0 });
    },
    onMessage(from, msg) {
      o.received.push(`${ctx.id}<-${from} ${msg.type} ${msg.n}`);
      if (msg.n + 1 < o.rounds) ctx.send(from, { type: msg.type === 'ping' ? 'pong' : 'ping', n: msg.n + 1 });
    },
    onTimer() {},
  });
}

function runRally(seed: number) {
  const received: string[] = [];
  const sim = new Simulation<Msg>({ seed, nodeIds: ['a', 'b'], factory: rally({ seed, rounds: 6, received }), durationUs: 1_000_000, eventsMax: 1_000 });
  const stop = sim.run();
  return { sim, stop, received };
}

describe('Simulation on a two-node ping-pong', () => {
  test('delivers the whole rally in order and stops when idle', () => {
    const { sim, stop, received } = runRally(1);
    expect(received).toEqual(['b<-a ping 0', 'a<-b pong 1', 'b<-a ping 2', 'a<-b pong 3', 'b<-a ping 4', 'a<-b pong 5']);
    expect(stop.reason).toBe('done');
    expect(sim.messageCounts()).toMatchObject({ sent: 6, delivered: 6, dropped: 0 });
  });

  test('the same seed gives the same trace hash; another seed a different one', () => {
    expect(runRally(7).sim.traceHash()).toBe(runRally(7).sim.traceHash());
    expect(runRally(7).sim.traceHash()).not.toBe(runRally(8).sim.traceHash());
  });
});
