import type { History, Value } from '../history.ts';
import { eventFromFields } from './jepsen-event.ts';
import type { JepsenFields, ParsedEvent } from './jepsen-event.ts';
import type { ParseResult } from './parse-error.ts';
import { parsedHistory } from './parsed-history.ts';
import type { ParsedHistory } from './parsed-history.ts';

/**
 * Reads Jepsen-style JSON lines: one object per line with the keys of the EDN format
 * (`process type f value`, optionally `key time index node error`); names may keep Jepsen's
 * colon (`":type": ":invoke"`). Blank lines are skipped; nemesis events (non-numeric process)
 * too.
 */
export function parseJsonLines(text: string): ParseResult<ParsedHistory> {
  const events: ParsedEvent[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      return { ok: false, error: { line: i + 1, message: 'not valid JSON; expected one object per line like {"process":0,"type":"invoke","f":"read","value":null}' } };
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      return { ok: false, error: { line: i + 1, message: 'expected a JSON object with process, type, f and value' } };
    }
    const fields: Record<string, Value> = {};
    for (const [name, value] of Object.entries(parsed as Record<string, Value>)) fields[name.startsWith(':') ? name.slice(1) : name] = value;
    const event = eventFromFields(fields as JepsenFields, i + 1);
    if (event === 'skip') continue;
    if (typeof event === 'string') return { ok: false, error: { line: i + 1, message: event } };
    events.push(event);
  }
  return parsedHistory(events);
}

/** Writes a history as JSON lines with Jepsen's keys, `time` in nanoseconds. */
export function exportJsonLines(history: History): string {
  return history
    .map((event) => {
      const record = {
        index: event.index,
        time: event.timeUs * 1000,
        type: event.type,
        process: event.process,
        f: event.f,
        ...(event.key !== undefined ? { key: event.key } : {}),
        value: event.value,
        ...(event.node !== undefined ? { node: event.node } : {}),
        ...(event.error !== undefined ? { error: event.error } : {}),
      };
      return `${JSON.stringify(record)}\n`;
    })
    .join('');
}
