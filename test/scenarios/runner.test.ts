import { describe, expect, it } from 'vitest';
import { simAssert } from '../../sim/assert.ts';
import type { NodeContext, NodeFactory } from '../../sim/node-api.ts';
import { intOption, phaseOptions } from '../../scenarios/options.ts';
import { ping } from '../../scenarios/ping.ts';
import { replayCommand } from '../../scenarios/replay-command.ts';
import { exitCodeOf, messageChecksRequested, runScenario } from '../../scenarios/runner.ts';
import type { RunRequest } from '../../scenarios/runner.ts';
import { defineScenario } from '../../scenarios/scenario.ts';
import type { AnyScenario } from '../../scenarios/scenario.ts';
import type { PingMessage } from '../../systems/ping/messages.ts';

function run(request: RunRequest) {
  const outcome = runScenario(request);
  if (!outcome.ok) throw new Error(outcome.error);
  return outcome.result.record;
}

/** The ping scenario with each node's context changed by `wrap` (a test-only fault in the system). */
function pingWith(name: string, wrap: (ctx: NodeContext<PingMessage>) => NodeContext<PingMessage>): AnyScenario {
  return defineScenario({
    ...ping,
    name,
    build(c) {
      const built = ping.build(c);
      const factory = built.simulation.factory as NodeFactory<PingMessage>;
      return { ...built, simulation: { ...built.simulation, factory: (ctx: NodeContext<PingMessage>) => factory(wrap(ctx)) } };
    },
  });
}

function withContext(ctx: NodeContext<PingMessage>, change: Partial<NodeContext<PingMessage>>): NodeContext<PingMessage> {
  return {
    id: ctx.id,
    peers: ctx.peers,
    rng: ctx.rng,
    clockUs: () => ctx.clockUs(),
    send: (to, msg) => ctx.send(to, msg),
    timers: ctx.timers,
    disk: ctx.disk,
    log: (event, fields) => ctx.log(event, fields),
    ...change,
  };
}

describe('runner on the ping scenario', () => {
  it('passes seed 42 with every checker true', () => {
    const record = run({ scenario: ping, seed: 42, sets: [] });
    expect(record.exitCode).toBe(0);
    expect(record.checks.map((c) => [c.checker, c.valid])).toEqual([
      ['ping-delivery', true],
      ['ping-durable-count', true],
    ]);
    // The checker really saw the nodes' log lines (it reads them from the trace).
    const evidence = record.checks[0]?.evidence as { sent: number; expected: number };
    expect(evidence.sent).toBeGreaterThan(300);
    expect(evidence.expected).toBeGreaterThan(300);
    expect(record.faultPlan.steps.at(-1)).toEqual({ atUs: 6_000_000, fault: { kind: 'heal-all' } });
    expect(record.replayCommand).toBe('npm run scenario -- ping --seed 42');
  });

  it('replaying the realised plan with --faults reproduces the run', () => {
    const record = run({ scenario: ping, seed: 42, sets: [] });
    const replay = run({ scenario: ping, seed: 42, sets: [], faultsJson: JSON.parse(JSON.stringify(record.faultPlan)), faultsPath: 'plan.json' });
    expect(replay.traceHash).toBe(record.traceHash);
    expect(replay.faultPlan).toEqual(record.faultPlan);
    expect(replay.replayCommand).toBe('npm run scenario -- ping --seed 42 --faults plan.json');
  });

  it('replays a drawn nemesis plan too', () => {
    const sets = [{ key: 'ping.faults', text: 'nemesis' }];
    const record = run({ scenario: ping, seed: 5, sets });
    expect(Object.keys(record.drawn)).toContain('nemesis.kinds');
    const replay = run({ scenario: ping, seed: 5, sets, faultsJson: JSON.parse(JSON.stringify(record.faultPlan)) });
    expect(replay.faultPlan).toEqual(record.faultPlan);
  });

  it('catches a disk that acknowledges fsync without syncing (durable count goes backwards)', () => {
    const lying = pingWith('ping-lying-disk', (ctx) =>
      withContext(ctx, {
        disk: {
          read: (file) => ctx.disk.read(file),
          write: (file, bytes) => ctx.disk.write(file, bytes),
          append: (file, bytes) => ctx.disk.append(file, bytes),
          remove: (file) => ctx.disk.remove(file),
          list: () => ctx.disk.list(),
          fsync: (_file, done) => done({ ok: true }),
        },
      }),
    );
    const record = run({ scenario: lying, seed: 42, sets: [] });
    expect(record.checks.find((c) => c.checker === 'ping-durable-count')?.valid).toBe(false);
    expect(record.exitCode).toBe(1);
  });

  it('catches a node that never answers one peer', () => {
    const rude = pingWith('ping-rude', (ctx) =>
      withContext(ctx, { send: (to, msg) => (ctx.id === 'n2' && to === 'n3' && msg.type === 'pong' ? undefined : ctx.send(to, msg)) }),
    );
    const record = run({ scenario: rude, seed: 42, sets: [] });
    expect(record.checks.find((c) => c.checker === 'ping-delivery')?.valid).toBe(false);
    expect(record.exitCode).toBe(1);
  });

  it('checks shared messages in every test run, so a system that breaks its declaration crashes', () => {
    // A ping that declares its messages immutable values but changes each one after sending it.
    const liar = defineScenario({
      ...ping,
      name: 'ping-mutating',
      build(c) {
        const built = ping.build(c);
        const factory = built.simulation.factory as NodeFactory<PingMessage>;
        const mutating = (ctx: NodeContext<PingMessage>) =>
          factory(
            withContext(ctx, {
              send: (to, msg) => {
                ctx.send(to, msg);
                (msg as { seq: number }).seq = -1;
              },
            }),
          );
        return { ...built, simulation: { ...built.simulation, messages: 'shared', factory: mutating } };
      },
    });
    expect(messageChecksRequested()).toBe(true);
    const checked = run({ scenario: liar, seed: 42, sets: [] });
    expect(checked.exitCode).toBe(4);
    expect(checked.stop).toMatchObject({ reason: 'crashed', error: expect.stringMatching(/TypeError.*read only/) as unknown });
    const variable = 'FAULTLINE_CHECK_MESSAGES';
    delete process.env[variable];
    try {
      expect(messageChecksRequested()).toBe(false);
      expect(run({ scenario: liar, seed: 42, sets: [] }).exitCode).not.toBe(4);
      expect(runScenario({ scenario: liar, seed: 42, sets: [] }, { checkMessages: true })).toMatchObject({ ok: true, result: { record: { exitCode: 4 } } });
    } finally {
      process.env[variable] = '1';
    }
  });

  it('reports usage errors for unknown options, bad values and invalid plans', () => {
    expect(runScenario({ scenario: ping, seed: 1, sets: [{ key: 'ping.nope', text: '1' }] })).toEqual({
      ok: false,
      error: expect.stringContaining('valid keys: ping.nodes') as unknown as string,
    });
    expect(runScenario({ scenario: ping, seed: 1, sets: [{ key: 'ping.nodes', text: '99' }] })).toMatchObject({ ok: false, error: expect.stringMatching(/ping.nodes expects an integer in \[2, 9\]/) as unknown });
    const bad = runScenario({ scenario: ping, seed: 1, sets: [], faultsJson: { steps: [{ atUs: 1, fault: { kind: 'crash', node: 'n7' } }] } });
    expect(bad).toMatchObject({ ok: false, error: expect.stringMatching(/step 1 .*n7/) as unknown });
  });
});

/** A tiny system for the runner's own exit codes: one node that may assert, clients that may wait forever. */
const probe = defineScenario({
  name: 'probe',
  description: 'test-only: a node that breaks an invariant, or never answers its clients',
  options: { 'probe.assertAtUs': intOption({ doc: 'assert at this time (0: never)', min: 0, max: 10_000_000, default: 0 }), ...phaseOptions({ chaosUs: 500_000, quietUs: 500_000 }) },
  build({ options }) {
    return {
      simulation: {
        nodeIds: ['n1'],
        factory: (ctx: NodeContext<string>) => ({
          onStart: () => (options['probe.assertAtUs'] > 0 ? ctx.timers.set('boom', options['probe.assertAtUs']) : undefined),
          onTimer: () => simAssert(false, 'probe invariant broken'),
          onMessage: () => undefined,
        }),
        durationUs: 2_000_000,
        eventsMax: 100_000,
      },
      clients: {
        count: 2,
        protocol: { request: (op, c) => ({ to: 'n1', msg: `req ${c.reqId} ${op.f}` }), reply: () => undefined },
        workload: { next: ({ phase }) => (phase === 'main' ? { f: 'read', value: null } : undefined) },
        timeoutUs: 60_000_000,
        thinkUs: { kind: 'constant', us: 1_000 },
      },
      faults: { kind: 'none' },
      phases: { chaosUs: options.chaosUs, quietUs: options.quietUs },
      checkers: [],
    };
  },
});

describe('runner exit codes', () => {
  it('a run cut off with operations pending is a liveness failure naming them (exit 2)', () => {
    const record = run({ scenario: probe, seed: 3, sets: [] });
    expect(record.exitCode).toBe(2);
    expect(record.stop.reason).toBe('duration');
    const liveness = record.checks.find((c) => c.checker === 'liveness');
    expect(liveness?.valid).toBe(false);
    expect(liveness?.summary).toMatch(/2 operations pending: process 0 \(c0\): read/);
  });

  it('an assertion in the simulated code is a crash with its message and seed (exit 4)', () => {
    const record = run({ scenario: probe, seed: 9, sets: [{ key: 'probe.assertAtUs', text: '1000' }] });
    expect(record.exitCode).toBe(4);
    expect(record.stop.reason).toBe('crashed');
    expect(record.stop.error).toMatch(/^SimulationAssertionError: probe invariant broken \(at test\/scenarios\/runner\.test\.ts:\d+\)$/);
    expect(record.simulatedUs).toBe(1_000);
    expect(record.replayCommand).toBe('npm run scenario -- probe --seed 9 --set probe.assertAtUs=1000');
  });

  it('a scenario whose build or checker throws is a crash too, never an exception out of the runner', () => {
    const broken = defineScenario({ ...probe, name: 'broken', build: () => simAssert(false, 'no cluster for you') as never });
    expect(run({ scenario: broken, seed: 1, sets: [] })).toMatchObject({ exitCode: 4, stop: { reason: 'crashed', error: expect.stringContaining('no cluster for you') as unknown } });
    const badChecker = defineScenario({
      ...probe,
      name: 'bad-checker',
      build: (c) => ({
        ...probe.build(c),
        checkers: [
          () => {
            throw new TypeError('checker bug');
          },
        ],
      }),
    });
    expect(run({ scenario: badChecker, seed: 1, sets: [] })).toMatchObject({ exitCode: 4, stop: { error: expect.stringMatching(/^TypeError: checker bug/) as unknown } });
  });

  it('orders verdicts as safety > liveness > unknown > pass', () => {
    const c = (checker: string, valid: boolean | 'unknown') => ({ checker, valid, summary: '' });
    expect(exitCodeOf([c('a', true)], [])).toBe(0);
    expect(exitCodeOf([c('a', 'unknown'), c('liveness', false)], [])).toBe(2);
    expect(exitCodeOf([c('a', false), c('liveness', false)], [])).toBe(1);
    expect(exitCodeOf([c('a', 'unknown')], [])).toBe(3);
    expect(exitCodeOf([c('convergence', false)], ['convergence'])).toBe(2);
  });

  it('quotes replay arguments that the shell would split', () => {
    expect(replayCommand({ scenario: { name: 'kv' }, seed: 1, sets: [{ key: 'kv.name', text: "it's here" }], faultsPath: 'my plan.json' })).toBe(
      "npm run scenario -- kv --seed 1 --set 'kv.name=it'\\''s here' --faults 'my plan.json'",
    );
  });
});
