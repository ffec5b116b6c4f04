import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHtml, jsonForScript } from '../../reports/escape.ts';

describe('escapeHtml', () => {
  it('turns markup into text', () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y'`)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;');
  });
  it('leaves no markup character for any string', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => !/[<>"']/.test(escapeHtml(s))), { seed: 42, numRuns: 500 });
  });
});

describe('jsonForScript', () => {
  it('cannot end a script element and parses back to the same value', () => {
    const value = { key: '</script><!-- <script>', line: 'a\u2028b\u2029c', amp: '&&' };
    const text = jsonForScript(value);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual(value);
  });
  it('round-trips any JSON value without dangerous characters', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = jsonForScript(value);
        return !/[<>&\u2028\u2029]/.test(text) && JSON.stringify(JSON.parse(text)) === JSON.stringify(value);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
