import { describe, expect, it } from 'vitest';
import type { NodeContext } from '../../sim/node-api.ts';
import { checkDeterminism } from '../../scenarios/determinism.ts';
import { phaseOptions } from '../../scenarios/options.ts';
import { ping } from '../../scenarios/ping.ts';
import { prepareRun } from '../../scenarios/runner.ts';
import type { PreparedRun } from '../../scenarios/runner.ts';
import { defineScenario } from '../../scenarios/scenario.ts';
import type { AnyScenario } from '../../scenarios/scenario.ts';

/** `--check-determinism`: passes for a real scenario, and catches state that leaks between runs. */

function prepared(scenario: AnyScenario, seed: number): PreparedRun {
  const preparation = prepareRun({ scenario, seed, sets: [] });
  if (preparation.kind !== 'ready') throw new Error(`scenario ${scenario.name} did not prepare: ${preparation.kind}`);
  return preparation.run;
}

describe('--check-determinism', () => {
  it('passes for a registered scenario', () => {
    const { determinism } = checkDeterminism(prepared(ping, 42));
    expect(determinism.deterministic).toBe(true);
  });

  it('catches a node whose state survives between runs and names the first differing event', () => {
    // Deliberately nondeterministic: a module-level counter outlives the run that changed it.
    let leaked = 0;
    const leaky = defineScenario({
      name: 'leaky',
      description: 'test-only: a node whose messages depend on a counter that survives between runs',
      options: phaseOptions({ chaosUs: 0, quietUs: 0 }),
      build() {
        return {
          simulation: {
            nodeIds: ['n1', 'n2'],
            factory: (ctx: NodeContext<{ n: number }>) => ({
              onStart: () => ctx.timers.set('tick', 10_000),
              onTimer: () => {
                leaked += 1;
                if (ctx.id === 'n1') ctx.send('n2', { n: leaked });
                ctx.timers.set('tick', 10_000);
              },
              onMessage: () => undefined,
            }),
            durationUs: 100_000,
            eventsMax: 10_000,
          },
          faults: { kind: 'none' },
          phases: { chaosUs: 0, quietUs: 0 },
          checkers: [],
        };
      },
    });
    const { determinism } = checkDeterminism(prepared(leaky, 1));
    expect(determinism.deterministic).toBe(false);
    if (determinism.deterministic) return;
    // Starts, the phase's heal-all and the first tick agree; the first send carries the counter.
    const index = determinism.index as number;
    expect(determinism.first).toMatch(new RegExp(`^#${index} @10000us send n1 -> n2 \\{"n":\\d+\\}$`));
    expect(determinism.second).toMatch(new RegExp(`^#${index} @10000us send n1 -> n2 \\{"n":\\d+\\}$`));
    expect(determinism.first).not.toBe(determinism.second);
    expect(determinism.summary).toContain(`differ first at trace event #${index}: ${determinism.first} | ${determinism.second}`);
  });
});
