import type { RunRecord } from '../../sim/run-record.ts';
import { writeRunArtifacts } from '../report-writer.ts';
import { replayCommand } from '../replay-command.ts';
import type { AnyScenario } from '../scenario.ts';
import { outputPath, writeJsonFile } from '../sweep/output-files.ts';
import { operationCount } from '../sweep/seed-result.ts';
import type { ShrinkCandidate } from './plan-passes.ts';
import { SHRINK_ATTEMPTS_DEFAULT, shrinkRun } from './shrink-run.ts';
import { describeTarget } from './shrink-target.ts';

/** Where the shrink command talks (the sweep CLI's streams). */
export interface ShrinkIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

function clientsOf(record: RunRecord): number {
  return new Set(record.history.map((event) => event.process)).size;
}

function describe(candidate: ShrinkCandidate): string {
  const knobs = Object.entries(candidate.knobs).map(([name, value]) => `${name}=${value}`);
  return [`${candidate.steps.length} fault steps`, ...knobs].join(', ');
}

/**
 * `NAME --seed N --shrink`: shrinks the failing run, writes `minimal.json` (the plan) and the
 * minimal run's output (record, realised plan, report) into `outDir`, and prints the command
 * that replays it.
 * Returns the minimal run's exit code (the same failure as the original), 64 when the seed
 * passes, 4 when the realised plan does not reproduce the failure (a determinism bug).
 */
export function shrinkCommand(o: {
  scenario: AnyScenario;
  seed: number;
  sets: readonly { key: string; text: string }[];
  faultsJson: unknown;
  faultsPath: string | undefined;
  outDir: string;
  /** False (`--no-report`): the minimal run's folder gets no report.html. */
  report: boolean;
  attemptsMax: number | undefined;
  json: boolean;
  io: ShrinkIo;
}): number {
  const progress = o.json ? o.io.err : o.io.out;
  const result = shrinkRun({
    scenario: o.scenario,
    seed: o.seed,
    sets: o.sets,
    ...(o.faultsJson !== undefined ? { faultsJson: o.faultsJson } : {}),
    attemptsMax: o.attemptsMax ?? SHRINK_ATTEMPTS_DEFAULT,
    onAccepted: (candidate, attempts) => progress(`shrink: attempt ${attempts}: still fails with ${describe(candidate)}\n`),
  });
  if (result.kind === 'usage-error') {
    o.io.err(`error: ${result.error}\n`);
    return 64;
  }
  if (result.kind === 'passes') {
    o.io.err(`error: ${o.scenario.name} seed ${o.seed} passes every check (exit 0): nothing to shrink; shrink a failing seed, e.g. one a sweep (--seeds A..B) lists\n`);
    return 64;
  }
  if (result.kind === 'not-reproducible') {
    o.io.err(`error: replaying the realised fault plan of seed ${o.seed} does not reproduce the failure (${describeTarget(result.target)}): a determinism bug; run with --check-determinism\n`);
    return 4;
  }
  const planPath = outputPath(o.outDir, 'minimal.json');
  writeJsonFile(planPath, { steps: result.minimal.steps });
  const { reportPath } = writeRunArtifacts({ dir: o.outDir, record: result.record, report: o.report });
  const command = replayCommand({ scenario: o.scenario, seed: o.seed, sets: result.sets, faultsPath: planPath });
  const facts = {
    target: describeTarget(result.target),
    attempts: result.attempts,
    budgetSpent: result.budgetSpent,
    before: { faultSteps: result.start.steps.length, operations: operationCount(result.original), clients: clientsOf(result.original), knobs: result.start.knobs },
    after: { faultSteps: result.minimal.steps.length, operations: operationCount(result.record), clients: clientsOf(result.record), knobs: result.minimal.knobs },
    minimalPlan: planPath,
    ...(reportPath !== undefined ? { report: reportPath } : {}),
    replayCommand: command,
    exitCode: result.record.exitCode,
  };
  if (o.json) {
    o.io.out(`${JSON.stringify(facts)}\n`);
  } else {
    o.io.out(
      [
        `shrunk ${o.scenario.name} seed ${o.seed}: still ${facts.target} after ${facts.attempts} runs${facts.budgetSpent ? ' (attempt budget spent; --shrink-attempts N for more)' : ''}`,
        `  fault steps ${facts.before.faultSteps} -> ${facts.after.faultSteps}, operations ${facts.before.operations} -> ${facts.after.operations}, client processes ${facts.before.clients} -> ${facts.after.clients}`,
        `minimal plan: ${planPath}`,
        `report:       ${reportPath ?? 'none (--no-report)'}`,
        `replay:       ${command}`,
        '',
      ].join('\n'),
    );
  }
  return result.record.exitCode;
}
