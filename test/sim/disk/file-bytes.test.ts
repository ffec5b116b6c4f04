import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FileBytes } from '../../../sim/disk/file-bytes.ts';

type Step =
  | { readonly op: 'append'; readonly from: number; readonly bytes: Uint8Array }
  | { readonly op: 'prefix'; readonly from: number; readonly cut: number }
  | { readonly op: 'flip'; readonly from: number; readonly at: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('append' as const), from: fc.nat(), bytes: fc.uint8Array({ maxLength: 90 }) }), weight: 4 },
  fc.record({ op: fc.constant('prefix' as const), from: fc.nat(), cut: fc.nat() }),
  fc.record({ op: fc.constant('flip' as const), from: fc.nat(), at: fc.nat() }),
);

describe('FileBytes', () => {
  it('never changes a view, whatever is later derived from it or from its relatives', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), fc.array(stepArb, { maxLength: 40 }), (initial, steps) => {
        const views = [FileBytes.copyOf(initial)];
        const expected = [[...initial]];
        for (const step of steps) {
          const i = step.from % views.length;
          const view = views[i] as FileBytes;
          const content = expected[i] as number[];
          if (step.op === 'append') {
            views.push(view.append(step.bytes));
            expected.push([...content, ...step.bytes]);
          } else if (step.op === 'prefix') {
            const length = step.cut % (content.length + 1);
            views.push(view.prefix(length));
            expected.push(content.slice(0, length));
          } else if (content.length > 0) {
            const at = step.at % content.length;
            views.push(view.withFlips([{ index: at, mask: 0xff }]));
            expected.push(content.map((b, j) => (j === at ? b ^ 0xff : b)));
          }
          views.forEach((v, j) => expect([...v.copy()]).toEqual(expected[j]));
        }
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('compares prefixes across separate storage', () => {
    const a = FileBytes.copyOf(new Uint8Array([1, 2, 3]));
    expect(a.append(new Uint8Array([4])).startsWith(FileBytes.copyOf(new Uint8Array([1, 2, 3])))).toBe(true);
    expect(a.startsWith(FileBytes.copyOf(new Uint8Array([1, 9])))).toBe(false);
    expect(a.startsWith(a.append(new Uint8Array([4])))).toBe(false);
    expect(a.startsWith(FileBytes.empty)).toBe(true);
  });

  it('hands out copies that do not alias its storage', () => {
    const a = FileBytes.copyOf(new Uint8Array([1, 2, 3]));
    const copy = a.copy();
    copy[0] = 9;
    expect([...a.copy()]).toEqual([1, 2, 3]);
  });
});
