import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkLinearizability, checkOperations } from '../../sim/check/linearizability.ts';
import { createCasRegisterModel } from '../../sim/check/models/cas-register.ts';
import { createKvModel } from '../../sim/check/models/kv.ts';
import type { HistoryEvent, Value } from '../../sim/history.ts';
import { bruteForceLinearizable } from './brute-force.ts';
import { assignProcesses, historyOf, operationsOf } from './history-builder.ts';

const small = fc.integer({ min: 0, max: 2 });
const outcome = fc.constantFrom<'ok' | 'info' | 'fail'>('ok', 'ok', 'ok', 'info', 'fail');

/** Random cas-register operations with random results: some histories pass, many do not. */
const randomRegisterOp = fc
  .record({
    kind: fc.constantFrom('read', 'write', 'cas'),
    a: small,
    b: small,
    read: fc.option(small, { nil: null }),
    outcome,
    invokeAt: fc.integer({ min: 0, max: 30 }),
    length: fc.integer({ min: 0, max: 12 }),
  })
  .map((r) => ({
    f: r.kind,
    input: r.kind === 'read' ? null : r.kind === 'write' ? r.a : [r.a, r.b],
    output: r.kind === 'read' ? r.read : null,
    outcome: r.kind === 'read' && r.outcome === 'fail' ? ('ok' as const) : r.outcome,
    invokeAt: r.invokeAt,
    completeAt: r.invokeAt + 1 + r.length,
  }));

const randomRegisterHistory = fc.array(randomRegisterOp, { minLength: 1, maxLength: 7 }).map((ops) => historyOf(assignProcesses(ops)));

/**
 * Random kv operations with random read results over short strings, so appends, puts and reads
 * meet often: exercises the search's read-ahead pruning (a value that is no prefix of an upcoming
 * read) against the brute force, including puts, cas and deletes that reset a value.
 */
const randomKvOp = fc
  .record({
    f: fc.constantFrom('get', 'get', 'append', 'append', 'put', 'cas', 'delete'),
    key: fc.constantFrom('a', 'b'),
    text: fc.constantFrom('x', 'y'),
    read: fc.constantFrom('', 'x', 'y', 'xy', 'yx', 'xx', 'xyx'),
    outcome,
    invokeAt: fc.integer({ min: 0, max: 30 }),
    length: fc.integer({ min: 0, max: 12 }),
  })
  .map((r) => ({
    f: r.f,
    key: r.key,
    input: r.f === 'get' || r.f === 'delete' ? null : r.f === 'cas' ? [r.read, r.text] : r.text,
    output: r.f === 'get' ? r.read : null,
    outcome: r.f === 'get' && r.outcome === 'fail' ? ('ok' as const) : r.outcome,
    invokeAt: r.invokeAt,
    completeAt: r.invokeAt + 1 + r.length,
  }));

const randomKvHistory = fc.array(randomKvOp, { minLength: 1, maxLength: 7 }).map((ops) => historyOf(assignProcesses(ops)));

/**
 * A history built from a real sequential run of kv operations: operation i takes effect at time
 * 10·i and its span reaches up to 25 either side, so neighbours overlap at random.
 */
const sequentialKvHistory = fc
  .array(
    fc.record({
      f: fc.constantFrom('get', 'put', 'append'),
      key: fc.constantFrom('a', 'b'),
      text: fc.constantFrom('x', 'y', 'z'),
      before: fc.integer({ min: 0, max: 25 }),
      after: fc.integer({ min: 0, max: 25 }),
    }),
    { minLength: 1, maxLength: 30 },
  )
  .map((steps) => {
    const values = new Map<string, string>();
    const specs = steps.map((step, i) => {
      const current = values.get(step.key) ?? '';
      if (step.f === 'put') values.set(step.key, step.text);
      if (step.f === 'append') values.set(step.key, current + step.text);
      return {
        f: step.f,
        key: step.key,
        input: step.f === 'get' ? null : step.text,
        output: step.f === 'get' ? current : step.text,
        outcome: 'ok' as const,
        invokeAt: 10 * i - step.before,
        completeAt: 10 * i + 1 + step.after,
      };
    });
    return assignProcesses(specs);
  });

const kv = () => createKvModel({ absentValue: '' });
const verdictOf = (history: readonly HistoryEvent[], split = true) => checkLinearizability(history, { model: kv(), split }).valid;

describe('linearizability search: laws', () => {
  it('agrees with a brute-force checker on random cas-register histories of up to 7 operations', () => {
    const seen = { linearizable: 0, not: 0 };
    fc.assert(
      fc.property(randomRegisterHistory, (history) => {
        const operations = operationsOf(history);
        const model = createCasRegisterModel();
        const expected = bruteForceLinearizable(model, operations);
        seen[expected ? 'linearizable' : 'not']++;
        expect(checkOperations(operations, { model }).valid).toBe(expected);
      }),
      { seed: 42, numRuns: 1500 },
    );
    // The generator must exercise both verdicts for the comparison to mean anything.
    expect(seen.linearizable).toBeGreaterThan(200);
    expect(seen.not).toBeGreaterThan(200);
  });

  it('agrees with a brute-force checker on random kv histories of up to 7 operations, split or not', () => {
    const seen = { linearizable: 0, not: 0 };
    fc.assert(
      fc.property(randomKvHistory, (history) => {
        const operations = operationsOf(history);
        const expected = bruteForceLinearizable(kv(), operations);
        seen[expected ? 'linearizable' : 'not']++;
        expect(checkOperations(operations, { model: kv(), split: true }).valid).toBe(expected);
        expect(checkOperations(operations, { model: kv(), split: false }).valid).toBe(expected);
      }),
      { seed: 42, numRuns: 1500 },
    );
    expect(seen.linearizable).toBeGreaterThan(200);
    expect(seen.not).toBeGreaterThan(200);
  });

  it('accepts every history built from a real sequential execution, split or not', () => {
    fc.assert(
      fc.property(sequentialKvHistory, (specs) => {
        const history = historyOf(specs);
        expect(verdictOf(history, true)).toBe(true);
        expect(verdictOf(history, false)).toBe(true);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('rejects such a history once one read returns a value nobody wrote', () => {
    fc.assert(
      fc.property(sequentialKvHistory, fc.nat(), (specs, pick) => {
        const reads = specs.map((spec, i) => (spec.f === 'get' ? i : -1)).filter((i) => i >= 0);
        fc.pre(reads.length > 0);
        const target = reads[pick % reads.length]!;
        const mutated = specs.map((spec, i) => (i === target ? { ...spec, output: 'never written' } : spec));
        const result = checkLinearizability(historyOf(mutated), { model: kv() });
        expect(result.valid).toBe(false);
        const failing = result.evidence?.parts.find((part) => part.valid === false);
        expect(failing?.failure?.candidates.length).toBeGreaterThan(0);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('gives the same verdict split by key and unsplit', () => {
    fc.assert(
      fc.property(fc.array(randomKvOp, { minLength: 1, maxLength: 8 }), (ops) => {
        const history = historyOf(assignProcesses(ops));
        expect(verdictOf(history, true)).toBe(verdictOf(history, false));
      }),
      { seed: 42, numRuns: 800 },
    );
  });

  it('stays linearizable when ok operations become info or failed operations are added', () => {
    fc.assert(
      fc.property(sequentialKvHistory, fc.array(fc.boolean(), { maxLength: 30 }), fc.array(fc.integer({ min: -30, max: 300 }), { maxLength: 5 }), (specs, toInfo, failAt) => {
        const weakened = specs.map((spec, i) => (toInfo[i] === true ? { ...spec, outcome: 'info' as const } : spec));
        const failed = failAt.map((at) => ({ f: 'put', key: 'a', input: 'failed' as Value, output: 'failed' as Value, outcome: 'fail' as const, invokeAt: at, completeAt: at + 5 }));
        const history = historyOf(assignProcesses([...weakened, ...failed]));
        expect(verdictOf(history, true)).toBe(true);
        expect(verdictOf(history, false)).toBe(true);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('ignores a shift of all times and a renaming of processes', () => {
    fc.assert(
      fc.property(randomRegisterHistory, fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 50 }), (history, shiftUs, stride) => {
        const moved = history.map((event) => ({ ...event, timeUs: event.timeUs + shiftUs, process: event.process * stride + 7 }));
        const model = createCasRegisterModel();
        const before = checkLinearizability(history, { model });
        const after = checkLinearizability(moved, { model: createCasRegisterModel() });
        expect(after.valid).toBe(before.valid);
        expect(after.evidence?.parts.map((part) => part.failure?.prefix)).toEqual(before.evidence?.parts.map((part) => part.failure?.prefix));
      }),
      { seed: 42, numRuns: 500 },
    );
  });
});
