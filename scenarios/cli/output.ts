import type { RunRecord } from '../../sim/run-record.ts';
import type { DeterminismVerdict } from '../determinism.ts';
import type { RunArtifactPaths } from '../report-writer.ts';

/** The text the CLI prints for a run (DESIGN.md §10), as lines; pure so tests can read it. */

/** Plan steps printed in full; the rest are in faults.json. */
const STEPS_SHOWN_MAX = 12;

const EXIT_MEANING: Readonly<Record<number, string>> = {
  0: 'every check passed',
  1: 'a safety check failed',
  2: 'liveness failed: something was still pending when the run stopped',
  3: 'a check ended unknown (its budget ran out)',
  4: 'the simulation itself crashed (a bug in faultline or in the system under test)',
};

export function exitMeaning(code: number): string {
  return EXIT_MEANING[code] ?? 'unexpected exit code';
}

export function runText(o: {
  record: RunRecord;
  seedNote: string | undefined;
  paths: RunArtifactPaths | undefined;
  determinism: DeterminismVerdict | undefined;
  exitCode: number;
}): string[] {
  const { record } = o;
  const lines = [`seed ${record.seed}${o.seedNote !== undefined ? ` (${o.seedNote})` : ''}`];
  const drawn = Object.entries(record.drawn);
  lines.push(drawn.length === 0 ? 'drawn from the seed: nothing' : `drawn from the seed: ${drawn.map(([k, v]) => `${k}=${String(v)}`).join(' ')}`);
  const set = Object.entries(record.options).filter(([key]) => !(key in record.drawn));
  lines.push(`options: ${set.map(([k, v]) => `${k}=${String(v)}`).join(' ')}`);
  lines.push(...planLines(record));
  for (const check of record.checks) {
    const verdict = check.valid === true ? 'PASS' : check.valid === false ? 'FAIL' : 'UNKNOWN';
    lines.push(`${verdict} ${check.checker}: ${check.summary}`);
  }
  if (record.stop.reason === 'crashed') lines.push(`CRASH at ${record.simulatedUs}us: ${record.stop.error ?? 'unknown error'}`);
  lines.push(`trace hash ${record.traceHash} (${record.events} events, ${record.simulatedUs}us simulated, stopped: ${record.stop.reason})`);
  if (o.determinism !== undefined) {
    lines.push(o.determinism.deterministic ? `determinism: two runs gave the same trace hash ${o.determinism.traceHash}` : `determinism: FAILED, ${o.determinism.summary}`);
  }
  if (o.paths !== undefined) lines.push(`report: ${o.paths.reportPath ?? 'none (--no-report)'}`, `faults: ${o.paths.faultsPath}`);
  lines.push(`exit ${o.exitCode}: ${exitMeaning(o.exitCode)}`);
  if (o.exitCode !== 0) lines.push(`replay: ${record.replayCommand}`);
  return lines;
}

function planLines(record: RunRecord): string[] {
  const steps = record.faultPlan.steps;
  const lines = [`faults: ${steps.length} step${steps.length === 1 ? '' : 's'}${steps.length === 0 ? '' : ':'}`];
  for (const step of steps.slice(0, STEPS_SHOWN_MAX)) {
    const { kind, ...rest } = step.fault;
    const detail = Object.keys(rest).length === 0 ? '' : ` ${JSON.stringify(rest)}`;
    lines.push(`  @${step.atUs}us ${kind}${detail}`);
  }
  if (steps.length > STEPS_SHOWN_MAX) lines.push(`  ... ${steps.length - STEPS_SHOWN_MAX} more in faults.json`);
  return lines;
}
