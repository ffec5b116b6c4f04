import { describe, expect, it } from 'vitest';
import type { NodeContext, NodeHandlers, NodeId } from '../../sim/node-api.ts';
import type { NetworkRule } from '../../sim/network/rules.ts';
import { Simulation } from '../../sim/simulation.ts';
import type { MessagePassing } from '../../sim/simulation.ts';

interface Msg {
  readonly n: number;
  readonly versions: readonly { readonly clock: Readonly<Record<string, number>> }[];
}

interface Received {
  readonly at: NodeId;
  readonly msg: Msg;
}

/**
 * Node `a` sends one message to each of `to` at its start (the same object to all), then runs
 * `afterSend` on it; every receiver records what it got and runs `onReceive` on it.
 */
function sender(o: { to: readonly NodeId[]; sent: Msg; received: Received[]; afterSend?: (m: Msg) => void; onReceive?: (m: Msg) => void }) {
  return (ctx: NodeContext<Msg>): NodeHandlers<Msg> => ({
    onStart() {
      if (ctx.id !== 'a') return;
      for (const to of o.to) ctx.send(to, o.sent);
      o.afterSend?.(o.sent);
    },
    onMessage(_from, msg) {
      o.received.push({ at: ctx.id, msg });
      o.onReceive?.(msg);
    },
    onTimer() {},
  });
}

function message(): Msg {
  return { n: 1, versions: [{ clock: { a: 1, b: 2 } }] };
}

function run(o: { messages?: MessagePassing; trust?: boolean; rules?: NetworkRule[]; to?: NodeId[]; afterSend?: (m: Msg) => void; onReceive?: (m: Msg) => void; hold?: boolean }) {
  const sent = message();
  const received: Received[] = [];
  const sim = new Simulation<Msg>({
    seed: 3,
    nodeIds: ['a', 'b', 'c'],
    factory: sender({ to: o.to ?? ['b'], sent, received, ...(o.afterSend !== undefined ? { afterSend: o.afterSend } : {}), ...(o.onReceive !== undefined ? { onReceive: o.onReceive } : {}) }),
    ...(o.messages !== undefined ? { messages: o.messages } : {}),
    ...(o.trust !== undefined ? { trustSharedMessages: o.trust } : {}),
    network: { latency: { kind: 'constant', us: 1_000 }, rules: o.rules ?? [] },
    durationUs: 1_000_000,
    eventsMax: 1_000,
  });
  if (o.hold === true) {
    sim.applyFault({ kind: 'hold' });
    sim.at(50_000, () => sim.applyFault({ kind: 'release' }));
  }
  const stop = sim.run();
  return { sim, sent, received, stop };
}

describe("message passing 'copy' (the default)", () => {
  it('gives every receiver its own copy, untouched by what the sender does after sending', () => {
    const { sent, received } = run({
      to: ['b', 'c'],
      afterSend: (m) => {
        (m as { n: number }).n = 99;
      },
    });
    expect(received.map((r) => r.at)).toEqual(['b', 'c']);
    for (const r of received) {
      expect(r.msg).not.toBe(sent);
      expect(r.msg).toEqual(message());
      expect(Object.isFrozen(r.msg)).toBe(false);
    }
    expect(received[0]?.msg.versions).not.toBe(received[1]?.msg.versions);
  });
});

describe("message passing 'shared'", () => {
  it('hands the one frozen object to every receiver and every duplicate', () => {
    const { sent, received, sim } = run({ messages: 'shared', to: ['b', 'c'], rules: [{ kind: 'duplicate', p: 1, copies: 3 }] });
    expect(received).toHaveLength(6);
    for (const r of received) expect(r.msg).toBe(sent);
    expect(Object.isFrozen(sent) && Object.isFrozen(sent.versions) && Object.isFrozen(sent.versions[0]?.clock)).toBe(true);
    expect(sim.messageCounts()).toMatchObject({ sent: 2, duplicated: 4, delivered: 6 });
  });

  it('fails loudly when the sender changes a message after sending it', () => {
    const change = (m: Msg): void => {
      (m.versions[0]?.clock as Record<string, number>)['a'] = 7;
    };
    expect(() => run({ messages: 'shared', afterSend: change })).toThrow(TypeError);
  });

  it('fails loudly when a receiver changes what it received', () => {
    const change = (m: Msg): void => {
      (m.versions as unknown[]).push({ clock: {} });
    };
    expect(() => run({ messages: 'shared', onReceive: change })).toThrow(TypeError);
  });

  it('gives a corrupted delivery a damaged copy of its own and never damages the shared object', () => {
    const { sent, received, sim } = run({ messages: 'shared', to: ['b', 'c'], rules: [{ kind: 'corrupt', p: 1, to: ['b'] }] });
    const [atB, atC] = [received.find((r) => r.at === 'b')?.msg, received.find((r) => r.at === 'c')?.msg];
    expect(atB).not.toBe(sent);
    expect(atB).not.toEqual(message());
    expect(Object.isFrozen(atB)).toBe(true);
    expect(atC).toBe(sent);
    expect(sent).toEqual(message());
    expect(sim.messageCounts().corrupted).toBe(1);
  });

  it('delivers a held message, once released, as the same object', () => {
    const { sent, received } = run({ messages: 'shared', hold: true });
    expect(received).toHaveLength(1);
    expect(received[0]?.msg).toBe(sent);
  });

  it('trusting the system skips the freeze and changes nothing else: same deliveries, same trace', () => {
    const checked = run({ messages: 'shared', to: ['b', 'c'], rules: [{ kind: 'duplicate', p: 0.5 }] });
    const trusted = run({ messages: 'shared', trust: true, to: ['b', 'c'], rules: [{ kind: 'duplicate', p: 0.5 }] });
    expect(Object.isFrozen(trusted.sent)).toBe(false);
    for (const r of trusted.received) expect(r.msg).toBe(trusted.sent);
    expect(trusted.received.map((r) => r.at)).toEqual(checked.received.map((r) => r.at));
    expect(trusted.sim.traceHash()).toBe(checked.sim.traceHash());
    expect(run({ to: ['b', 'c'], rules: [{ kind: 'duplicate', p: 0.5 }] }).sim.traceHash()).toBe(checked.sim.traceHash());
  });

  it('refuses a message that cannot be frozen whole', () => {
    const bytes = (ctx: NodeContext<{ bytes: Uint8Array }>): NodeHandlers<{ bytes: Uint8Array }> => ({
      onStart: () => ctx.id === 'a' && ctx.send('b', { bytes: new Uint8Array(1) }),
      onMessage() {},
      onTimer() {},
    });
    const sim = new Simulation<{ bytes: Uint8Array }>({ seed: 1, nodeIds: ['a', 'b'], factory: bytes, messages: 'shared', durationUs: 10_000, eventsMax: 100 });
    expect(() => sim.run()).toThrow(/Uint8Array/);
  });
});
