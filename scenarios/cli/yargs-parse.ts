import yargs from 'yargs';
import type { Argv } from 'yargs';

/**
 * yargs set up the way both command lines (`npm run scenario`, `npm run check`) need it: strict,
 * no version flag, `--help`/`-h` answered with the generated help instead of printing, and never
 * exiting the process or printing on bad input — that comes back as one line for the CLI to print
 * with exit 64.
 */

/** What yargs made of a command line: the help asked for, a one-line error, or the arguments. */
export type YargsOutcome =
  | { readonly kind: 'help'; readonly text: string }
  | { readonly kind: 'error'; readonly error: string }
  | { readonly kind: 'parsed'; readonly parsed: Readonly<Record<string, unknown>> & { readonly _: readonly (string | number)[] } };

/** Parses `argv` with the commands and options `declare` adds; an error message ends with the usage line. */
export function parseWithYargs(o: { argv: readonly string[]; scriptName: string; usage: string; declare: (parser: Argv) => Argv }): YargsOutcome {
  let failure: string | undefined;
  const parser = o
    .declare(yargs([...o.argv]).scriptName(o.scriptName).usage(o.usage))
    .strict()
    .version(false)
    .help(false)
    .option('help', { type: 'boolean', describe: 'show this help', alias: 'h' })
    .exitProcess(false)
    .fail((message: string | undefined, error: Error | undefined) => {
      failure = message ?? error?.message ?? 'bad arguments';
    });
  const parsed = parser.parseSync();
  if (parsed['help'] === true) {
    let text = o.usage;
    parser.showHelp((help: string) => {
      text = help;
    });
    return { kind: 'help', text };
  }
  if (failure !== undefined) return { kind: 'error', error: `${oneLine(failure)}; usage: ${o.usage}` };
  return { kind: 'parsed', parsed };
}

/** Folds a message's white space (yargs' messages span lines) into one line. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
