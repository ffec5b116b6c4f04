import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { ClientOptions, ClientProtocol, OpRequest } from '../../sim/client.ts';
import { pairOperations, type Value } from '../../sim/history.ts';
import type { NodeContext, NodeHandlers } from '../../sim/node-api.ts';
import { Simulation } from '../../sim/simulation.ts';

type Msg =
  | { readonly t: 'req'; readonly reqId: number; readonly client: string; readonly op: OpRequest }
  | { readonly t: 'res'; readonly reqId: number; readonly type: 'ok' | 'fail'; readonly value: Value };

const protocol: ClientProtocol<Msg> = {
  request: (op, c) => ({ to: c.rng.pick(c.nodeIds), msg: { t: 'req', reqId: c.reqId, client: c.clientId, op } }),
  reply: (msg) => (msg.t === 'res' ? { reqId: msg.reqId, type: msg.type, value: msg.value } : undefined),
};

/** A register that answers after a random delay, sometimes past the client's timeout, sometimes with a definite failure. */
function slowRegister(timeoutUs: number) {
  return (ctx: NodeContext<Msg>): NodeHandlers<Msg> => {
    let value: Value = 0;
    const waiting = new Map<string, Msg & { t: 'req' }>();
    let next = 0;
    return {
      onStart() {},
      onMessage(_from, msg) {
        if (msg.t !== 'req') return;
        const name = `r${next++}`;
        waiting.set(name, msg);
        ctx.timers.set(name, ctx.rng.int({ min: 0, max: 2 * timeoutUs }));
      },
      onTimer(name) {
        const req = waiting.get(name);
        if (req === undefined) return;
        waiting.delete(name);
        if (ctx.rng.chance(0.2)) {
          ctx.send(req.client, { t: 'res', reqId: req.reqId, type: 'fail', value: req.op.value });
          return;
        }
        if (req.op.f === 'write') value = req.op.value;
        ctx.send(req.client, { t: 'res', reqId: req.reqId, type: 'ok', value: req.op.f === 'read' ? value : req.op.value });
      },
    };
  };
}

function clientOptions(o: { count: number; timeoutUs: number; finalReads: Set<number> }): ClientOptions<Msg> {
  return {
    count: o.count,
    protocol,
    workload: {
      next: ({ rng, process, phase }) => {
        if (phase === 'main') return rng.chance(0.5) ? { f: 'read', value: null } : { f: 'write', value: rng.int({ min: 1, max: 9 }) };
        const slot = process % o.count;
        if (o.finalReads.has(slot)) return undefined;
        o.finalReads.add(slot);
        return { f: 'read', value: null };
      },
    },
    timeoutUs: o.timeoutUs,
    thinkUs: { kind: 'uniform', minUs: 0, maxUs: 2_000 },
    loadUntilUs: 200_000,
    finalAtUs: 300_000,
  };
}

describe('clients and histories', () => {
  test('every invoke gets exactly one completion; timeouts are info and retire the process; late replies are ignored', () => {
    const seen = { late: 0, info: 0, fail: 0 };
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 1, max: 4 }), (seed, count) => {
        const timeoutUs = 10_000;
        const sim = new Simulation<Msg>({
          seed,
          nodeIds: ['n1', 'n2'],
          factory: slowRegister(timeoutUs),
          clients: clientOptions({ count, timeoutUs, finalReads: new Set() }),
          durationUs: 5_000_000,
          eventsMax: 1_000_000,
          traceRecord: true,
        });
        const stop = sim.run();
        expect(stop.reason).toBe('done');
        expect(stop.pending).toEqual([]);
        const history = sim.history();
        const paired = pairOperations(history);
        expect(paired.ok).toBe(true);
        if (!paired.ok) return;
        const ops = paired.operations;
        expect(history.length).toBe(2 * ops.length);
        expect(history.map((e) => e.index)).toEqual(history.map((_, i) => i));
        for (const op of ops) {
          expect(op.completeIndex).toBeDefined();
          if (op.outcome === 'info') expect(op.error).toBe('timeout');
        }
        const infos = ops.filter((op) => op.outcome === 'info');
        for (const info of infos) expect(ops.filter((op) => op.process === info.process && op.id > info.id)).toEqual([]);
        expect(new Set(ops.map((op) => op.process % count)).size).toBe(count);
        seen.late += sim.traceEvents().filter((e) => e.kind === 'lateReply').length;
        seen.info += infos.length;
        seen.fail += ops.filter((op) => op.outcome === 'fail').length;
        const finals = ops.filter((op) => op.invokeUs >= 300_000);
        expect(finals.length).toBe(count);
      }),
      { seed: 42, numRuns: 20 },
    );
    expect(seen.late).toBeGreaterThan(0);
    expect(seen.info).toBeGreaterThan(0);
    expect(seen.fail).toBeGreaterThan(0);
  });

  test('an operation answered in time leaves no timeout behind in the scheduler', () => {
    const instant = (ctx: NodeContext<Msg>): NodeHandlers<Msg> => ({
      onStart() {},
      onMessage(_from, msg) {
        if (msg.t === 'req') ctx.send(msg.client, { t: 'res', reqId: msg.reqId, type: 'ok', value: msg.op.value });
      },
      onTimer() {},
    });
    const sim = new Simulation<Msg>({
      seed: 3,
      nodeIds: ['n1'],
      factory: instant,
      clients: clientOptions({ count: 2, timeoutUs: 1_000_000_000, finalReads: new Set() }),
      durationUs: 5_000_000,
      eventsMax: 1_000_000,
    });
    const stop = sim.run({ untilUs: 250_000 });
    expect(stop.reason).toBe('until');
    expect(sim.history().length).toBeGreaterThan(10);
    expect(stop.queued).toEqual({ other: 2 });
  });

  test('a run that cannot finish names the operations still pending', () => {
    const silent = (): NodeHandlers<Msg> => ({ onStart() {}, onMessage() {}, onTimer() {} });
    const sim = new Simulation<Msg>({
      seed: 1,
      nodeIds: ['n1'],
      factory: silent,
      clients: { ...clientOptions({ count: 2, timeoutUs: 1_000_000_000, finalReads: new Set() }), loadUntilUs: 10_000 },
      durationUs: 100_000,
      eventsMax: 1_000_000,
    });
    const stop = sim.run();
    expect(stop.reason).toBe('duration');
    expect(stop.pending).toHaveLength(2);
    expect(stop.pending[0]).toMatch(/^process 0 \(c0\): (read|write) .* sent to n1 at \d+us, no reply$/);
  });
});
