import { modelNames } from '../../sim/check/models/registry.ts';
import type { ModelName } from '../../sim/check/models/registry.ts';
import { formatNames } from '../../sim/formats/detect.ts';
import type { FormatName } from '../../sim/formats/detect.ts';
import { parseWithYargs } from './yargs-parse.ts';

/**
 * The command line of `npm run check`, parsed into a plain command. Parsing never exits and never
 * prints: bad input comes back as a one-line error for the CLI to print with exit 64.
 */
export type CheckCommand =
  | { readonly kind: 'help'; readonly text: string }
  | {
      readonly kind: 'check';
      readonly file: string;
      readonly model: ModelName;
      /** Undefined: detected from the text. */
      readonly format: FormatName | undefined;
      readonly budgetMs: number | undefined;
      readonly json: boolean;
      /** Check the model's object whole instead of per part (e.g. the kv map instead of per key). */
      readonly unsplit: boolean;
      /** Finish every part even after one fails. */
      readonly allParts: boolean;
      /** kv only: what an absent key reads as; undefined = inferred from the history. */
      readonly absent: null | '' | undefined;
      /** Where to write the HTML report (companions beside it); undefined: no report. */
      readonly out: string | undefined;
    };

export const CHECK_USAGE = `npm run check -- FILE --model ${modelNames.join('|')} [--format ${formatNames.join('|')}] [--budget-ms N] [--json] [--unsplit] [--all-parts] [--absent nil|empty] [--out report.html]`;

export function parseCheckArgs(argv: readonly string[]): { ok: true; command: CheckCommand } | { ok: false; error: string } {
  const outcome = parseWithYargs({
    argv,
    scriptName: 'npm run check --',
    usage: CHECK_USAGE,
    declare: (parser) =>
      parser
        .command('$0 <file>', 'check that a history is linearizable')
        .option('model', { type: 'string', choices: modelNames, describe: 'the sequential model to check against' })
        .option('format', { type: 'string', choices: formatNames, describe: 'the history format; default: detected' })
        .option('budget-ms', { type: 'number', describe: 'give up with verdict unknown (exit 3) after this many milliseconds' })
        .option('json', { type: 'boolean', default: false, describe: 'print one JSON object instead of text' })
        .option('unsplit', { type: 'boolean', default: false, describe: 'check the whole object as one (e.g. the kv map), not per key' })
        .option('all-parts', { type: 'boolean', default: false, describe: 'finish every part even after one fails' })
        .option('absent', { type: 'string', choices: ['nil', 'empty'], describe: 'kv: what a never-written key reads as; default: inferred' })
        .option('out', { type: 'string', describe: 'write an HTML report to this file, with results.json, history.edn and history.jsonl beside it' }),
  });
  if (outcome.kind === 'help') return { ok: true, command: { kind: 'help', text: outcome.text } };
  if (outcome.kind === 'error') return { ok: false, error: outcome.error };
  const { parsed } = outcome;
  const file = parsed['file'];
  const model = parsed['model'];
  if (typeof file !== 'string' || file === '') return { ok: false, error: `no history file named; usage: ${CHECK_USAGE}` };
  if (typeof model !== 'string') return { ok: false, error: `--model is required (one of ${modelNames.join(', ')}); usage: ${CHECK_USAGE}` };
  const budgetMs = parsed['budget-ms'];
  if (budgetMs !== undefined && (typeof budgetMs !== 'number' || !Number.isFinite(budgetMs) || budgetMs <= 0)) {
    return { ok: false, error: '--budget-ms needs a positive number of milliseconds, e.g. --budget-ms 5000' };
  }
  const absent = parsed['absent'];
  return {
    ok: true,
    command: {
      kind: 'check',
      file,
      model: model as ModelName,
      format: parsed['format'] as FormatName | undefined,
      budgetMs: budgetMs as number | undefined,
      json: parsed['json'] === true,
      unsplit: parsed['unsplit'] === true,
      allParts: parsed['all-parts'] === true,
      absent: absent === 'nil' ? null : absent === 'empty' ? '' : undefined,
      out: typeof parsed['out'] === 'string' && parsed['out'] !== '' ? parsed['out'] : undefined,
    },
  };
}
