import type { History } from '../history.ts';
import { EdnReader } from './edn.ts';
import { ednToValue } from './edn-value.ts';
import { eventFromFields } from './jepsen-event.ts';
import type { JepsenFields, ParsedEvent } from './jepsen-event.ts';
import type { ParseResult } from './parse-error.ts';
import { parsedHistory } from './parsed-history.ts';
import type { ParsedHistory } from './parsed-history.ts';

/**
 * Reads a Jepsen EDN history: one operation map per line, or one vector of maps. Keys used:
 * `:process :type :f :value`, optionally `:key :time` (ns) `:node :error`; `:index` and others
 * are ignored (events are renumbered densely). Events of the nemesis are skipped.
 */
export function parseJepsenEdn(text: string): ParseResult<ParsedHistory> {
  const read = EdnReader.readForms(text, { unwrapVector: true });
  if (!read.ok) return read;
  const events: ParsedEvent[] = [];
  for (const form of read.forms) {
    const value = ednToValue(form.value);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return { ok: false, error: { line: form.line, message: 'expected an operation map like {:process 0, :type :invoke, :f :read, :value nil}' } };
    }
    const event = eventFromFields(value as JepsenFields, form.line);
    if (event === 'skip') continue;
    if (typeof event === 'string') return { ok: false, error: { line: form.line, message: event } };
    events.push(event);
  }
  return parsedHistory(events);
}

/** Writes a history as Jepsen EDN, one map per line, `:time` in nanoseconds. */
export function exportJepsenEdn(history: History): string {
  return history.map((event) => `${ednMap(event)}\n`).join('');
}

function ednMap(event: History[number]): string {
  const fields = [
    `:index ${event.index}`,
    `:time ${event.timeUs * 1000}`,
    `:type :${event.type}`,
    `:process ${event.process}`,
    `:f :${event.f}`,
    ...(event.key !== undefined ? [`:key ${JSON.stringify(event.key)}`] : []),
    `:value ${ednText(event.value)}`,
    ...(event.node !== undefined ? [`:node ${JSON.stringify(event.node)}`] : []),
    ...(event.error !== undefined ? [`:error ${JSON.stringify(event.error)}`] : []),
  ];
  return `{${fields.join(', ')}}`;
}

/** A value as EDN text: strings quoted (JSON escapes are valid EDN ones), null as nil. */
export function ednText(value: History[number]['value']): string {
  if (value === null) return 'nil';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return `[${(value as readonly History[number]['value'][]).map(ednText).join(' ')}]`;
  const record = value as { readonly [key: string]: History[number]['value'] };
  return `{${Object.keys(record)
    .sort()
    .map((key) => `${JSON.stringify(key)} ${ednText(record[key] ?? null)}`)
    .join(', ')}}`;
}
