import type { EventType } from '../history.ts';
import { EdnReader } from './edn.ts';
import { ednToValue, isKeyword } from './edn-value.ts';
import type { ParsedEvent } from './jepsen-event.ts';
import type { ParseResult } from './parse-error.ts';
import { parsedHistory } from './parsed-history.ts';
import type { ParsedHistory } from './parsed-history.ts';

/** `… jepsen.util - PROCESS<TAB>:TYPE<TAB>:F<TAB>VALUE[<TAB>ERROR…]`, after any log prefix. */
const operationLine = /jepsen\.util\s*[-:]\s*(\S+)\t:([\w-]+)\t:([\w-]+)\t(.*)$/;
const types = new Set(['invoke', 'ok', 'fail', 'info']);

/**
 * Reads the `jepsen.util` log of a single-register test (Knossos's and Porcupine's etcd logs):
 * `INFO  jepsen.util - 3<TAB>:invoke<TAB>:cas<TAB>[1 2]`. Other log lines are ignored, and so
 * are the nemesis's. A completion whose value is `:timed-out` (or whose type is `:timed-out`) is
 * `info`: it may or may not have happened.
 */
export function parseJepsenLog(text: string): ParseResult<ParsedHistory> {
  const events: ParsedEvent[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = operationLine.exec(lines[i]!.trimEnd());
    if (match === null) continue;
    const [, processText, typeText, f, rest] = match as unknown as [string, string, string, string, string];
    if (!/^\d+$/.test(processText)) continue;
    const [valueText, ...errorFields] = rest.split('\t');
    const read = EdnReader.readForms(valueText ?? '', { unwrapVector: false });
    if (!read.ok || read.forms.length !== 1) {
      return { ok: false, error: { line: i + 1, message: `cannot read the value '${valueText ?? ''}'; expected one EDN value such as nil, 3 or [1 2]` } };
    }
    const edn = read.forms[0]!.value;
    const timedOut = typeText === 'timed-out' || (typeText !== 'invoke' && isKeyword(edn, 'timed-out'));
    if (!timedOut && !types.has(typeText)) return { ok: false, error: { line: i + 1, message: `unknown type :${typeText}; expected :invoke, :ok, :fail, :info or :timed-out` } };
    const error = timedOut ? 'timed-out' : errorFields.join('\t').trim();
    events.push({
      line: i + 1,
      process: Number(processText),
      type: (timedOut ? 'info' : typeText) as EventType,
      f,
      value: timedOut && isKeyword(edn, 'timed-out') ? null : ednToValue(edn),
      ...(error !== '' ? { error } : {}),
    });
  }
  if (events.length === 0) return { ok: false, error: { line: 1, message: 'no jepsen.util operation lines found; expected lines like "INFO  jepsen.util - 3\\t:invoke\\t:cas\\t[1 2]"' } };
  return parsedHistory(events);
}
