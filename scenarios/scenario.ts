import type { CheckResult } from '../sim/check/result.ts';
import type { ClientOptions } from '../sim/client.ts';
import type { FaultKindName } from '../sim/faults/nemesis.ts';
import type { FaultPlan } from '../sim/faults/plan.ts';
import type { History } from '../sim/history.ts';
import type { NodeHandlers } from '../sim/node-api.ts';
import type { RunStopRecord } from '../sim/run-record.ts';
import type { Rng } from '../sim/rng.ts';
import type { Simulation, SimulationOptions } from '../sim/simulation.ts';

/**
 * A scenario (DESIGN.md §10): one named, runnable experiment — cluster shape, system options,
 * workload, faults, phases, limits and checkers. Scenario files are short and data-like; the
 * runner (runner.ts) does the running, the CLI (cli.ts) the talking.
 */

/** What an option may hold: exactly what `--set key=value` can express and JSON can store. */
export type OptionValue = string | number | boolean;

/** The option types `--set` understands, with the checks applied to a user's value. */
export type OptionType =
  | { readonly type: 'int'; readonly min: number; readonly max: number }
  | { readonly type: 'number'; readonly min: number; readonly max: number }
  | { readonly type: 'boolean' }
  | { readonly type: 'enum'; readonly values: readonly string[] }
  | { readonly type: 'string' };

/**
 * One option: its type, a one-line doc, and where its value comes from when the user does not
 * `--set` it — a fixed `default`, or a `draw` from the seed (swarm testing: the seed chooses,
 * and the CLI prints the choice first so the run can be understood and replayed).
 */
export type OptionSpec<T extends OptionValue = OptionValue> = OptionType & { readonly doc: string } & (
  | { readonly default: T; readonly draw?: never }
  | { readonly draw: (rng: Rng) => T; readonly default?: never }
);

/** Option specs keyed by their dotted names (`ping.nodes`, `kv.consistency`, `chaosUs`). */
export type OptionSpecs<O extends Record<string, OptionValue>> = { readonly [K in keyof O]: OptionSpec<O[K]> };

/** The two phases every run has (DESIGN.md §6). */
export interface Phases {
  /** Faults happen before this time; at this time the runner applies `heal-all`. */
  readonly chaosUs: number;
  /** After heal-all the system must recover within this time; then the final phase begins. */
  readonly quietUs: number;
}

/** Where a run's faults come from: a fixed plan, a nemesis drawn from the seed, or none. */
export type FaultSource =
  | { readonly kind: 'plan'; readonly plan: FaultPlan }
  /** `kinds` absent: the seed draws which fault kinds are on at all (swarm testing). */
  | { readonly kind: 'nemesis'; readonly kinds?: readonly FaultKindName[] }
  | { readonly kind: 'none' };

/** What a checker sees once the run is over. Checkers are pure: no I/O, no clock, no randomness. */
export interface FinishedRun<M, H extends NodeHandlers<M>, O extends Record<string, OptionValue> = Record<string, OptionValue>> {
  readonly seed: number;
  readonly options: O;
  readonly phases: Phases;
  readonly history: History;
  /** The stopped simulation, for final state: node handlers, durable files, trace, realised plan. */
  readonly simulation: Simulation<M, H>;
  readonly stop: RunStopRecord;
}

/** A checker: the finished run in, one or more results out (a checker may report several aspects). */
export type ScenarioChecker<M, H extends NodeHandlers<M>, O extends Record<string, OptionValue> = Record<string, OptionValue>> = (
  run: FinishedRun<M, H, O>,
) => CheckResult[];

/**
 * Everything `build` decides for one run. The runner adds the seed, and derives the clients'
 * load and final-phase times from `phases` so every scenario shares the same shape of run:
 * load until `chaosUs`, heal-all, quiet for `quietUs`, then final operations.
 */
export interface ScenarioBuild<M, H extends NodeHandlers<M>, O extends Record<string, OptionValue> = Record<string, OptionValue>> {
  /** Cluster, network, disks and limits (`durationUs`, `eventsMax`) of the simulation. */
  readonly simulation: Omit<SimulationOptions<M, H>, 'seed' | 'clients'>;
  readonly clients?: Omit<ClientOptions<M>, 'loadUntilUs' | 'finalAtUs'>;
  readonly faults: FaultSource;
  readonly phases: Phases;
  readonly checkers: readonly ScenarioChecker<M, H, O>[];
  /** Names of checkers whose `false` verdict is a liveness failure (exit 2) rather than safety (exit 1). */
  readonly livenessCheckers?: readonly string[];
}

/** A scenario as written in its file; register it with `defineScenario`. */
export interface Scenario<O extends Record<string, OptionValue>, M, H extends NodeHandlers<M>> {
  /** The name on the command line; also the file name (`scenarios/<name>.ts`). */
  readonly name: string;
  /** One line for `list`. */
  readonly description: string;
  readonly options: OptionSpecs<O>;
  /** Checks option values against each other (e.g. kv.r <= kv.n); a one-line message makes a usage error (exit 64). */
  readonly validate?: (options: O) => string | undefined;
  /** Builds the run from fully resolved options. All randomness comes from option draws and the
   *  simulation's own seeded streams, so everything the seed chose is visible in the options. */
  build(c: { readonly options: O; readonly seed: number }): ScenarioBuild<M, H, O>;
}

/** A scenario with its system's types erased, as the registry and the runner hold it. */
export type AnyScenario = Scenario<Record<string, OptionValue>, unknown, NodeHandlers<unknown>>;

/**
 * Registers a scenario. It erases the message, handler and option types, which is safe because
 * a scenario's `build` output (its node factory and its checkers) is only ever used together,
 * with options the runner resolved against this scenario's own specs.
 */
export function defineScenario<O extends Record<string, OptionValue>, M, H extends NodeHandlers<M>>(scenario: Scenario<O, M, H>): AnyScenario {
  return scenario as unknown as AnyScenario;
}
