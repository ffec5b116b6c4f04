import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { linearizationFault } from '../../sim/check/linearization-check.ts';
import { checkOperations } from '../../sim/check/linearizability.ts';
import type { Model } from '../../sim/check/model.ts';
import { createKvModel } from '../../sim/check/models/kv.ts';
import type { KvState } from '../../sim/check/models/kv.ts';
import { PartSearch } from '../../sim/check/search.ts';
import type { Value } from '../../sim/history.ts';
import { bruteForceLinearizable } from './brute-force.ts';
import { assignProcesses, historyOf, operationsOf } from './history-builder.ts';
import type { OpSpec } from './history-builder.ts';

/**
 * The unsplit search of a map tries only the operations of the key that blocks progress,
 * backtracks past other keys' choices when a failure cannot depend on them, and remembers each
 * key's dead ends (Model.footprint, footprintKey). Each of those is a claim about all orders it
 * skips; these properties check the verdicts against a brute force on small histories and
 * against the per-key (split) verdict on larger ones, with several keys that interleave closely.
 */
const kv = () => createKvModel({ absentValue: '' });
/** The same model without per-key dead ends, so backjumping and the cache's blame stand alone. */
const kvWithoutNogoods = (): Model<KvState> => {
  const { footprintKey: _, ...model } = kv();
  return model;
};
const keys = ['a', 'b', 'c'] as const;

/** Operations with random results on three keys, overlapping heavily: many verdicts of both kinds. */
const randomOp = fc
  .record({
    f: fc.constantFrom('get', 'get', 'append', 'append', 'put', 'cas', 'delete'),
    key: fc.constantFrom(...keys),
    text: fc.constantFrom('x', 'y'),
    read: fc.constantFrom('', 'x', 'y', 'xy', 'yx', 'xx'),
    outcome: fc.constantFrom<'ok' | 'info' | 'fail'>('ok', 'ok', 'ok', 'ok', 'info', 'fail'),
    invokeAt: fc.integer({ min: 0, max: 20 }),
    length: fc.integer({ min: 0, max: 15 }),
  })
  .map(
    (r): Omit<OpSpec, 'process'> => ({
      f: r.f,
      key: r.key,
      input: r.f === 'get' || r.f === 'delete' ? null : r.f === 'cas' ? [r.read, r.text] : r.text,
      output: r.f === 'get' ? r.read : null,
      outcome: r.f === 'get' && r.outcome === 'fail' ? 'ok' : r.outcome,
      invokeAt: r.invokeAt,
      completeAt: r.invokeAt + 1 + r.length,
    }),
  );

/**
 * A real sequential run on two to five keys (operation i takes effect at 10·i, its span reaching up to
 * 40 either side), where some reads then report a value their key held at another moment: a
 * stale or early read, the kind of fault that is found only after other keys' choices.
 */
const perturbedRun = fc
  .record({
    steps: fc.array(
      fc.record({
        f: fc.constantFrom('get', 'get', 'append', 'append', 'put'),
        key: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
        text: fc.constantFrom('x', 'y', 'z'),
        before: fc.integer({ min: 0, max: 40 }),
        after: fc.integer({ min: 0, max: 40 }),
        info: fc.boolean(),
      }),
      { minLength: 12, maxLength: 20 },
    ),
    keyCount: fc.integer({ min: 2, max: 5 }),
    stale: fc.array(fc.record({ read: fc.nat(), moment: fc.nat() }), { maxLength: 2 }),
  })
  .map(({ steps, keyCount, stale }) => {
    const values = new Map<string, string>();
    const seen = new Map<string, string[]>();
    const specs = steps.map((raw, i): Omit<OpSpec, 'process'> => {
      const step = { ...raw, key: String.fromCharCode(97 + ((raw.key.charCodeAt(0) - 97) % keyCount)) };
      if (!seen.has(step.key)) seen.set(step.key, ['']);
      const current = values.get(step.key) ?? '';
      if (step.f === 'put') values.set(step.key, step.text);
      if (step.f === 'append') values.set(step.key, current + step.text);
      seen.get(step.key)!.push(values.get(step.key) ?? '');
      const isRead = step.f === 'get';
      return {
        f: step.f,
        key: step.key,
        input: isRead ? null : step.text,
        output: isRead ? current : step.text,
        outcome: !isRead && step.info && i % 3 === 0 ? 'info' : 'ok',
        invokeAt: 10 * i - step.before,
        completeAt: 10 * i + 1 + step.after,
      };
    });
    const reads = specs.map((spec, i) => (spec.f === 'get' ? i : -1)).filter((i) => i >= 0);
    for (const change of stale) {
      if (reads.length === 0) break;
      const target = reads[change.read % reads.length]!;
      const history = seen.get(specs[target]!.key!)!;
      specs[target] = { ...specs[target]!, output: history[change.moment % history.length]! as Value };
    }
    return specs;
  });

describe('footprint reduction of the unsplit search', () => {
  it('agrees with a brute-force checker on random three-key histories of up to 8 operations', () => {
    const seen = { linearizable: 0, not: 0 };
    fc.assert(
      fc.property(fc.array(randomOp, { minLength: 2, maxLength: 8 }), (ops) => {
        const operations = operationsOf(historyOf(assignProcesses(ops)));
        const expected = bruteForceLinearizable(kv(), operations);
        seen[expected ? 'linearizable' : 'not']++;
        expect(checkOperations(operations, { model: kv(), split: false }).valid).toBe(expected);
        expect(checkOperations(operations, { model: kvWithoutNogoods(), split: false }).valid).toBe(expected);
      }),
      { seed: 7, numRuns: 2500 },
    );
    expect(seen.linearizable).toBeGreaterThan(300);
    expect(seen.not).toBeGreaterThan(300);
  });

  it('gives the per-key verdict on perturbed runs of 12 to 20 operations on two to five keys', () => {
    const seen = { linearizable: 0, not: 0 };
    const budget = { configurationsMax: 200_000 };
    fc.assert(
      fc.property(perturbedRun, (specs) => {
        const operations = operationsOf(historyOf(assignProcesses(specs)));
        const split = checkOperations(operations, { model: kv(), split: true, budget }).valid;
        const unsplit = checkOperations(operations, { model: kv(), split: false, budget }).valid;
        const withoutNogoods = checkOperations(operations, { model: kvWithoutNogoods(), split: false, budget }).valid;
        if (split === 'unknown') return;
        seen[split ? 'linearizable' : 'not']++;
        if (unsplit !== 'unknown') expect(unsplit).toBe(split);
        if (withoutNogoods !== 'unknown') expect(withoutNogoods).toBe(split);
      }),
      { seed: 11, numRuns: 1000 },
    );
    expect(seen.linearizable).toBeGreaterThan(100);
    expect(seen.not).toBeGreaterThan(100);
  });

  it('pauses and resumes without changing anything', () => {
    const limits = { configurationsMax: 200_000, cacheBytesMax: 1 << 24, statesMax: 100_000 };
    fc.assert(
      fc.property(perturbedRun, fc.integer({ min: 1, max: 9 }), (specs, turn) => {
        const operations = operationsOf(historyOf(assignProcesses(specs))).filter((op) => op.outcome !== 'fail');
        const whole = new PartSearch({ model: kv(), operations, limits });
        whole.run(Number.POSITIVE_INFINITY);
        const inTurns = new PartSearch({ model: kv(), operations, limits });
        for (let turns = 0; !inTurns.run(turn); turns++) expect(turns).toBeLessThan(1_000_000);
        expect(inTurns.outcome()).toEqual(whole.outcome());
      }),
      { seed: 13, numRuns: 300 },
    );
  });

  it('explains an unsplit failure by the one key it comes from', () => {
    // Key b is broken (a read sees an append that completed after the read); a's operations
    // interleave with b's and are fine.
    const specs: OpSpec[] = [
      { process: 0, f: 'append', key: 'a', input: 'x', outcome: 'ok', invokeAt: 0, completeAt: 10 },
      { process: 1, f: 'append', key: 'b', input: 'y', outcome: 'ok', invokeAt: 1, completeAt: 3 },
      { process: 2, f: 'get', key: 'a', input: null, output: 'x', outcome: 'ok', invokeAt: 2, completeAt: 12 },
      { process: 3, f: 'get', key: 'b', input: null, output: 'yz', outcome: 'ok', invokeAt: 4, completeAt: 5 },
      { process: 1, f: 'append', key: 'b', input: 'z', outcome: 'ok', invokeAt: 6, completeAt: 7 },
    ];
    const result = checkOperations(operationsOf(historyOf(specs)), { model: kv(), split: false });
    expect(result.valid).toBe(false);
    const failure = result.evidence!.parts[0]!.failure!;
    expect(failure.explanation[0]).toMatch(/^all, footprint "b" alone: /);
    expect(failure.stateAfterPrefix).toEqual({ b: 'y' });
    expect(failure.candidates.find((candidate) => candidate.operation === failure.blockedOperation)?.outcome).toBe('rejected');
  });
});

describe('linearizationFault', () => {
  const specs: OpSpec[] = [
    { process: 0, f: 'put', key: 'a', input: 'x', outcome: 'ok', invokeAt: 0, completeAt: 1 },
    { process: 1, f: 'get', key: 'a', input: null, output: 'x', outcome: 'ok', invokeAt: 2, completeAt: 3 },
    { process: 2, f: 'append', key: 'b', input: 'y', outcome: 'info', invokeAt: 0, completeAt: 1 },
    { process: 3, f: 'delete', key: 'c', input: null, outcome: 'ok', invokeAt: 4, completeAt: 5 },
  ];
  const operations = operationsOf(historyOf(specs));
  const fault = (order: number[]) => linearizationFault({ model: kv(), operations, order });
  const put = operations.findIndex((op) => op.f === 'put');
  const get = operations.findIndex((op) => op.f === 'get');
  const append = operations.findIndex((op) => op.f === 'append');
  const remove = operations.findIndex((op) => op.f === 'delete');

  it('accepts a true linearization, with or without an info operation', () => {
    expect(fault([put, get, remove])).toBeUndefined();
    expect(fault([put, append, get, remove])).toBeUndefined();
  });

  it('names what is wrong with a false one', () => {
    expect(fault([put, get])).toMatch(/missing/);
    expect(fault([remove, put, get])).toMatch(/invoked after it completed/);
    expect(fault([put, put, get, remove])).toMatch(/twice/);
    const misread = operationsOf(historyOf(specs.map((spec, i) => (i === 1 ? { ...spec, output: 'z' } : spec))));
    expect(linearizationFault({ model: kv(), operations: misread, order: [put, get, remove] })).toMatch(/rejects/);
  });
});
