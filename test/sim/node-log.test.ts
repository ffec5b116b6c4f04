import { describe, expect, test } from 'vitest';
import type { NodeContext, NodeHandlers } from '../../sim/node-api.ts';
import { Simulation } from '../../sim/simulation.ts';

/** A node that logs each tick with a fields object it then mutates, and once without fields. */
function ticker(ctx: NodeContext<string>): NodeHandlers<string> {
  const fields = { n: 0, peer: ctx.peers[0] };
  return {
    onStart() {
      ctx.log('started');
      ctx.timers.set('tick', 1_000);
    },
    onMessage() {},
    onTimer() {
      fields.n += 1;
      ctx.log('tick', fields);
      if (fields.n < 3) ctx.timers.set('tick', 1_000);
    },
  };
}

function run(o: { logRecord?: boolean }): Simulation<string> {
  const sim = new Simulation<string>({ seed: 7, nodeIds: ['a', 'b'], factory: ticker, durationUs: 100_000, eventsMax: 10_000, traceRecord: true, ...o });
  sim.run();
  return sim;
}

describe('node log records (logRecord)', () => {
  test('keeps every ctx.log call in order, at true time, with the fields as they were when logged', () => {
    const logs = run({ logRecord: true }).nodeLogs();
    expect(logs.filter((l) => l.node === 'a')).toEqual([
      { timeUs: 0, node: 'a', event: 'started', fields: {} },
      { timeUs: 1_000, node: 'a', event: 'tick', fields: { n: 1, peer: 'b' } },
      { timeUs: 2_000, node: 'a', event: 'tick', fields: { n: 2, peer: 'b' } },
      { timeUs: 3_000, node: 'a', event: 'tick', fields: { n: 3, peer: 'b' } },
    ]);
    expect(logs).toHaveLength(8);
  });

  test('says what the trace says, and changes neither the trace nor its hash', () => {
    const withLogs = run({ logRecord: true });
    const without = run({});
    expect(without.nodeLogs()).toEqual([]);
    expect(withLogs.traceHash()).toBe(without.traceHash());
    const fromTrace = without.traceEvents().filter((e) => e.kind === 'log').map((e) => `${e.timeUs} ${e.at} ${e.detail ?? ''}`);
    const fromLogs = withLogs.nodeLogs().map((l) => `${l.timeUs} ${l.node} ${l.event}${Object.keys(l.fields).length === 0 ? '' : ` ${JSON.stringify(l.fields)}`}`);
    expect(fromLogs).toEqual(fromTrace);
  });
});
