import { describe, expect, it } from 'vitest';
import { checkOperations } from '../../sim/check/linearizability.ts';
import { createKvModel } from '../../sim/check/models/kv.ts';
import { porcupineFiles, porcupineOperations } from './porcupine-data.ts';

/**
 * Acceptance 1 of issue 3, the hard half: the whole map as one object (state = the map). The
 * c50 files are out of reach of a plain Wing–Gong search (and of Porcupine) unsplit; the search
 * decides them by trying only the blocking key's operations, backjumping over other keys'
 * choices and remembering each key's dead ends (see PartSearch).
 */
describe('Porcupine kv histories, unsplit', () => {
  for (const file of porcupineFiles) {
    it(`${file.name} is ${file.linearizable ? '' : 'not '}linearizable as one map`, () => {
      const result = checkOperations(porcupineOperations(file.name), { model: createKvModel({ absentValue: '' }), split: false });
      expect(result.valid).toBe(file.linearizable);
      expect(result.evidence?.split).toBe(false);
      const parts = result.evidence?.parts ?? [];
      expect(parts.map((part) => part.label)).toEqual(['all']);
      if (file.linearizable) return;
      // The refutation rests on one key; the explanation shows that key's operations alone.
      const failure = parts[0]!.failure!;
      expect(failure.explanation[0]).toMatch(/^all, footprint "\d" alone: /);
      expect(failure.candidates.some((candidate) => candidate.operation === failure.blockedOperation)).toBe(true);
    }, 60_000);
  }

  it('ends c50-bad unknown, with its limit, when the budget is too small for it', () => {
    const check = (budget: { configurationsMax?: number; cacheBytesMax?: number }) =>
      checkOperations(porcupineOperations('c50-bad'), { model: createKvModel({ absentValue: '' }), split: false, budget }).evidence!.parts[0]!;
    const byConfigurations = check({ configurationsMax: 20_000 });
    expect(byConfigurations.valid).toBe('unknown');
    expect(byConfigurations.unknown?.limit).toBe('configurations');
    expect(byConfigurations.statistics.configurations).toBe(20_001);
    const byMemory = check({ cacheBytesMax: 1 << 20 });
    expect(byMemory.valid).toBe('unknown');
    expect(byMemory.unknown?.limit).toBe('memory');
  });
});
