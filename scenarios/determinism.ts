import type { RunRecord } from '../sim/run-record.ts';
import { firstChainDifference, formatTraceEvent } from '../sim/trace.ts';
import { executeRun } from './runner.ts';
import type { PreparedRun, RunResult } from './runner.ts';

/**
 * `--check-determinism` (DESIGN.md §2): run the seed twice and compare. The trace hash chains
 * locate the first event where the runs part; two more runs record a window around it so the
 * two versions of that event can be printed. Its runs check shared messages (`RunSettings`), so
 * a system that mutates a message it declared immutable fails here too. Pure, like the runner.
 */
export type DeterminismVerdict =
  | { readonly deterministic: true; readonly traceHash: string }
  | {
      readonly deterministic: false;
      /** One line for people: where the two runs part. */
      readonly summary: string;
      /** Index of the first differing trace event, when the traces differ. */
      readonly index?: number;
      /** That event as each run saw it (absent when the re-runs could not reproduce it). */
      readonly first?: string;
      readonly second?: string;
    };

/** How every run here goes: with the hash chain, and with shared messages frozen. */
const checked = { traceChain: true, checkMessages: true } as const;

/** Events recorded before the first difference, for context. */
const CONTEXT_EVENTS = 3;

export function checkDeterminism(prepared: PreparedRun): { result: RunResult; determinism: DeterminismVerdict } {
  const a = executeRun(prepared, checked);
  const b = executeRun(prepared, checked);
  const chainA = a.simulation?.traceChain();
  const chainB = b.simulation?.traceChain();
  const index = chainA !== undefined && chainB !== undefined ? firstChainDifference(chainA, chainB) : undefined;
  if (index !== undefined) return { result: a, determinism: traceDifference(prepared, index) };
  const field = firstDifferingField(a.record, b.record);
  if (field === undefined) return { result: a, determinism: { deterministic: true, traceHash: a.record.traceHash } };
  return {
    result: a,
    determinism: { deterministic: false, summary: `the traces agree but the run records differ in '${field}' (a checker or the record depends on something outside the seed)` },
  };
}

function traceDifference(prepared: PreparedRun, index: number): DeterminismVerdict {
  const window = { fromIndex: Math.max(0, index - CONTEXT_EVENTS), toIndex: index };
  const runs = [executeRun(prepared, { ...checked, traceRecord: window }), executeRun(prepared, { ...checked, traceRecord: window })];
  const events = runs.map((run) => run.simulation?.traceEvents().find((e) => e.index === index));
  const [first, second] = events.map((e) => (e === undefined ? '(the run ended before this event)' : formatTraceEvent(e)));
  const reproduced = events[0] !== undefined || events[1] !== undefined;
  const base = `nondeterminism: two runs of the same seed differ first at trace event #${index}`;
  if (!reproduced) return { deterministic: false, summary: `${base} (the re-runs to show it did not reproduce it)`, index };
  return { deterministic: false, summary: `${base}: ${first} | ${second}`, index, first: first as string, second: second as string };
}

function firstDifferingField(a: RunRecord, b: RunRecord): string | undefined {
  const keys = Object.keys(a) as (keyof RunRecord)[];
  return keys.find((key) => JSON.stringify(a[key]) !== JSON.stringify(b[key]));
}
