import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectFormat, parseHistoryText } from '../../sim/formats/detect.ts';
import { exportJepsenEdn, parseJepsenEdn } from '../../sim/formats/jepsen-edn.ts';
import { parseJepsenLog } from '../../sim/formats/jepsen-log.ts';
import { exportJsonLines, parseJsonLines } from '../../sim/formats/json-lines.ts';
import type { HistoryEvent, Value } from '../../sim/history.ts';

const ednText = [
  '{:process 0, :type :invoke, :f :write, :value 3, :time 1000}',
  '{:process :nemesis, :type :info, :f :start, :value nil}',
  '{:process 1, :type :invoke, :f :cas, :key "k", :value [3 4], :time 2500}',
  '{:process 0, :type :ok, :f :write, :value 3, :time 3000}',
  '{:process 1, :type :info, :f :cas, :key "k", :value [3 4], :time 9000, :error :timeout}',
].join('\n');

describe('Jepsen EDN histories', () => {
  it('reads operation maps, skips the nemesis, converts :time from ns to µs', () => {
    const parsed = parseJepsenEdn(ednText);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.lines).toEqual([1, 3, 4, 5]);
    expect(parsed.value.history).toEqual([
      { index: 0, process: 0, type: 'invoke', f: 'write', value: 3, timeUs: 1 },
      { index: 1, process: 1, type: 'invoke', f: 'cas', key: 'k', value: [3, 4], timeUs: 2 },
      { index: 2, process: 0, type: 'ok', f: 'write', value: 3, timeUs: 3 },
      { index: 3, process: 1, type: 'info', f: 'cas', key: 'k', value: [3, 4], timeUs: 9, error: 'timeout' },
    ]);
  });

  it('reads one vector of maps the same way, with event positions as times when there are none', () => {
    const parsed = parseJepsenEdn('[{:process 0 :type :invoke :f :read :value nil}\n {:process 0 :type :ok :f :read :value 1}]');
    expect(parsed.ok && parsed.value.history.map((event) => [event.type, event.timeUs, event.value])).toEqual([
      ['invoke', 0, null],
      ['ok', 1, 1],
    ]);
  });

  it('says which line is wrong and why', () => {
    const cases: [string, number, RegExp][] = [
      ['{:process 0, :type :invoke, :f :read, :value nil}\n{:process 0, :type :done, :f :read}', 2, /:type must be one of/],
      ['{:process "x" :type :invoke :f :read}', 1, /skip|no operations/],
      ['{:process 1.5, :type :invoke, :f :read}', 1, /:process must be an integer/],
      ['{:process 0, :type :invoke}', 1, /:f must be/],
      ['[1 2]', 1, /expected an operation map/],
      ['{:process 0, :type :ok, :f :read, :value 1}', 1, /no open invocation/],
      ['{:process 0, :type :invoke, :f :read}\n{:process 0, :type :invoke, :f :read}', 2, /invokes again/],
      ['', 1, /no operations found/],
    ];
    for (const [text, line, message] of cases) {
      const parsed = parseJepsenEdn(text);
      expect(parsed.ok, text).toBe(false);
      if (!parsed.ok) {
        expect(parsed.error.line, text).toBe(line);
        expect(parsed.error.message, text).toMatch(message);
      }
    }
  });
});

describe('JSON lines histories', () => {
  it('reads the same keys, with or without Jepsen colons', () => {
    const parsed = parseJsonLines('{"process":0,"type":"invoke","f":"write","value":3}\n\n{":process":0,":type":":ok",":f":":write",":value":3}\n');
    expect(parsed.ok && parsed.value.history.map((event) => [event.process, event.type, event.f, event.value])).toEqual([
      [0, 'invoke', 'write', 3],
      [0, 'ok', 'write', 3],
    ]);
    const bad = parseJsonLines('{"process":0,"type":"invoke","f":"write","value":3}\n{"process":0,');
    expect(bad).toEqual({ ok: false, error: { line: 2, message: expect.stringMatching(/not valid JSON/) } });
  });
});

describe('jepsen.util logs', () => {
  const log = [
    'INFO  jepsen.core - Worker 0 starting',
    'INFO  jepsen.util - 3\t:invoke\t:cas\t[1 2]',
    'INFO  jepsen.util - 4\t:invoke\t:write\t9',
    'INFO  jepsen.util - :nemesis\t:info\t:start\tnil',
    'INFO  jepsen.util - 3\t:fail\t:cas\t[1 2]',
    'INFO  jepsen.util - 4\t:info\t:write\t:timed-out',
    'INFO  jepsen.util - 5\t:invoke\t:read\tnil',
    'INFO  jepsen.util - 5\t:ok\t:read\t9',
  ].join('\n');

  it('reads operation lines, skips other lines and the nemesis, turns :timed-out into info', () => {
    const parsed = parseJepsenLog(log);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.history.map((event) => [event.process, event.type, event.f, event.value, event.error])).toEqual([
      [3, 'invoke', 'cas', [1, 2], undefined],
      [4, 'invoke', 'write', 9, undefined],
      [3, 'fail', 'cas', [1, 2], undefined],
      [4, 'info', 'write', null, 'timed-out'],
      [5, 'invoke', 'read', null, undefined],
      [5, 'ok', 'read', 9, undefined],
    ]);
    expect(parsed.value.lines).toEqual([2, 3, 5, 6, 7, 8]);
  });

  it('rejects a log without operation lines and an unreadable value', () => {
    expect(parseJepsenLog('nothing here')).toMatchObject({ ok: false, error: { line: 1 } });
    expect(parseJepsenLog('INFO  jepsen.util - 1\t:invoke\t:write\t[1')).toMatchObject({ ok: false, error: { line: 1, message: expect.stringMatching(/cannot read the value/) } });
  });
});

describe('format detection and export', () => {
  it('detects each format from its text', () => {
    expect(detectFormat('INFO  jepsen.util - 1\t:invoke\t:read\tnil')).toBe('jepsen-log');
    expect(detectFormat('\n{"process":0}')).toBe('jsonl');
    expect(detectFormat('{:process 0}')).toBe('edn');
    expect(detectFormat('[{:process 0}]')).toBe('edn');
  });

  const value: fc.Arbitrary<Value> = fc.oneof(fc.constant(null), fc.integer(), fc.string(), fc.boolean(), fc.array(fc.oneof(fc.integer(), fc.string(), fc.constant(null)), { maxLength: 3 }));
  const history = fc
    .array(fc.record({ f: fc.constantFrom('read', 'write', 'cas', 'append'), key: fc.option(fc.string({ maxLength: 3 }), { nil: undefined }), input: value, output: value, outcome: fc.constantFrom('ok', 'fail', 'info'), error: fc.option(fc.string(), { nil: undefined }) }), { minLength: 1, maxLength: 12 })
    .map((ops) =>
      ops.flatMap((op, i): HistoryEvent[] => {
        const common = { process: i, f: op.f, ...(op.key !== undefined ? { key: op.key } : {}) };
        return [
          { ...common, index: 2 * i, type: 'invoke', value: op.input, timeUs: 10 * i },
          { ...common, index: 2 * i + 1, type: op.outcome as 'ok' | 'fail' | 'info', value: op.output, timeUs: 10 * i + 5, ...(op.error !== undefined ? { error: op.error } : {}) },
        ];
      }),
    );

  it('reads back what it exports, as EDN and as JSON lines', () => {
    fc.assert(
      fc.property(history, (events) => {
        for (const [text, format] of [
          [exportJepsenEdn(events), 'edn'],
          [exportJsonLines(events), 'jsonl'],
        ] as const) {
          expect(detectFormat(text)).toBe(format);
          const parsed = parseHistoryText(text, format);
          expect(parsed.ok && parsed.value.history).toEqual(events);
        }
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
