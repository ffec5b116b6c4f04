import { describe, expect, it } from 'vitest';
import { checkOperations } from '../../sim/check/linearizability.ts';
import { createKvModel, inferAbsentValue } from '../../sim/check/models/kv.ts';
import { porcupineFiles, porcupineOperations } from './porcupine-data.ts';

/** Acceptance 1 of issue 3: every verdict of the README, split per key (unsplit: see -unsplit). */
describe('Porcupine kv histories, split per key', () => {
  for (const file of porcupineFiles) {
    it(`${file.name} is ${file.linearizable ? '' : 'not '}linearizable`, () => {
      const operations = porcupineOperations(file.name);
      expect(inferAbsentValue(operations)).toBe('');
      const result = checkOperations(operations, { model: createKvModel({ absentValue: '' }) });
      expect(result.valid).toBe(file.linearizable);
      expect(result.evidence?.parts.length).toBe(10 - (file.name === 'c01-bad' ? 2 : 0));
      for (const part of result.evidence?.parts ?? []) {
        // A failing part stops the others (they end 'stopped'); otherwise every part is decided.
        if (part.valid === 'unknown') expect(part.unknown?.limit).toBe('stopped');
        if (file.linearizable) expect(part.valid).toBe(true);
        if (part.valid === false) {
          expect(part.failure?.explanation.join('\n')).toContain(`operation #${part.failure?.blockedOperation}`);
          expect(part.failure?.candidates.some((candidate) => candidate.operation === part.failure?.blockedOperation)).toBe(true);
        }
      }
    });
  }

  it('explains c01-bad: a get of key 7 returns an older value than the key held', () => {
    const result = checkOperations(porcupineOperations('c01-bad'), { model: createKvModel({ absentValue: '' }) });
    const failing = result.evidence?.parts.filter((part) => part.valid === false) ?? [];
    expect(failing.map((part) => part.key)).toEqual(['7']);
    const failure = failing[0]!.failure!;
    expect(failure.stateAfterPrefix).toEqual({ '7': 'x 0 0 yx 0 3 y' });
    expect(failure.prefix).toHaveLength(3);
    expect(failure.candidates).toEqual([
      expect.objectContaining({
        operation: failure.blockedOperation,
        outcome: 'rejected',
        reason: expect.objectContaining({ kind: 'read-mismatch', key: '7', expected: 'x 0 0 yx 0 3 y', observed: 'x 0 0 y' }),
      }),
    ]);
  });
  it('gives the same verdicts and search statistics without explaining failures (explainFailures: false)', () => {
    for (const file of porcupineFiles) {
      const operations = porcupineOperations(file.name);
      const explained = checkOperations(operations, { model: createKvModel({ absentValue: '' }) });
      const bare = checkOperations(operations, { model: createKvModel({ absentValue: '' }), explainFailures: false });
      expect(bare.valid).toBe(explained.valid);
      expect(bare.evidence?.parts.map((part) => [part.label, part.valid, part.statistics.attempts])).toEqual(
        explained.evidence?.parts.map((part) => [part.label, part.valid, part.statistics.attempts]),
      );
    }
    // Only the explanation differs: unexplained, c50-bad's stops where read-ahead pruning cut the
    // search (dead ends), explained it reaches the read the model rejects.
    const failureOf = (explainFailures: boolean) =>
      checkOperations(porcupineOperations('c50-bad'), { model: createKvModel({ absentValue: '' }), explainFailures }).evidence?.parts.find((part) => part.valid === false)?.failure;
    expect(failureOf(true)?.candidates.map((candidate) => candidate.outcome)).toEqual(['rejected']);
    expect(failureOf(false)?.candidates.every((candidate) => candidate.outcome === 'dead-end')).toBe(true);
  });
});
