import type { TraceEvent } from '../sim/trace.ts';

/** One `ctx.log(event, fields)` line of a node, at true simulated time. */
export interface NodeLogLine {
  readonly timeUs: number;
  readonly node: string;
  readonly event: string;
  readonly fields: Readonly<Record<string, unknown>>;
}

/**
 * The nodes' log lines from a recorded trace, in order, for checkers that judge what nodes said
 * they did. The kernel records a log line's detail as `event` or `event {json fields}`.
 */
export function nodeLogLines(events: readonly TraceEvent[]): NodeLogLine[] {
  const lines: NodeLogLine[] = [];
  for (const e of events) {
    if (e.kind !== 'log') continue;
    const detail = e.detail ?? '';
    const space = detail.indexOf(' ');
    const event = space === -1 ? detail : detail.slice(0, space);
    const fields = space === -1 ? {} : (JSON.parse(detail.slice(space + 1)) as Record<string, unknown>);
    lines.push({ timeUs: e.timeUs, node: e.at, event, fields });
  }
  return lines;
}
