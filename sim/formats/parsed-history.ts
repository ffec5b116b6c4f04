import { pairOperations } from '../history.ts';
import type { History } from '../history.ts';
import { toHistory } from './jepsen-event.ts';
import type { ParsedEvent } from './jepsen-event.ts';
import type { ParseResult } from './parse-error.ts';

/** A history read from a file, with each event's source line for messages. */
export interface ParsedHistory {
  readonly history: History;
  /** `lines[i]` is the 1-based line of `history[i]`. */
  readonly lines: readonly number[];
}

/**
 * Builds the history from parsed events and checks it pairs (no process invokes twice, no
 * completion without an invocation), reporting the offending line.
 */
export function parsedHistory(events: readonly ParsedEvent[]): ParseResult<ParsedHistory> {
  if (events.length === 0) return { ok: false, error: { line: 1, message: 'no operations found; expected Jepsen operation maps with :process :type :f :value' } };
  const history = toHistory(events);
  const lines = events.map((event) => event.line);
  const paired = pairOperations(history);
  if (!paired.ok) return { ok: false, error: { line: lines[paired.error.index] ?? 1, message: paired.error.message } };
  return { ok: true, value: { history, lines } };
}
