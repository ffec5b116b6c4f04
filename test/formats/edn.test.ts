import { describe, expect, it } from 'vitest';
import { EdnReader } from '../../sim/formats/edn.ts';
import { ednToValue } from '../../sim/formats/edn-value.ts';

function values(text: string, unwrapVector = false) {
  const read = EdnReader.readForms(text, { unwrapVector });
  if (!read.ok) throw new Error(`${read.error.line}: ${read.error.message}`);
  return read.forms.map((form) => ({ line: form.line, value: ednToValue(form.value) }));
}

describe('EDN reader', () => {
  it('reads keywords, strings, numbers, nil, booleans, vectors, lists, sets and maps', () => {
    expect(values('{:a 1, :b "x\\ty\\u00e9", :c nil, :d [1 -2.5 3N], :e (true false), :f #{:k}, "g" {:h sym}}')).toEqual([
      { line: 1, value: { a: 1, b: 'x\tyé', c: null, d: [1, -2.5, 3], e: [true, false], f: ['k'], g: { h: 'sym' } } },
    ]);
  });

  it('skips comments, commas and discarded forms, and reads tagged literals as their value', () => {
    expect(values('; a comment\n#_ {:skipped 1} #jepsen.history.Op{:index 0} #inst "2020-01-01"')).toEqual([
      { line: 2, value: { index: 0 } },
      { line: 2, value: '2020-01-01' },
    ]);
  });

  it('unwraps one vector of maps, keeping each element line', () => {
    expect(values('[{:a 1}\n {:a 2}]', true).map((form) => form.line)).toEqual([1, 2]);
  });

  it('reports the line of a syntax error', () => {
    const cases: [string, number, RegExp][] = [
      ['{:a 1}\n{:a "open', 2, /string is not closed/],
      ['{:a 1}\n\n{:a}', 3, /key without a value/],
      ['{:a 1}\n]', 2, /nothing open to close/],
      ['[{:a 1}', 1, /not closed/],
      ['{:a "\\q"}', 1, /unknown escape/],
    ];
    for (const [text, line, message] of cases) {
      const read = EdnReader.readForms(text, { unwrapVector: true });
      expect(read.ok).toBe(false);
      if (!read.ok) {
        expect(read.error.line).toBe(line);
        expect(read.error.message).toMatch(message);
      }
    }
  });
});
