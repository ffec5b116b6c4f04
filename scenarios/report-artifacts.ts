import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { renderCheckReport } from '../reports/check-report.ts';
import { renderRunReport } from '../reports/run-report.ts';
import type { CheckResult } from '../sim/check/result.ts';
import { exportJepsenEdn } from '../sim/formats/jepsen-edn.ts';
import { exportJsonLines } from '../sim/formats/json-lines.ts';
import { pairOperations } from '../sim/history.ts';
import type { History, Operation } from '../sim/history.ts';
import type { RunRecord } from '../sim/run-record.ts';
import type { RunArtifact } from './report-writer.ts';

/**
 * The HTML report and its machine-readable companions, for scenario runs (joined to the run
 * writer's artifact list) and for `npm run check` (written by `writeCheckReport`). Renderers are
 * pure, so every file is byte-identical for the same input.
 */

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

/**
 * Writes the report of `npm run check` to `out` and its companions (results.json, history.edn,
 * history.jsonl) in the same folder. Returns the paths written. Throws on I/O errors, for the CLI
 * to turn into a one-line message.
 */
export function writeCheckReport(o: {
  readonly out: string;
  readonly source: string;
  readonly model: string;
  readonly history: History;
  readonly operations: readonly Operation[];
  readonly result: CheckResult;
  readonly command: string;
}): string[] {
  const dir = dirname(o.out);
  mkdirSync(dir, { recursive: true });
  const files: [string, string][] = [
    [o.out, renderCheckReport(o)],
    [join(dir, 'results.json'), resultsJson([o.result])],
    [join(dir, 'history.edn'), exportJepsenEdn(o.history)],
    [join(dir, 'history.jsonl'), exportJsonLines(o.history)],
  ];
  for (const [path, text] of files) writeFileSync(path, text);
  return files.map(([path]) => path);
}
