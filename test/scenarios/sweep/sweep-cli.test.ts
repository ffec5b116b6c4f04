import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sweepCli } from '../../../scenarios/sweep/sweep-cli.ts';
import { comparableSummary } from '../../../scenarios/sweep/summary.ts';

const dir = mkdtempSync(join(tmpdir(), 'faultline-sweep-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]): Promise<{ code: number | undefined; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await sweepCli(argv, { out: (t) => (out += t), err: (t) => (err += t), isTTY: false, columns: 80 });
  return { code, out, err };
}

const short = ['--set', 'chaosUs=1000000', '--set', 'quietUs=500000'];
const summaryAt = (folder: string): unknown => JSON.parse(readFileSync(join(dir, folder, 'summary.json'), 'utf8'));

describe('sweep CLI', () => {
  it('sweeps, shards and merges ping into the same summary', async () => {
    const full = await cli('ping', '--seeds', '1..6', '--workers', '0', ...short, '--out', join(dir, 'full'));
    expect(full.code).toBe(0);
    expect(full.out).toContain('sweep ping seeds 1..6: 6/6 seeds run');
    expect(existsSync(join(dir, 'full', 'summary.html'))).toBe(true);
    for (const index of [1, 2]) expect((await cli('ping', '--seeds=1..6', `--shard=${index}/2`, '--workers', '0', ...short, '--out', join(dir, `s${index}`))).code).toBe(0);
    const merged = await cli('merge', join(dir, 's1'), join(dir, 's2'), '--out', join(dir, 'merged'));
    expect(merged.code).toBe(0);
    expect(comparableSummary(summaryAt('merged') as never)).toEqual(comparableSummary(summaryAt('full') as never));
  });

  it('prints one JSON object with --json', async () => {
    const run = await cli('ping', '--seeds', '3..4', '--workers', '0', ...short, '--json', '--out', join(dir, 'json'));
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out)).toMatchObject({ scenario: 'ping', counts: { pass: 2 }, exitCode: 0 });
  });

  it('gives a failing seed its run output, with report.html unless --no-report', async () => {
    type Summary = { results: { seed: number; verdict: string; reportPath?: string }[] };
    const seedDir = (out: string): string => join(dir, out, 'seed-42');
    const withReport = await cli('kv-partition', '--seeds', '42..42', '--workers', '0', '--out', join(dir, 'report'));
    expect(withReport.code).toBe(1);
    expect((summaryAt('report') as Summary).results).toEqual([expect.objectContaining({ seed: 42, verdict: 'safety', reportPath: 'seed-42/report.html' })]);
    expect(existsSync(join(seedDir('report'), 'report.html'))).toBe(true);
    const noReport = await cli('kv-partition', '--seeds', '42..42', '--workers', '0', '--no-report', '--out', join(dir, 'no-report'));
    expect(noReport.code).toBe(1);
    const [result] = (summaryAt('no-report') as Summary).results;
    expect(result).toMatchObject({ seed: 42, verdict: 'safety' });
    expect(result?.reportPath).toBeUndefined();
    expect(existsSync(join(seedDir('no-report'), 'run.json'))).toBe(true);
    expect(existsSync(join(seedDir('no-report'), 'faults.json'))).toBe(true);
    expect(existsSync(join(seedDir('no-report'), 'report.html'))).toBe(false);
  });

  it('leaves plain runs to the runner CLI', async () => {
    expect((await cli('ping', '--seed', '3')).code).toBeUndefined();
    expect((await cli('list')).code).toBeUndefined();
  });

  it('answers bad input with one line and exit 64', async () => {
    const cases: [string[], RegExp][] = [
      [['nope', '--seeds', '1..2'], /^error: unknown scenario 'nope'; known: .*ping/],
      [['ping', '--seeds', '1..2', '--set', 'ping.nodes=99'], /^error: option ping\.nodes expects/],
      [['ping', '--shrink'], /^error: --shrink needs the failing seed/],
      [['ping', '--seeds', '1..2', '--check-determinism'], /^error: --check-determinism runs one seed twice/],
      [['ping', '--seeds', '1..2', '--workers', 'many'], /^error: --workers expects an integer/],
      [['ping', '--seeds', '1..2', '--faults', join(dir, 'missing.json')], /^error: fault plan .* does not exist/],
      [['merge'], /^error: merge needs the shard folders/],
      [['merge', 'out/x', '--out'], /^error: --out needs a folder/],
      [['merge', 'out/x', '--shard', '1/2'], /^error: merge takes folders/],
      [['merge', join(dir, 'nothing-here')], /^error: summary .* does not exist/],
      [['ping', '--seed', '42', '--shrink', ...short, '--out', join(dir, 'shrink')], /^error: ping seed 42 passes every check/],
    ];
    for (const [argv, message] of cases) {
      const run = await cli(...argv);
      expect(run.code, argv.join(' ')).toBe(64);
      expect(run.err, argv.join(' ')).toMatch(message);
      expect(run.err.trim().split('\n')).toHaveLength(1);
    }
  });
});
