import type { CheckResult } from './check/result.ts';
import type { History } from './history.ts';

/**
 * Everything one scenario run produced, as plain JSON-serialisable data. The CLI prints it,
 * `--json` emits it, and reports/ renders it; nothing here refers to live simulation objects.
 */
export interface RunRecord {
  readonly scenario: string;
  readonly seed: number;
  /** Every option in force, after defaults, `--set` overrides and draws from the seed. */
  readonly options: Readonly<Record<string, string | number | boolean>>;
  /** Options the seed chose (swarm testing), a subset of `options`, printed first. */
  readonly drawn: Readonly<Record<string, string | number | boolean>>;
  /** The realised fault plan: replaying it with `--faults` reproduces the run's faults. */
  readonly faultPlan: FaultPlanRecord;
  readonly history: History;
  readonly checks: readonly CheckResult[];
  readonly traceHash: string;
  readonly events: number;
  readonly simulatedUs: number;
  /** Why the simulation stopped. */
  readonly stop: RunStopRecord;
  readonly nodes: readonly string[];
  /** Time intervals in which a fault was in force, for shading timelines. */
  readonly faultWindows: readonly FaultWindow[];
  /** Point events on nodes (crash, restart, pause, resume, clock jump, …), for timeline marks. */
  readonly nodeEvents: readonly NodeEventRecord[];
  readonly messages: MessageCounts;
  /** The exit code of DESIGN.md §10 this run earns. */
  readonly exitCode: 0 | 1 | 2 | 3 | 4;
  /** The exact command that replays this run. */
  readonly replayCommand: string;
}

export interface FaultPlanRecord {
  readonly steps: readonly { readonly atUs: number; readonly fault: Readonly<Record<string, unknown>> & { readonly kind: string } }[];
}

export interface RunStopRecord {
  readonly reason: 'done' | 'duration' | 'events' | 'crashed';
  /** For a liveness failure: what was still pending, in words. */
  readonly pending: readonly string[];
  /** For a crash of the simulation itself: the assertion message. */
  readonly error?: string;
}

export interface FaultWindow {
  /** Fault kind, e.g. 'partition', 'crash', 'pause', 'clock', 'disk', 'network'. */
  readonly kind: string;
  readonly startUs: number;
  /** Undefined when the fault was still in force at the end of the run. */
  readonly endUs: number | undefined;
  /** Nodes affected; empty for cluster-wide faults. */
  readonly nodes: readonly string[];
  /** Short human description, e.g. 'partition {n1,n2} | {n3,n4,n5}'. */
  readonly label: string;
}

export interface NodeEventRecord {
  readonly node: string;
  readonly timeUs: number;
  readonly event: string;
  readonly detail?: string;
}

export interface MessageCounts {
  readonly sent: number;
  readonly delivered: number;
  readonly dropped: number;
  readonly duplicated: number;
  readonly corrupted: number;
}
