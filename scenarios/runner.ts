import type { CheckResult } from '../sim/check/result.ts';
import type { FaultPlan } from '../sim/faults/plan.ts';
import { validateFaultPlan } from '../sim/faults/plan.ts';
import type { NodeHandlers } from '../sim/node-api.ts';
import type { FaultPlanRecord, RunRecord, RunStopRecord } from '../sim/run-record.ts';
import { Simulation } from '../sim/simulation.ts';
import type { RunStop, SimulationOptions } from '../sim/simulation.ts';
import type { TraceRecordOption } from '../sim/trace.ts';
import { drawFaults } from './draw-faults.ts';
import { resolveOptions } from './options.ts';
import type { ResolvedOptions } from './options.ts';
import { replayCommand } from './replay-command.ts';
import type { AnyScenario, FinishedRun, ScenarioBuild } from './scenario.ts';

/**
 * Runs one scenario for one seed and returns its RunRecord (DESIGN.md §6, §10): resolve options,
 * build, schedule the faults (the scenario's plan, a nemesis drawn from the seed, or a replayed
 * plan) with heal-all at `chaosUs`, run, check, and name the exit code. Pure: no I/O, no clock
 * (the one environment variable it reads, FAULTLINE_CHECK_MESSAGES, changes no result of a
 * system that keeps its message declaration).
 * Sweeps, shards and shrinking call `prepareRun` / `executeRun` once per seed or candidate plan.
 */

/** What to run: a scenario, a seed, the user's overrides and optionally a replacement plan. */
export interface RunRequest {
  readonly scenario: AnyScenario;
  readonly seed: number;
  readonly sets: readonly { readonly key: string; readonly text: string }[];
  /** Parsed JSON of a fault plan to replay instead of the scenario's faults (`--faults`). */
  readonly faultsJson?: unknown;
  /** Where that plan came from, for the replay command. */
  readonly faultsPath?: string;
}

/** A request whose options resolved and whose build succeeded: ready to run, any number of times. */
export interface PreparedRun {
  readonly request: RunRequest;
  readonly resolved: ResolvedOptions;
  readonly build: ScenarioBuild<unknown, NodeHandlers<unknown>>;
  /** The validated replacement plan, when the request had one. */
  readonly replayPlan: FaultPlan | undefined;
}

export type Preparation =
  | { readonly kind: 'ready'; readonly run: PreparedRun }
  /** Bad user input (unknown option, bad value, invalid plan): exit 64 with this line. */
  | { readonly kind: 'usage-error'; readonly error: string }
  /** The scenario's own build threw: a bug of ours, exit 4. */
  | { readonly kind: 'crashed'; readonly record: RunRecord };

/** The name of the check the runner adds for runs with clients: did every operation complete? */
export const LIVENESS_CHECKER = 'liveness';

export function prepareRun(request: RunRequest): Preparation {
  const resolution = resolveOptions({ specs: request.scenario.options, seed: request.seed, sets: request.sets });
  if (!resolution.ok) return { kind: 'usage-error', error: resolution.error };
  const { resolved } = resolution;
  const invalid = request.scenario.validate?.(resolved.options);
  if (invalid !== undefined) return { kind: 'usage-error', error: invalid };
  let build: ScenarioBuild<unknown, NodeHandlers<unknown>>;
  try {
    build = request.scenario.build({ options: resolved.options, seed: request.seed });
  } catch (error) {
    return { kind: 'crashed', record: crashRecord({ request, resolved, error, simulation: undefined, nodes: [] }) };
  }
  if (request.faultsJson === undefined) return { kind: 'ready', run: { request, resolved, build, replayPlan: undefined } };
  const validation = validateFaultPlan(request.faultsJson, { nodeIds: build.simulation.nodeIds });
  if (!validation.ok) return { kind: 'usage-error', error: `invalid fault plan${request.faultsPath !== undefined ? ` ${request.faultsPath}` : ''}: ${validation.error}` };
  return { kind: 'ready', run: { request, resolved, build, replayPlan: validation.plan } };
}

/** What one execution produced: the record, and the stopped simulation (absent if it never started). */
export interface RunResult {
  readonly record: RunRecord;
  readonly simulation: Simulation<unknown, NodeHandlers<unknown>> | undefined;
}

/** Settings of one execution: determinism checks keep the hash chain or record events, and check messages. */
export interface RunSettings {
  readonly traceChain?: boolean;
  readonly traceRecord?: TraceRecordOption;
  /**
   * Freeze the messages of a system that shares them (`MessagePassing` 'shared'), so a mutation
   * throws. Off, the run trusts the system's declaration (production runs, benchmarks); on for
   * `--check-determinism`, and for every run while FAULTLINE_CHECK_MESSAGES=1 (set for the tests).
   */
  readonly checkMessages?: boolean;
}

/**
 * True when the environment asks every run to check shared messages: the test configuration
 * sets it, so every test run, in-process, in sweep workers and in spawned CLIs, freezes them.
 */
export function messageChecksRequested(): boolean {
  return process.env['FAULTLINE_CHECK_MESSAGES'] === '1';
}

/** Runs a prepared scenario once. Never throws for a failure of the simulated code: that is exit 4. */
export function executeRun(prepared: PreparedRun, settings: RunSettings = {}): RunResult {
  const { request, resolved, build } = prepared;
  let simulation: Simulation<unknown, NodeHandlers<unknown>> | undefined;
  try {
    simulation = new Simulation(simulationOptions(prepared, settings));
    const faults = prepared.replayPlan !== undefined ? { plan: prepared.replayPlan, drawn: {} } : drawFaults({ source: build.faults, rng: simulation.rng, nodeIds: build.simulation.nodeIds, chaosUs: build.phases.chaosUs });
    simulation.schedulePlan(withPhaseHeal(faults.plan, build.phases.chaosUs));
    const stop = simulation.run();
    const drawn = { ...resolved.drawn, ...faults.drawn };
    const options = { ...resolved.options, ...faults.drawn };
    const finished: FinishedRun<unknown, NodeHandlers<unknown>> = {
      seed: request.seed,
      options: resolved.options,
      phases: build.phases,
      history: simulation.history(),
      simulation,
      stop: stopRecord(stop),
    };
    const checks = [...build.checkers.flatMap((checker) => checker(finished)), ...livenessCheck(stop, build.clients !== undefined)];
    const record = assembleRecord({ request, simulation, nodes: build.simulation.nodeIds, stop: finished.stop, checks, options, drawn, livenessCheckers: build.livenessCheckers ?? [] });
    return { record, simulation };
  } catch (error) {
    return { record: crashRecord({ request, resolved, error, simulation, nodes: build.simulation.nodeIds }), simulation };
  }
}

/** Resolves and runs in one call (tests, sweeps): a usage error comes back as such. */
export function runScenario(request: RunRequest, settings: RunSettings = {}): { ok: true; result: RunResult } | { ok: false; error: string } {
  const preparation = prepareRun(request);
  if (preparation.kind === 'usage-error') return { ok: false, error: preparation.error };
  if (preparation.kind === 'crashed') return { ok: true, result: { record: preparation.record, simulation: undefined } };
  return { ok: true, result: executeRun(preparation.run, settings) };
}

function simulationOptions(prepared: PreparedRun, settings: RunSettings): SimulationOptions<unknown, NodeHandlers<unknown>> {
  const { build, request } = prepared;
  const { chaosUs, quietUs } = build.phases;
  // A scenario that records the whole trace for its checkers keeps doing so.
  const traceRecord = build.simulation.traceRecord === true ? true : (settings.traceRecord ?? build.simulation.traceRecord);
  return {
    ...build.simulation,
    seed: request.seed,
    ...(build.clients !== undefined ? { clients: { ...build.clients, loadUntilUs: chaosUs, finalAtUs: chaosUs + quietUs } } : {}),
    ...(traceRecord !== undefined ? { traceRecord } : {}),
    ...(settings.traceChain === true ? { traceChain: true } : {}),
    trustSharedMessages: settings.checkMessages !== true && !messageChecksRequested(),
  };
}

/**
 * The plan with the phase change appended: heal-all at `chaosUs`, after any step at that time.
 * A replayed realised plan already ends its chaos with that step, so it is not added twice.
 */
function withPhaseHeal(plan: FaultPlan, chaosUs: number): FaultPlan {
  const hasHeal = plan.steps.some((step) => step.atUs === chaosUs && step.fault.kind === 'heal-all');
  return hasHeal ? plan : { steps: [...plan.steps, { atUs: chaosUs, fault: { kind: 'heal-all' } }] };
}

function stopRecord(stop: RunStop): RunStopRecord {
  const reason = stop.reason === 'until' ? 'duration' : stop.reason;
  return { reason, pending: stop.pending };
}

/**
 * With clients, the runner checks liveness itself: the kernel stops with 'done' once every client
 * has finished its final phase, so any other stop means the clients were cut off by a limit.
 */
function livenessCheck(stop: RunStop, hasClients: boolean): CheckResult[] {
  if (!hasClients) return [];
  if (stop.reason === 'done') return [{ checker: LIVENESS_CHECKER, valid: true, summary: 'every client operation completed' }];
  const limit = `stopped by the ${stop.reason === 'events' ? 'events' : 'duration'} limit at ${stop.nowUs}us`;
  const shown = stop.pending.slice(0, 5).join('; ');
  const more = stop.pending.length > 5 ? `; and ${stop.pending.length - 5} more` : '';
  const what = stop.pending.length === 0 ? 'before the clients finished their final phase' : `with ${stop.pending.length} operations pending: ${shown}${more}`;
  return [{ checker: LIVENESS_CHECKER, valid: false, summary: `${limit} ${what}`, evidence: { pending: stop.pending, queued: stop.queued } }];
}

/** DESIGN.md §10: 1 safety failed, else 2 liveness failed, else 3 unknown, else 0. */
export function exitCodeOf(checks: readonly CheckResult[], livenessCheckers: readonly string[]): 0 | 1 | 2 | 3 {
  const isLiveness = (c: CheckResult): boolean => c.checker === LIVENESS_CHECKER || livenessCheckers.includes(c.checker);
  if (checks.some((c) => c.valid === false && !isLiveness(c))) return 1;
  if (checks.some((c) => c.valid === false)) return 2;
  if (checks.some((c) => c.valid === 'unknown')) return 3;
  return 0;
}

function assembleRecord(o: {
  request: RunRequest;
  simulation: Simulation<unknown, NodeHandlers<unknown>>;
  nodes: readonly string[];
  stop: RunStopRecord;
  checks: CheckResult[];
  options: RunRecord['options'];
  drawn: RunRecord['drawn'];
  livenessCheckers: readonly string[];
}): RunRecord {
  const sim = o.simulation;
  return {
    scenario: o.request.scenario.name,
    seed: o.request.seed,
    options: o.options,
    drawn: o.drawn,
    faultPlan: planRecord(sim.realisedPlan()),
    history: sim.history(),
    checks: o.checks,
    traceHash: sim.traceHash(),
    events: sim.eventCount(),
    simulatedUs: sim.nowUs(),
    stop: o.stop,
    nodes: [...o.nodes],
    faultWindows: sim.faultWindows(),
    nodeEvents: sim.nodeEvents(),
    messages: sim.messageCounts(),
    exitCode: exitCodeOf(o.checks, o.livenessCheckers),
    replayCommand: replayCommand(o.request),
  };
}

function planRecord(plan: FaultPlan): FaultPlanRecord {
  return { steps: plan.steps.map((step) => ({ atUs: step.atUs, fault: { ...step.fault } })) };
}

/** The record of a run that threw: exit 4, with the error and where it was thrown. */
function crashRecord(o: { request: RunRequest; resolved: ResolvedOptions; error: unknown; simulation: Simulation<unknown, NodeHandlers<unknown>> | undefined; nodes: readonly string[] }): RunRecord {
  const sim = o.simulation;
  return {
    scenario: o.request.scenario.name,
    seed: o.request.seed,
    options: o.resolved.options,
    drawn: o.resolved.drawn,
    faultPlan: sim !== undefined ? planRecord(sim.realisedPlan()) : { steps: [] },
    history: sim?.history() ?? [],
    checks: [],
    traceHash: sim?.traceHash() ?? '',
    events: sim?.eventCount() ?? 0,
    simulatedUs: sim?.nowUs() ?? 0,
    stop: { reason: 'crashed', pending: sim?.pendingOperations() ?? [], error: describeError(o.error) },
    nodes: [...o.nodes],
    faultWindows: sim?.faultWindows() ?? [],
    nodeEvents: sim?.nodeEvents() ?? [],
    messages: sim?.messageCounts() ?? { sent: 0, delivered: 0, dropped: 0, duplicated: 0, corrupted: 0 },
    exitCode: 4,
    replayCommand: replayCommand(o.request),
  };
}

/**
 * `Name: message (at file:line)`: enough to find the broken invariant without a stack dump. The
 * location is the first frame of ours that is not the assertion helper itself.
 */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return `thrown: ${String(error)}`;
  const frame = error.stack
    ?.split('\n')
    .slice(1)
    .map((line) => /\(?((?:file:\/\/)?[^\s()]+:\d+):\d+\)?$/.exec(line.trim())?.[1])
    .find((location) => location !== undefined && !location.includes('node_modules') && !location.startsWith('node:') && !location.includes('sim/assert.ts'));
  const where = frame === undefined ? '' : ` (at ${frame.replace(/^file:\/\//, '').replace(/^.*?\/(sim|systems|scenarios|test)\//, '$1/')})`;
  return `${error.name}: ${error.message}${where}`;
}
