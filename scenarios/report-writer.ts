import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { RunRecord } from '../sim/run-record.ts';
import { checkReportFiles, HTML_REPORT_FILE, reportArtifacts } from './report-artifacts.ts';
import type { CheckReportInput, RunArtifact } from './report-artifacts.ts';

/**
 * The one report writer (DESIGN.md §1): writes what a run leaves behind in
 * `out/<scenario>/seed-<n>/` (the run record, the realised fault plan, replayable with
 * `--faults`, and the report with its companions) and the report of `npm run check`. Every
 * renderer it calls is a pure function of its input, so the files are byte-identical for a seed.
 */

/** The file named as "the report" in the CLI's output. */
export const REPORT_FILE = HTML_REPORT_FILE;
export const FAULTS_FILE = 'faults.json';

/** Files written for every run, in order. Renderers of further reports (HTML) join this list. */
export const runArtifacts: readonly RunArtifact[] = [
  { file: 'run.json', render: (record) => `${JSON.stringify(record, null, 2)}\n` },
  { file: FAULTS_FILE, render: (record) => `${JSON.stringify(record.faultPlan, null, 2)}\n` },
  ...reportArtifacts,
];

/** The run's folder: `seed-<n>`, or `seed-<n>-replay` when its faults came from a file (never overwrite the input). */
export function runDir(o: { outDir: string; record: RunRecord; replayed: boolean }): string {
  return join(o.outDir, o.record.scenario, `seed-${o.record.seed}${o.replayed ? '-replay' : ''}`);
}

/** Where a run's files went; `reportPath` is absent when the run was told to write no report (`--no-report`). */
export interface RunArtifactPaths {
  readonly reportPath?: string;
  readonly faultsPath: string;
}

/**
 * Writes every artifact, or every one but report.html when `report` is false; returns the paths
 * the CLI prints. Throws on I/O errors.
 */
export function writeRunArtifacts(o: { dir: string; record: RunRecord; report: boolean }): RunArtifactPaths {
  mkdirSync(o.dir, { recursive: true });
  for (const artifact of runArtifacts) {
    if (o.report || artifact.file !== REPORT_FILE) writeFileSync(join(o.dir, artifact.file), artifact.render(o.record));
  }
  const faultsPath = join(o.dir, FAULTS_FILE);
  return o.report ? { reportPath: join(o.dir, REPORT_FILE), faultsPath } : { faultsPath };
}

/**
 * Writes the report of `npm run check` to `out` and its companions (results.json, history.edn,
 * history.jsonl) in the same folder. Returns the paths written. Throws on I/O errors, for the CLI
 * to turn into a one-line message.
 */
export function writeCheckReport(o: CheckReportInput & { readonly out: string }): string[] {
  const dir = dirname(o.out);
  mkdirSync(dir, { recursive: true });
  const paths: string[] = [];
  for (const { file, text } of checkReportFiles({ ...o, reportFile: basename(o.out) })) {
    const path = join(dir, file);
    writeFileSync(path, text);
    paths.push(path);
  }
  return paths;
}
