import { describe, expect, it } from 'vitest';
import { oneLine, parseWithYargs } from '../../../scenarios/cli/yargs-parse.ts';

const parse = (argv: string[]): ReturnType<typeof parseWithYargs> =>
  parseWithYargs({ argv, scriptName: 'tool --', usage: 'tool -- FILE [--n N]', declare: (parser) => parser.command('$0 <file>', 'do it').option('n', { type: 'number', describe: 'how many' }) });

describe('parseWithYargs', () => {
  it('returns the arguments', () => {
    expect(parse(['a.txt', '--n', '3'])).toMatchObject({ kind: 'parsed', parsed: { file: 'a.txt', n: 3 } });
  });

  it('answers --help and -h with the generated help instead of printing or exiting', () => {
    for (const flag of ['--help', '-h']) {
      const outcome = parse([flag]);
      expect(outcome.kind).toBe('help');
      if (outcome.kind === 'help') expect(outcome.text).toMatch(/^tool -- FILE \[--n N\][\s\S]*-n +how many[\s\S]*-h, --help +show this help/);
    }
  });

  it('turns unknown flags and missing arguments into one line ending with the usage', () => {
    for (const argv of [['a.txt', '--m', '1'], []]) {
      const outcome = parse(argv);
      expect(outcome.kind).toBe('error');
      if (outcome.kind === 'error') expect(outcome.error).toMatch(/^[^\n]+; usage: tool -- FILE \[--n N\]$/);
    }
  });

  it('folds white space into one line', () => {
    expect(oneLine('  a\n  b\tc ')).toBe('a b c');
  });
});
