import type { EventType, HistoryEvent, Value } from '../history.ts';
import { canonicalText } from '../check/value.ts';

/** The fields of one Jepsen operation map, names without colons, keywords as their names. */
export type JepsenFields = { readonly [name: string]: Value | undefined };

const eventTypes: readonly EventType[] = ['invoke', 'ok', 'fail', 'info'];

/** An event read from a file, before it gets its dense index and time. */
export interface ParsedEvent {
  readonly line: number;
  readonly process: number;
  readonly type: EventType;
  readonly f: string;
  readonly value: Value;
  readonly key?: string;
  /** Jepsen's `:time` in nanoseconds, when given. */
  readonly timeNs?: number;
  readonly node?: string;
  readonly error?: string;
}

/**
 * Reads one operation map (EDN or JSON). Returns 'skip' for events of a non-numeric process (the
 * nemesis), which are not client operations, or a message saying what is wrong.
 */
export function eventFromFields(fields: JepsenFields, line: number): ParsedEvent | 'skip' | string {
  const process = fields['process'];
  if (typeof process === 'string') return 'skip';
  if (typeof process !== 'number' || !Number.isSafeInteger(process)) return `:process must be an integer (or :nemesis), got ${describe(process)}`;
  const type = stripColon(fields['type']);
  if (type === undefined || !(eventTypes as readonly string[]).includes(type)) return `:type must be one of :invoke :ok :fail :info, got ${describe(fields['type'])}`;
  const f = stripColon(fields['f']);
  if (f === undefined) return `:f must be a keyword or string naming the operation, got ${describe(fields['f'])}`;
  const key = fields['key'];
  if (key !== undefined && key !== null && typeof key !== 'string' && typeof key !== 'number') return `:key must be a string or number, got ${describe(key)}`;
  const time = fields['time'];
  if (time !== undefined && time !== null && (typeof time !== 'number' || !Number.isFinite(time) || time < 0)) return `:time must be a non-negative number of nanoseconds, got ${describe(time)}`;
  const node = fields['node'];
  const error = fields['error'];
  return {
    line,
    process,
    type: type as EventType,
    f,
    value: fields['value'] ?? null,
    ...(key !== undefined && key !== null ? { key: String(key) } : {}),
    ...(typeof time === 'number' ? { timeNs: time } : {}),
    ...(node !== undefined && node !== null ? { node: typeof node === 'string' ? node : canonicalText(node) } : {}),
    ...(error !== undefined && error !== null ? { error: typeof error === 'string' ? error : canonicalText(error) } : {}),
  };
}

/**
 * Gives parsed events their dense index and time in microseconds. Without any `:time` in the
 * file, an event's time is its index (one microsecond per event), which keeps real-time order; an
 * event without `:time` in a file that has them takes the previous event's time.
 */
export function toHistory(events: readonly ParsedEvent[]): HistoryEvent[] {
  const timed = events.some((event) => event.timeNs !== undefined);
  let lastUs = 0;
  return events.map((event, index): HistoryEvent => {
    const timeUs = !timed ? index : event.timeNs !== undefined ? Math.floor(event.timeNs / 1000) : lastUs;
    lastUs = timeUs;
    return {
      index,
      process: event.process,
      type: event.type,
      f: event.f,
      value: event.value,
      timeUs,
      ...(event.key !== undefined ? { key: event.key } : {}),
      ...(event.node !== undefined ? { node: event.node } : {}),
      ...(event.error !== undefined ? { error: event.error } : {}),
    };
  });
}

function stripColon(value: Value | undefined): string | undefined {
  if (typeof value !== 'string' || value.length === 0) return undefined;
  return value.startsWith(':') ? value.slice(1) : value;
}

function describe(value: Value | undefined): string {
  return value === undefined ? 'nothing' : canonicalText(value);
}
