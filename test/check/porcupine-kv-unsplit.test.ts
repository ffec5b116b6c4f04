import { describe, expect, it } from 'vitest';
import { checkOperations } from '../../sim/check/linearizability.ts';
import { createKvModel } from '../../sim/check/models/kv.ts';
import { porcupineOperations } from './porcupine-data.ts';

/**
 * Acceptance 1 of issue 3, the hard half: the whole map as one object (state = the map). c50 is
 * out of reach unsplit (for Porcupine too); it is checked split in porcupine-kv.test.ts.
 */
describe('Porcupine kv histories, unsplit', () => {
  for (const [name, linearizable] of [
    ['c01-ok', true],
    ['c01-bad', false],
    ['c10-ok', true],
    ['c10-bad', false],
  ] as const) {
    it(`${name} is ${linearizable ? '' : 'not '}linearizable as one map`, () => {
      const result = checkOperations(porcupineOperations(name), { model: createKvModel({ absentValue: '' }), split: false });
      expect(result.valid).toBe(linearizable);
      expect(result.evidence?.split).toBe(false);
      expect(result.evidence?.parts.map((part) => part.label)).toEqual(['all']);
    });
  }
});
