import type { RunRecord } from '../../sim/run-record.ts';

/**
 * What a shrunk run must keep doing: fail the same checker the same way (false, or unknown), or
 * crash the simulation (exit 4). Any other failure is a different bug and is not accepted.
 */
export type ShrinkTarget =
  | { readonly kind: 'checker'; readonly checker: string; readonly valid: false | 'unknown' }
  | { readonly kind: 'crash' };

/** The target of a failing run: its first false checker, else its first unknown one, else its crash. */
export function targetOf(record: RunRecord): ShrinkTarget | undefined {
  if (record.exitCode === 4) return { kind: 'crash' };
  const failed = record.checks.find((check) => check.valid === false) ?? record.checks.find((check) => check.valid === 'unknown');
  if (failed === undefined || failed.valid === true) return undefined;
  return { kind: 'checker', checker: failed.checker, valid: failed.valid };
}

/** Whether a run still fails the way the target says. */
export function hitsTarget(record: RunRecord, target: ShrinkTarget): boolean {
  if (target.kind === 'crash') return record.exitCode === 4;
  return record.checks.some((check) => check.checker === target.checker && check.valid === target.valid);
}

/** The target in words, e.g. `checker "linearizable" is false`. */
export function describeTarget(target: ShrinkTarget): string {
  return target.kind === 'crash' ? 'the simulation crashes (exit 4)' : `checker "${target.checker}" is ${String(target.valid)}`;
}
