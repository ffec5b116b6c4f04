import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkCli } from '../../../scenarios/cli/check-command.ts';
import { porcupinePath } from '../../check/porcupine-data.ts';

function cli(...argv: string[]): { code: number; stdout: string; stderr: string } {
  const out = { stdout: '', stderr: '' };
  const code = checkCli(argv, { stdout: (text) => (out.stdout += `${text}\n`), stderr: (text) => (out.stderr += `${text}\n`) });
  return { code, ...out };
}

const work = mkdtempSync(join(tmpdir(), 'faultline-check-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function tempFile(name: string, text: string): string {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
}

describe('npm run check', () => {
  it('exits 0 on a linearizable history and prints the verdict and per-part statistics', () => {
    const run = cli(porcupinePath('c01-ok'), '--model', 'kv');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/verdict: linearizable/);
    expect(run.stdout).toMatch(/split into 10 part\(s\)/);
    expect(run.stdout).toMatch(/key "0" +\d+ +true/);
    expect(run.stderr).toBe('');
  });

  it('exits 1 on a non-linearizable one and explains the failure in words', () => {
    const run = cli(porcupinePath('c01-bad'), '--model', 'kv', '--unsplit');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/verdict: NOT linearizable/);
    expect(run.stdout).toMatch(/checked as one object/);
    expect(run.stdout).toMatch(/all: footprint search, [1-9]\d* backjump\(s\) past unrelated keys/);
    expect(run.stdout).toMatch(/rejected: get of key "7" returned/);
  });

  it('prints one JSON object with --json', () => {
    const run = cli(porcupinePath('c01-bad'), '--model', 'kv', '--json');
    const parsed = JSON.parse(run.stdout) as { result: { valid: unknown; evidence: { parts: { valid: unknown }[] } }; operations: number };
    expect(parsed.result.valid).toBe(false);
    expect(parsed.operations).toBe(38);
    expect(parsed.result.evidence.parts.some((part) => part.valid === false)).toBe(true);
  });

  it('exits 3 when the time budget runs out', () => {
    const writes = Array.from({ length: 40 }, (_, i) => `INFO  jepsen.util - ${i}\t:invoke\t:write\t${i}`);
    const path = tempFile('hard.log', [...writes, 'INFO  jepsen.util - 99\t:invoke\t:read\tnil', 'INFO  jepsen.util - 99\t:ok\t:read\t999'].join('\n'));
    const run = cli(path, '--model', 'register', '--budget-ms', '200');
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/verdict: unknown/);
    expect(run.stdout).toMatch(/the time limit was reached/);
  });

  it('reads a jepsen.util log of a cas register', () => {
    const path = tempFile('etcd.log', ['INFO  jepsen.util - 0\t:invoke\t:write\t1', 'INFO  jepsen.util - 0\t:ok\t:write\t1', 'INFO  jepsen.util - 1\t:invoke\t:cas\t[1 2]', 'INFO  jepsen.util - 1\t:ok\t:cas\t[1 2]', 'INFO  jepsen.util - 0\t:invoke\t:read\tnil', 'INFO  jepsen.util - 0\t:ok\t:read\t1'].join('\n'));
    const run = cli(path, '--model', 'cas-register');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/read as jepsen-log/);
    expect(run.stdout).toMatch(/rejected: read returned 1 but the value was 2/);
  });

  it('exits 64 with one line on bad input, never a stack trace', () => {
    const badEdn = tempFile('bad.edn', '{:process 0, :type :invoke, :f :read, :value nil}\n{:process 0, :type :oops, :f :read}\n');
    const cases: [string[], RegExp][] = [
      [[], /no history file|Not enough|usage/],
      [[porcupinePath('c01-ok')], /--model is required/],
      [[porcupinePath('c01-ok'), '--model', 'nope'], /Invalid values|Choices/],
      [['/no/such/file.edn', '--model', 'kv'], /cannot read \/no\/such\/file.edn: no such file/],
      [[badEdn, '--model', 'kv'], /bad.edn:2: :type must be one of/],
      [[porcupinePath('c01-ok'), '--model', 'kv', '--budget-ms', '-5'], /--budget-ms needs a positive number/],
      [[porcupinePath('c01-ok'), '--model', 'kv', '--bogus'], /Unknown argument/],
    ];
    for (const [argv, message] of cases) {
      const run = cli(...argv);
      expect(run.code, argv.join(' ')).toBe(64);
      expect(run.stderr.trimEnd().split('\n'), argv.join(' ')).toHaveLength(1);
      expect(run.stderr, argv.join(' ')).toMatch(message);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
