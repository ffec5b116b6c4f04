import { join } from 'node:path';
import { renderSummaryPage } from '../../reports/summary-page.ts';
import { writeJsonFile, writeTextFile } from './output-files.ts';
import type { SweepSummary } from './summary.ts';
import { summaryText } from './summary-text.ts';

/** Where the sweep commands talk: stdout for results, stderr for progress under --json and errors. */
export interface SweepIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Whether stdout is a terminal (progress bar) or a pipe/log (plain lines). */
  readonly isTTY: boolean;
  readonly columns: number;
}

export const EXIT_USAGE = 64;
export const EXIT_CRASH = 4;

/** Prints a one-line usage error and returns exit 64. */
export function usageError(io: SweepIo, message: string): number {
  io.err(`error: ${message}\n`);
  return EXIT_USAGE;
}

/** Writes summary.json and summary.html into `outDir`, prints the summary (or its JSON), returns its exit code. */
export function writeSummary(summary: SweepSummary, outDir: string, json: boolean, io: SweepIo): number {
  const files = { json: join(outDir, 'summary.json'), html: join(outDir, 'summary.html') };
  writeJsonFile(files.json, summary);
  writeTextFile(files.html, renderSummaryPage(summary));
  io.out(json ? `${JSON.stringify(summary)}\n` : summaryText(summary, files));
  return summary.exitCode;
}
