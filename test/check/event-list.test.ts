import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildEventList } from '../../sim/check/event-list.ts';
import type { Operation } from '../../sim/history.ts';

/** The list's order by its definition: a comparator sort, then each run of calls by its returns. */
function referenceOrder(operations: readonly Operation[]): number[] {
  const position = (node: number): number => {
    const op = operations[(node - 1) >> 1]!;
    if (node & 1) return op.invokeIndex;
    return op.outcome === 'info' || op.completeIndex === undefined ? Number.POSITIVE_INFINITY : op.completeIndex;
  };
  const byPosition = (a: number, b: number): number => {
    const pa = position(a);
    const pb = position(b);
    return pa === pb ? 0 : pa < pb ? -1 : 1;
  };
  const nodes = Array.from({ length: 2 * operations.length }, (_, i) => i + 1);
  nodes.sort((a, b) => byPosition(a, b) || (b & 1) - (a & 1) || a - b);
  for (let start = 0; start < nodes.length; ) {
    let end = start;
    while (end < nodes.length && nodes[end]! & 1) end++;
    const run = nodes.slice(start, end).sort((a, b) => byPosition(a + 1, b + 1) || a - b);
    nodes.splice(start, run.length, ...run);
    start = end + 1;
  }
  return nodes;
}

/** The nodes from head to tail; a broken list stops at its length. */
function listOrder(next: Int32Array): number[] {
  const order: number[] = [];
  for (let node = next[0]!; node !== next.length - 1 && order.length < next.length; node = next[node]!) order.push(node);
  return order;
}

/** Operations in invocation order (as paired histories are), or shuffled, at small or huge indices. */
const operations = fc
  .record({
    spans: fc.array(fc.record({ invokeAt: fc.nat(60), length: fc.nat(25), outcome: fc.constantFrom<'ok' | 'info'>('ok', 'ok', 'ok', 'info'), completes: fc.boolean() }), { maxLength: 80, size: 'max' }),
    sorted: fc.boolean(),
    scale: fc.constantFrom(1, 1, 1e13),
  })
  .map(({ spans, sorted, scale }) => {
    const ordered = sorted ? [...spans].sort((a, b) => a.invokeAt - b.invokeAt) : spans;
    return ordered.map(
      (span, id): Operation => ({
        id,
        process: id,
        f: 'put',
        input: id,
        output: id,
        outcome: span.outcome,
        invokeIndex: span.invokeAt * scale,
        completeIndex: span.outcome === 'info' && !span.completes ? undefined : (span.invokeAt + span.length) * scale,
        invokeUs: span.invokeAt,
        completeUs: undefined,
      }),
    );
  });

describe('buildEventList', () => {
  it('orders calls and returns as the plain comparator sort does, whatever path it sorts by', () => {
    fc.assert(
      fc.property(operations, (ops) => {
        const { next, prev } = buildEventList(ops);
        const order = listOrder(next);
        expect(order).toEqual(referenceOrder(ops));
        for (const node of order) expect(next[prev[node]!]).toBe(node);
      }),
      { seed: 42, numRuns: 600 },
    );
  });
});
