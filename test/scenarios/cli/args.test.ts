import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../../scenarios/cli/args.ts';

describe('CLI argument parsing', () => {
  it('parses a run with every option', () => {
    expect(parseArgs(['ping', '--seed', '42', '--set', 'ping.nodes=3', '--set', 'chaosUs=5', '--faults', 'p.json', '--json', '--check-determinism', '--out', 'o'])).toEqual({
      ok: true,
      command: {
        kind: 'run',
        scenario: 'ping',
        seed: 42,
        sets: [
          { key: 'ping.nodes', text: '3' },
          { key: 'chaosUs', text: '5' },
        ],
        faultsPath: 'p.json',
        json: true,
        checkDeterminism: true,
        outDir: 'o',
        report: true,
      },
    });
  });

  it('writes the report unless --no-report', () => {
    expect(parseArgs(['ping'])).toMatchObject({ ok: true, command: { report: true } });
    expect(parseArgs(['ping', '--no-report'])).toMatchObject({ ok: true, command: { report: false } });
    expect(parseArgs(['--help'])).toMatchObject({ command: { text: expect.stringContaining('--no-report') as unknown } });
  });

  it('keeps a value that contains "="', () => {
    expect(parseArgs(['ping', '--set', 'a.b=x=y'])).toMatchObject({ ok: true, command: { sets: [{ key: 'a.b', text: 'x=y' }], seed: undefined } });
  });

  it('parses list and help', () => {
    expect(parseArgs(['list'])).toEqual({ ok: true, command: { kind: 'list' } });
    expect(parseArgs(['--help'])).toMatchObject({ ok: true, command: { kind: 'help', text: expect.stringContaining('--check-determinism') as unknown } });
    expect(parseArgs(['--help'])).toMatchObject({ command: { text: expect.stringContaining('--seeds A..B') as unknown } });
  });

  it.each([
    [['ping', '--seed', '-1'], /malformed seed '-1'/],
    [['ping', '--seed', '1.5'], /malformed seed/],
    [['ping', '--seed', '99999999999999999'], /malformed seed/],
    [['ping', '--seed', '1', '--seed', '2'], /--seed given 2 times/],
    [['ping', '--set', 'ping.nodes'], /write --set key=value/],
    [['ping', '--set', '=3'], /write --set key=value/],
    [['ping', '--set'], /--set needs key=value/],
    [['ping', '--json=yes'], /--json takes no value/],
    [['ping', '--report=no'], /--report takes no value/],
    [['ping', '--faults', ''], /--faults needs a file name/],
    [['ping', 'extra'], /Unknown argument: extra/],
    [['ping', '--sed', '1'], /Unknown argument: sed/],
    [[], /usage: npm run scenario/],
  ])('rejects %j in one line', (argv, message) => {
    const parsed = parseArgs(argv);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error).toMatch(message);
    expect(parsed.error).not.toContain('\n');
  });
});
