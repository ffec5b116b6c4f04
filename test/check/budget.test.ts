import { describe, expect, it } from 'vitest';
import { checkLinearizability } from '../../sim/check/linearizability.ts';
import { createRegisterModel } from '../../sim/check/models/register.ts';
import { historyOf } from './history-builder.ts';
import type { OpSpec } from './history-builder.ts';

/**
 * Acceptance 3 of issue 3: a history built to be hard. Forty writes of distinct values that never
 * complete (info) may each have happened or not, in any order; a final read of a value nobody
 * wrote can only be refuted by trying every subset, which no budget allows.
 */
function hardHistory(): ReturnType<typeof historyOf> {
  const writes: OpSpec[] = Array.from({ length: 40 }, (_, i) => ({ process: i, f: 'write', input: i, outcome: 'info', invokeAt: i, completeAt: i + 1 }));
  const read: OpSpec = { process: 100, f: 'read', input: null, output: 999, outcome: 'ok', invokeAt: 100, completeAt: 101 };
  return historyOf([...writes, read]);
}

describe('search budget', () => {
  it('ends a hard history in unknown when the configuration budget runs out, with statistics', () => {
    const result = checkLinearizability(hardHistory(), { model: createRegisterModel(), budget: { configurationsMax: 20_000 } });
    expect(result.valid).toBe('unknown');
    expect(result.summary).toMatch(/^unknown/);
    const part = result.evidence!.parts[0]!;
    expect(part.unknown?.limit).toBe('configurations');
    expect(part.statistics.configurations).toBeGreaterThan(20_000);
    expect(part.statistics.configurations).toBeLessThan(20_100);
    expect(part.statistics.attempts).toBeGreaterThan(part.statistics.configurations);
    expect(part.statistics.backtracks).toBeGreaterThan(0);
    expect(part.unknown?.prefix.length).toBe(part.statistics.deepestPrefix);
  });

  it('ends it in unknown when the time budget runs out, reading only the clock it is given', () => {
    let nowMs = 0;
    const clock = () => (nowMs += 1);
    const result = checkLinearizability(hardHistory(), { model: createRegisterModel(), budget: { timeMsMax: 5, nowMs: clock } });
    expect(result.valid).toBe('unknown');
    expect(result.evidence!.parts[0]!.unknown?.limit).toBe('time');
    expect(result.evidence!.statistics.elapsedMs).toBeGreaterThan(0);
  });

  it('ends it in unknown when the cache memory limit is reached', () => {
    const result = checkLinearizability(hardHistory(), { model: createRegisterModel(), budget: { cacheBytesMax: 1 << 20 } });
    expect(result.valid).toBe('unknown');
    expect(result.evidence!.parts[0]!.unknown?.limit).toBe('memory');
  });

  it('decides a sequential history of 100,000 operations without running out of memory', () => {
    const specs: OpSpec[] = Array.from({ length: 100_000 }, (_, i) =>
      i % 2 === 0
        ? { process: 0, f: 'write', input: i, outcome: 'ok', invokeAt: 2 * i, completeAt: 2 * i + 1 }
        : { process: 0, f: 'read', input: null, output: i - 1, outcome: 'ok', invokeAt: 2 * i, completeAt: 2 * i + 1 },
    );
    const result = checkLinearizability(historyOf(specs), { model: createRegisterModel() });
    expect(result.valid).toBe(true);
    expect(result.evidence!.statistics.configurations).toBe(100_000);
  });
});
