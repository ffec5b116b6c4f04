import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../../sim/run-record.ts';
import { runText } from '../../../scenarios/cli/output.ts';

const base: RunRecord = {
  scenario: 'kv-partition',
  seed: 42,
  options: { 'kv.nodes': 5, 'nemesis.kinds': 'crash' },
  drawn: { 'nemesis.kinds': 'crash' },
  faultPlan: { steps: [{ atUs: 5, fault: { kind: 'crash', node: 'n1' } }] },
  history: [],
  checks: [{ checker: 'linearizable', valid: false, summary: 'op #3 cannot be linearized' }],
  traceHash: '0123456789abcdef',
  events: 10,
  simulatedUs: 99,
  stop: { reason: 'done', pending: [] },
  nodes: ['n1'],
  faultWindows: [],
  nodeEvents: [],
  messages: { sent: 0, delivered: 0, dropped: 0, duplicated: 0, corrupted: 0 },
  exitCode: 1,
  replayCommand: 'npm run scenario -- kv-partition --seed 42',
};

describe('run text', () => {
  it('prints the seed and the drawn options first, then plan, checks, hash, paths, exit and replay', () => {
    expect(runText({ record: base, seedNote: undefined, paths: { reportPath: 'r.html', faultsPath: 'f.json' }, determinism: undefined, exitCode: 1 })).toEqual([
      'seed 42',
      'drawn from the seed: nemesis.kinds=crash',
      'options: kv.nodes=5',
      'faults: 1 step:',
      '  @5us crash {"node":"n1"}',
      'FAIL linearizable: op #3 cannot be linearized',
      'trace hash 0123456789abcdef (10 events, 99us simulated, stopped: done)',
      'report: r.html',
      'faults: f.json',
      'exit 1: a safety check failed',
      'replay: npm run scenario -- kv-partition --seed 42',
    ]);
  });

  it('says so instead of a report path when the run wrote none (--no-report)', () => {
    const lines = runText({ record: base, seedNote: undefined, paths: { faultsPath: 'f.json' }, determinism: undefined, exitCode: 1 });
    expect(lines).toContain('report: none (--no-report)');
    expect(lines).toContain('faults: f.json');
  });

  it('names a crash of the simulation with its error, and a failed determinism check', () => {
    const crashed: RunRecord = { ...base, checks: [], stop: { reason: 'crashed', pending: [], error: 'SimulationAssertionError: boom (at sim/x.ts:3)' }, exitCode: 4 };
    const lines = runText({ record: crashed, seedNote: undefined, paths: undefined, determinism: { deterministic: false, summary: 'nondeterminism: #7 a | #7 b' }, exitCode: 4 });
    expect(lines).toContain('CRASH at 99us: SimulationAssertionError: boom (at sim/x.ts:3)');
    expect(lines).toContain('determinism: FAILED, nondeterminism: #7 a | #7 b');
    expect(lines.at(-1)).toBe('replay: npm run scenario -- kv-partition --seed 42');
  });
});
