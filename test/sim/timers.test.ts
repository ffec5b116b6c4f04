import { describe, expect, test } from 'vitest';
import type { NodeContext, NodeHandlers } from '../../sim/node-api.ts';
import { Simulation } from '../../sim/simulation.ts';

/**
 * One node runs a script of timer calls at its start; `fired` collects `name@timeUs`. The node has
 * no messages and no clients, so the run's scheduler events are its start and the timers that fire.
 */
function timerNode(o: { script: (ctx: NodeContext<never>) => void; fired: string[]; now: () => number; onFire?: (ctx: NodeContext<never>, name: string) => void }) {
  return (ctx: NodeContext<never>): NodeHandlers<never> => ({
    onStart: () => o.script(ctx),
    onMessage() {},
    onTimer(name) {
      o.fired.push(`${name}@${o.now()}`);
      o.onFire?.(ctx, name);
    },
  });
}

function runTimers(script: (ctx: NodeContext<never>) => void, onFire?: (ctx: NodeContext<never>, name: string) => void) {
  const fired: string[] = [];
  let sim: Simulation<never> | undefined;
  sim = new Simulation<never>({
    seed: 1,
    nodeIds: ['a'],
    factory: timerNode({ script, fired, now: () => (sim as Simulation<never>).nowUs(), ...(onFire !== undefined ? { onFire } : {}) }),
    durationUs: 10_000_000,
    eventsMax: 1_000,
  });
  const stop = sim.run();
  return { fired, stop, events: sim.eventCount() };
}

describe('node timers', () => {
  test('a cancelled timer never fires and costs no scheduler event, near or far (wheel or heap)', () => {
    const { fired, stop, events } = runTimers((ctx) => {
      ctx.timers.set('near', 10);
      ctx.timers.set('far', 1_000_000);
      ctx.timers.set('kept', 20);
      ctx.timers.cancel('near');
      ctx.timers.cancel('far');
      ctx.timers.cancel('never-set');
    });
    expect(fired).toEqual(['kept@20']);
    expect(events).toBe(2);
    expect(stop).toMatchObject({ reason: 'done', nowUs: 20 });
  });

  test('setting a name again replaces its timer: one fire, at the new time', () => {
    const { fired, events } = runTimers((ctx) => {
      ctx.timers.set('t', 5_000_000);
      ctx.timers.set('t', 30);
      ctx.timers.set('u', 40);
      ctx.timers.set('u', 2_000_000);
    });
    expect(fired).toEqual(['t@30', 'u@2000000']);
    expect(events).toBe(3);
  });

  test('a timer set again from its own handler keeps firing; cancelled from another, it stops', () => {
    const { fired } = runTimers(
      (ctx) => {
        ctx.timers.set('tick', 100);
        ctx.timers.set('stop', 350);
      },
      (ctx, name) => {
        if (name === 'tick') ctx.timers.set('tick', 100);
        else ctx.timers.cancel('tick');
      },
    );
    expect(fired).toEqual(['tick@100', 'tick@200', 'tick@300', 'stop@350']);
  });
});
