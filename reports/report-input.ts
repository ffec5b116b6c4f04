import type { CheckResult } from '../sim/check/result.ts';
import type { Operation } from '../sim/history.ts';
import type { FaultPlanRecord, FaultWindow, MessageCounts, NodeEventRecord, RunStopRecord } from '../sim/run-record.ts';

/**
 * What every report is drawn from, whether it came from a scenario run or from an external
 * history given to `npm run check`. Both public renderers build one and hand it to the page.
 */
export interface ReportInput {
  /** The page title and main heading, e.g. `kv-partition · seed 42` or `c50-bad.txt`. */
  readonly title: string;
  /** Label/value facts for the header, in display order. */
  readonly facts: readonly ReportFact[];
  /** The exact command that reproduces this report's verdicts. */
  readonly command: string;
  /** Options the seed chose, shown first; absent for external histories. */
  readonly drawn?: Readonly<Record<string, string | number | boolean>>;
  /** Every option in force. */
  readonly options?: Readonly<Record<string, string | number | boolean>>;
  readonly checks: readonly CheckResult[];
  /** The history paired into operations; evidence refers to them by `Operation.id`. */
  readonly operations: readonly Operation[];
  readonly nodes: readonly string[];
  readonly faultWindows: readonly FaultWindow[];
  readonly nodeEvents: readonly NodeEventRecord[];
  readonly faultPlan?: FaultPlanRecord;
  readonly stop?: RunStopRecord;
  readonly messages?: MessageCounts;
  /** The end of the time axis: the run's simulated duration, or the history's last event. */
  readonly endUs: number;
}

export interface ReportFact {
  readonly label: string;
  readonly value: string;
  /** Monospace, for hashes, seeds and file names. */
  readonly code?: boolean;
}
