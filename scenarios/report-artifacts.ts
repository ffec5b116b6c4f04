import { renderCheckReport } from '../reports/check-report.ts';
import { renderRunReport } from '../reports/run-report.ts';
import type { CheckResult } from '../sim/check/result.ts';
import { exportJepsenEdn } from '../sim/formats/jepsen-edn.ts';
import { exportJsonLines } from '../sim/formats/json-lines.ts';
import { pairOperations } from '../sim/history.ts';
import type { History, Operation } from '../sim/history.ts';
import type { RunRecord } from '../sim/run-record.ts';

/**
 * The HTML report and its machine-readable companions, for scenario runs (joined to the run
 * writer's artifact list) and for `npm run check`, as file names and text. Renderers are pure,
 * so every file is byte-identical for the same input; report-writer.ts writes them.
 */

/** One file written for every run: its name in the run's folder and its renderer. */
export interface RunArtifact {
  readonly file: string;
  readonly render: (record: RunRecord) => string;
}

/** One file of a check report: its name in the report's folder and its text. */
export interface ReportFile {
  readonly file: string;
  readonly text: string;
}

/** The HTML report's file name in a run's folder. */
export const HTML_REPORT_FILE = 'report.html';

/** Artifacts every scenario run writes beside run.json: the report, results.json, the history as EDN and JSON lines. */
export const reportArtifacts: readonly RunArtifact[] = [
  { file: HTML_REPORT_FILE, render: (record) => renderRunReport({ record, operations: operationsOf(record.history) }) },
  { file: 'results.json', render: (record) => resultsJson(record.checks) },
  { file: 'history.edn', render: (record) => exportJepsenEdn(record.history) },
  { file: 'history.jsonl', render: (record) => exportJsonLines(record.history) },
];

/** A run's history paired; simulator histories are well formed, so a failure is a bug here. */
function operationsOf(history: History): Operation[] {
  const paired = pairOperations(history);
  if (!paired.ok) throw new Error(`the run's history is malformed at event ${paired.error.index}: ${paired.error.message}`);
  return paired.operations;
}

function resultsJson(checks: readonly CheckResult[]): string {
  return `${JSON.stringify(checks, null, 2)}\n`;
}

/** What a check report shows: the checked file, the model, the history, the result and the command that reproduces it. */
export type CheckReportInput = Parameters<typeof renderCheckReport>[0];

/**
 * The files of `npm run check`'s report: the HTML under `reportFile`, and its companions
 * results.json, history.edn and history.jsonl, all in one folder.
 */
export function checkReportFiles(o: CheckReportInput & { readonly reportFile: string }): ReportFile[] {
  return [
    { file: o.reportFile, text: renderCheckReport(o) },
    { file: 'results.json', text: resultsJson([o.result]) },
    { file: 'history.edn', text: exportJepsenEdn(o.history) },
    { file: 'history.jsonl', text: exportJsonLines(o.history) },
  ];
}
