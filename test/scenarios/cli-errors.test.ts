import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from './spawn-cli.ts';
import type { Outcome } from './spawn-cli.ts';

/**
 * Bad input as a user meets it, with the CLI spawned: one line on stderr, exit 64, no stack
 * trace. Further argument errors are covered in-process by cli/args.test.ts.
 */

const work = mkdtempSync(join(tmpdir(), 'faultline-cli-errors-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const badPlan = join(work, 'bad-plan.json');
writeFileSync(badPlan, JSON.stringify({ steps: [{ atUs: 1000, fault: { kind: 'crash', node: 'n1' } }, { atUs: 2000, fault: { kind: 'crash', node: 'n9' } }] }));
const notJson = join(work, 'not-json.json');
writeFileSync(notJson, '{ "steps": [\n');

const badInputs: { name: string; args: string[]; message: RegExp }[] = [
  { name: 'unknown scenario', args: ['pong', '--seed', '1'], message: /unknown scenario 'pong'; known: ping/ },
  { name: 'malformed seed', args: ['ping', '--seed', '4x2'], message: /malformed seed '4x2'/ },
  { name: 'unknown --set key', args: ['ping', '--seed', '1', '--set', 'ping.speed=3'], message: /unknown option 'ping.speed'; valid keys: ping.nodes, .*chaosUs/ },
  { name: 'bad --set value type', args: ['ping', '--seed', '1', '--set', 'ping.nodes=many'], message: /ping.nodes expects an integer/ },
  { name: 'missing --faults file', args: ['ping', '--seed', '1', '--faults', join(work, 'nope.json')], message: /cannot read --faults file .*no such file/ },
  { name: '--faults not JSON', args: ['ping', '--seed', '1', '--faults', notJson], message: /is not valid JSON/ },
  { name: 'invalid plan', args: ['ping', '--seed', '1', '--faults', badPlan], message: /step 2 \(atUs 2000\): .*unknown node "n9"/ },
  { name: 'unknown flag', args: ['ping', '--seed', '1', '--sed', '2'], message: /Unknown argument/ },
];

describe('CLI bad input: one line, exit 64, no stack trace', () => {
  const outcomes = Promise.all(badInputs.map((input) => cli([...input.args, '--out', work])));

  it.each(badInputs.map((input, i) => [input.name, i] as const))('%s', async (_name, i) => {
    const input = badInputs[i] as (typeof badInputs)[number];
    const outcome = (await outcomes)[i] as Outcome;
    expect(outcome.code).toBe(64);
    expect(outcome.stdout).toBe('');
    const lines = outcome.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^error: /);
    expect(lines[0]).toMatch(input.message);
    expect(outcome.stderr).not.toMatch(/\n\s+at /);
  });
});

