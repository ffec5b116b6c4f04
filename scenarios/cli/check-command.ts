import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { LinearizabilityEvidence } from '../../sim/check/evidence.ts';
import { checkOperations } from '../../sim/check/linearizability.ts';
import { createModelFor } from '../../sim/check/models/registry.ts';
import type { CheckResult } from '../../sim/check/result.ts';
import { detectFormat, parseHistoryText } from '../../sim/formats/detect.ts';
import type { FormatName } from '../../sim/formats/detect.ts';
import { pairOperations } from '../../sim/history.ts';
import type { History, Operation } from '../../sim/history.ts';
import { writeCheckReport } from '../report-writer.ts';
import { parseCheckArgs } from './check-args.ts';
import type { CheckCommand } from './check-args.ts';
import { checkText } from './check-text.ts';

/**
 * `npm run check -- FILE --model NAME …`: reads a history file, checks it for linearizability
 * and prints the verdict, per-part statistics and, on failure, the evidence. Exit 0 linearizable,
 * 1 not, 3 unknown, 64 bad input (one line on stderr, never a stack trace).
 *
 * Everything a renderer needs is in `CheckRun`; an output such as `--out report.html` is one more
 * option in check-args.ts and one call here that writes `render(run)` to the file.
 */
export interface CheckRun {
  readonly file: string;
  readonly format: FormatName;
  readonly model: string;
  readonly history: History;
  readonly operations: readonly Operation[];
  readonly result: CheckResult<LinearizabilityEvidence>;
  readonly parseMs: number;
  readonly checkMs: number;
}

const EXIT_USAGE = 64;

export function exitCodeOf(result: CheckResult): 0 | 1 | 3 {
  return result.valid === true ? 0 : result.valid === false ? 1 : 3;
}

/** Runs the check a command asks for; a string is a one-line message about bad input. */
export function runCheck(command: Extract<CheckCommand, { kind: 'check' }>): CheckRun | string {
  let text: string;
  try {
    text = readFileSync(command.file, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    return `cannot read ${command.file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (code ?? 'unreadable')}`;
  }
  const format = command.format ?? detectFormat(text);
  const parseStart = performance.now();
  const parsed = parseHistoryText(text, format);
  if (!parsed.ok) return `${command.file}:${parsed.error.line}: ${parsed.error.message} (read as ${format}; use --format to choose another)`;
  const paired = pairOperations(parsed.value.history);
  if (!paired.ok) return `${command.file}:${parsed.value.lines[paired.error.index] ?? 1}: ${paired.error.message}`;
  const parseMs = performance.now() - parseStart;
  const model = createModelFor(command.model, paired.operations, command.absent !== undefined ? { absentValue: command.absent } : {});
  const checkStart = performance.now();
  const result = checkOperations(paired.operations, {
    model,
    split: !command.unsplit,
    allParts: command.allParts,
    budget: { nowMs: () => performance.now(), ...(command.budgetMs !== undefined ? { timeMsMax: command.budgetMs } : {}) },
  });
  return {
    file: command.file,
    format,
    model: command.model,
    history: parsed.value.history,
    operations: paired.operations,
    result,
    parseMs,
    checkMs: performance.now() - checkStart,
  };
}

/** The whole CLI: arguments in, text out, an exit code back. */
export function checkCli(argv: readonly string[], out: { readonly stdout: (text: string) => void; readonly stderr: (text: string) => void }): number {
  const parsed = parseCheckArgs(argv);
  if (!parsed.ok) {
    out.stderr(parsed.error);
    return EXIT_USAGE;
  }
  if (parsed.command.kind === 'help') {
    out.stdout(parsed.command.text);
    return 0;
  }
  const run = runCheck(parsed.command);
  if (typeof run === 'string') {
    out.stderr(run);
    return EXIT_USAGE;
  }
  if (parsed.command.json) {
    const { file, format, model, result, parseMs, checkMs } = run;
    out.stdout(JSON.stringify({ file, format, model, operations: run.operations.length, parseMs, checkMs, result }));
  } else {
    out.stdout(checkText(run));
  }
  if (parsed.command.out !== undefined) {
    const written = writeReport(parsed.command, run, parsed.command.out);
    if (written !== undefined) {
      out.stderr(written);
      return EXIT_USAGE;
    }
    if (!parsed.command.json) out.stdout(`report: ${parsed.command.out}`);
  }
  return exitCodeOf(run.result);
}

/** Writes the HTML report and its companions; returns a one-line message when that fails. */
function writeReport(command: Extract<CheckCommand, { kind: 'check' }>, run: CheckRun, out: string): string | undefined {
  const flags = [
    `--model ${command.model}`,
    ...(command.format !== undefined ? [`--format ${command.format}`] : []),
    ...(command.unsplit ? ['--unsplit'] : []),
    ...(command.absent !== undefined ? [`--absent ${command.absent === null ? 'nil' : 'empty'}`] : []),
  ];
  const file = /^[\w./-]+$/.test(run.file) ? run.file : `'${run.file.replace(/'/g, `'\\''`)}'`;
  try {
    writeCheckReport({ out, source: run.file, model: run.model, history: run.history, operations: run.operations, result: run.result, command: `npm run check -- ${file} ${flags.join(' ')}` });
    return undefined;
  } catch (error) {
    return `cannot write the report to '${out}': ${(error as Error).message}; choose another path with --out`;
  }
}
