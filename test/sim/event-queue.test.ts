import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { EventQueue } from '../../sim/event-queue.ts';

/** Pushes are (time, tag); a pop is null. */
const opsArbitrary = (timeUsMax: number, fractions: boolean) =>
  fc.array(
    fc.oneof(
      fc.record({ timeUs: fractions ? fc.integer({ min: 0, max: timeUsMax * 2 }).map((half) => half / 2) : fc.integer({ min: 0, max: timeUsMax }) }),
      fc.constant(null),
    ),
    { maxLength: 400 },
  );

describe('EventQueue', () => {
  // The default window holds every time of the first case; the narrow one of the others sends many
  // events to the heap, wraps round the wheel and ties wheel and heap events at the same instant;
  // half microseconds (which the kernel never makes) must keep their exact times and order too.
  test.each([
    { windowUs: undefined, timeUsMax: 50, fractions: false },
    { windowUs: 32, timeUsMax: 100, fractions: false },
    { windowUs: 32, timeUsMax: 100, fractions: true },
  ])('pops in time order, same-time events in push order (against a sorted reference), window $windowUs, half microseconds $fractions', ({ windowUs, timeUsMax, fractions }) => {
    fc.assert(
      fc.property(opsArbitrary(timeUsMax, fractions), (ops) => {
        const queue = new EventQueue({ capacityInitial: 16, ...(windowUs !== undefined ? { windowUs } : {}) });
        const reference: { timeUs: number; tag: number }[] = [];
        let tag = 0;
        const popped: number[] = [];
        const expected: number[] = [];
        const popBoth = (): void => {
          reference.sort((a, b) => a.timeUs - b.timeUs || a.tag - b.tag);
          const want = reference.shift();
          expect(queue.pop()).toBe(want !== undefined);
          if (want === undefined) return;
          expected.push(want.tag);
          popped.push(queue.topA);
          expect(queue.topTimeUs).toBe(want.timeUs);
        };
        for (const op of ops) {
          if (op === null) popBoth();
          else {
            queue.push(op.timeUs, 1, tag, 0, undefined);
            reference.push({ timeUs: op.timeUs, tag: tag++ });
          }
          expect(queue.length).toBe(reference.length);
        }
        while (reference.length > 0) popBoth();
        expect(popped).toEqual(expected);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  test('a cancelled event never comes out nor is visited, wheel or heap; the others keep their order', () => {
    // Ops: push at a time, pop, or cancel the n-th handle pushed so far (stale handles included).
    const ops = fc.array(
      fc.oneof(fc.record({ timeUs: fc.integer({ min: 0, max: 100 }) }), fc.constant(null), fc.record({ cancel: fc.nat({ max: 400 }) })),
      { maxLength: 400 },
    );
    for (const windowUs of [32, 4096]) {
      fc.assert(
        fc.property(ops, (list) => {
          const queue = new EventQueue({ capacityInitial: 16, windowUs });
          let reference: { timeUs: number; tag: number }[] = [];
          const handles: number[] = [];
          for (const op of list) {
            if (op === null) {
              reference.sort((a, b) => a.timeUs - b.timeUs || a.tag - b.tag);
              const want = reference.shift();
              expect(queue.peekTimeUs()).toBe(want?.timeUs ?? Infinity);
              expect(queue.pop()).toBe(want !== undefined);
              if (want !== undefined) expect([queue.topTimeUs, queue.topA]).toEqual([want.timeUs, want.tag]);
            } else if ('cancel' in op) {
              const tag = op.cancel % Math.max(1, handles.length);
              const handle = handles[tag];
              const queued = reference.some((e) => e.tag === tag);
              expect(handle === undefined ? false : queue.cancel(handle, { kind: 1, b: tag })).toBe(queued && handle !== undefined);
              reference = reference.filter((e) => e.tag !== tag);
            } else {
              handles.push(queue.push(op.timeUs, 1, handles.length, handles.length, undefined));
              reference.push({ timeUs: op.timeUs, tag: handles.length - 1 });
            }
            expect(queue.length).toBe(reference.length);
          }
          const visited: number[] = [];
          queue.forEach((_kind, a) => visited.push(a));
          expect(visited.sort((x, y) => x - y)).toEqual(reference.map((e) => e.tag).sort((x, y) => x - y));
          const rest: number[] = [];
          while (queue.pop()) rest.push(queue.topA);
          expect(rest).toEqual(reference.sort((a, b) => a.timeUs - b.timeUs || a.tag - b.tag).map((e) => e.tag));
          expect(queue.peekTimeUs()).toBe(Infinity);
        }),
        { seed: 42, numRuns: 300 },
      );
    }
  });

  test('cancelling an event that already came out does nothing, even after its slot is reused', () => {
    const queue = new EventQueue({ capacityInitial: 16 });
    const first = queue.push(5, 1, 1, 10, undefined);
    expect(queue.pop()).toBe(true);
    expect(queue.cancel(first, { kind: 1, b: 10 })).toBe(false);
    expect(queue.push(7, 1, 2, 11, undefined)).toBe(first);
    expect(queue.cancel(first, { kind: 1, b: 10 })).toBe(false);
    expect(queue.cancel(first, { kind: 2, b: 11 })).toBe(false);
    expect(queue.pop()).toBe(true);
    expect([queue.topTimeUs, queue.topA]).toEqual([7, 2]);
  });

  test('an event that waited in the heap beyond the window comes before a later push of the same instant', () => {
    const queue = new EventQueue({ windowUs: 32 });
    queue.push(100, 1, 1, 0, undefined);
    queue.push(80, 1, 2, 0, undefined);
    queue.push(200, 1, 3, 0, undefined);
    expect(queue.pop()).toBe(true);
    expect([queue.topTimeUs, queue.topA]).toEqual([80, 2]);
    queue.push(100, 1, 4, 0, undefined);
    queue.push(90, 1, 5, 0, undefined);
    const order: number[][] = [];
    while (queue.pop()) order.push([queue.topTimeUs, queue.topA]);
    expect(order).toEqual([
      [90, 5],
      [100, 1],
      [100, 4],
      [200, 3],
    ]);
  });

  test('keeps every field and reference of an event through growth', () => {
    const queue = new EventQueue({ capacityInitial: 16 });
    const refs = Array.from({ length: 1000 }, (_, i) => ({ i }));
    refs.forEach((ref, i) => queue.push(1000 - i, i % 7, i, 5 - i, ref));
    for (let i = 999; i >= 0; i--) {
      expect(queue.pop()).toBe(true);
      expect([queue.topTimeUs, queue.topKind, queue.topA, queue.topB, queue.topRef]).toEqual([1000 - i, i % 7, i, 5 - i, refs[i]]);
    }
    expect(queue.pop()).toBe(false);
    expect(queue.peekTimeUs()).toBe(Infinity);
  });

  test('popRef returns the reference and sets the numbers, in the same order as pop', () => {
    const queue = new EventQueue({ windowUs: 32 });
    const refs = Array.from({ length: 100 }, (_, i) => ({ i }));
    refs.forEach((ref, i) => queue.push((i * 37) % 101, 2, i, 5 - i, ref));
    const order = [...refs].sort((x, y) => (x.i * 37) % 101 - (y.i * 37) % 101);
    for (const want of order) {
      expect(queue.popRef()).toBe(want);
      expect([queue.topTimeUs, queue.topKind, queue.topA, queue.topB]).toEqual([(want.i * 37) % 101, 2, want.i, 5 - want.i]);
    }
    expect(queue.length).toBe(0);
    expect(() => queue.popRef()).toThrow(/empty/);
  });

  test('refuses to grow past its bound', () => {
    const queue = new EventQueue({ capacityInitial: 16, capacityMax: 32 });
    for (let i = 0; i < 32; i++) queue.push(i, 1, 0, 0, undefined);
    expect(() => queue.push(0, 1, 0, 0, undefined)).toThrow(/exceeds 32 events/);
  });
});
