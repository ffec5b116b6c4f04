import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from './spawn-cli.ts';

/** Runs as a user meets them, with the CLI spawned (bad input: cli-errors.test.ts). */

const work = mkdtempSync(join(tmpdir(), 'faultline-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('CLI runs', () => {
  it('ping --seed 42 exits 0 printing seed, options, checker lines, trace hash and the report path', async () => {
    const out = join(work, 'text');
    const { code, stdout, stderr } = await cli(['ping', '--seed', '42', '--out', out]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe('seed 42');
    expect(lines[1]).toBe('drawn from the seed: nothing');
    expect(lines[2]).toMatch(/^options: ping.nodes=5 .*chaosUs=6000000/);
    expect(stdout).toMatch(/^PASS ping-delivery: /m);
    expect(stdout).toMatch(/^PASS ping-durable-count: /m);
    expect(stdout).toMatch(/^trace hash [0-9a-f]{16} \(/m);
    const dir = join(out, 'ping', 'seed-42');
    expect(stdout).toContain(`report: ${join(dir, 'report.html')}`);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/i);
    expect(JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8'))).toMatchObject({ scenario: 'ping', seed: 42, exitCode: 0 });
    expect(JSON.parse(readFileSync(join(dir, 'faults.json'), 'utf8')).steps.length).toBeGreaterThan(0);
    expect(stdout).not.toMatch(/^replay:/m);
  });

  it('--json prints one identical JSON object on every run of a seed', async () => {
    const [a, b] = await Promise.all([cli(['ping', '--seed', '7', '--json', '--out', work]), cli(['ping', '--seed', '7', '--json', '--out', work])]);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout.trimEnd().split('\n')).toHaveLength(1);
    expect(JSON.parse(a.stdout)).toMatchObject({ scenario: 'ping', seed: 7, exitCode: 0, replayCommand: 'npm run scenario -- ping --seed 7' });
  });

  it('--check-determinism passes, --faults replays the realised plan, list names the scenarios, no seed picks one', async () => {
    const [determinism, list, unseeded] = await Promise.all([
      cli(['ping', '--seed', '3', '--check-determinism', '--out', work]),
      cli(['list']),
      cli(['ping', '--set', 'chaosUs=1000000', '--set', 'quietUs=500000', '--out', work]),
    ]);
    expect(determinism.code).toBe(0);
    expect(determinism.stdout).toMatch(/^determinism: two runs gave the same trace hash [0-9a-f]{16}$/m);
    const replay = await cli(['ping', '--seed', '3', '--faults', join(work, 'ping', 'seed-3', 'faults.json'), '--out', work]);
    expect(replay.code).toBe(0);
    const hash = (text: string): string | undefined => /^trace hash (\w+)/m.exec(text)?.[1];
    expect(hash(replay.stdout)).toBe(hash(determinism.stdout));
    expect(existsSync(join(work, 'ping', 'seed-3-replay', 'run.json'))).toBe(true);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^ping: /m);
    expect(list.stdout).toContain('--set ping.nodes (int 2..9, default 5)');
    expect(unseeded.code).toBe(0);
    expect(unseeded.stdout).toMatch(/^seed (\d+) \(none given: picked \1; replay with --seed \1\)$/m);
  });

  it('--no-report writes the run record and the plan but no report.html, and says so', async () => {
    const out = join(work, 'no-report');
    const { code, stdout } = await cli(['ping', '--seed', '42', '--set', 'chaosUs=1000000', '--set', 'quietUs=500000', '--no-report', '--out', out]);
    expect(code).toBe(0);
    const dir = join(out, 'ping', 'seed-42');
    expect(stdout).toMatch(/^report: none \(--no-report\)$/m);
    expect(stdout).toContain(`faults: ${join(dir, 'faults.json')}`);
    expect(existsSync(join(dir, 'report.html'))).toBe(false);
    expect(existsSync(join(dir, 'run.json'))).toBe(true);
    expect(existsSync(join(dir, 'faults.json'))).toBe(true);
  });
});
