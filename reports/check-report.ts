import type { CheckResult } from '../sim/check/result.ts';
import type { History, Operation } from '../sim/history.ts';
import { formatCount, formatUs } from './format.ts';
import { renderReportPage } from './page.ts';

/**
 * The report of `npm run check` on an external history: the verdict, the part index, the failure
 * explained and the timeline, without the run-only parts (faults, nodes' events, messages).
 * `operations` is `history` paired (pairOperations), the ids the evidence refers to.
 */
export function renderCheckReport(input: {
  /** The checked file as the user named it. */
  readonly source: string;
  readonly model: string;
  readonly history: History;
  readonly operations: readonly Operation[];
  readonly result: CheckResult;
  /** The command that re-checks the file. */
  readonly command: string;
}): string {
  const lastEventUs = input.history.reduce((max, e) => Math.max(max, e.timeUs), 0);
  // Files without times get one microsecond per event from the parser (sim/formats).
  const untimed = input.history.every((event) => event.timeUs === event.index);
  const nodes = [...new Set(input.operations.flatMap((op) => (op.node === undefined ? [] : [op.node])))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return renderReportPage({
    title: input.source,
    facts: [
      { label: 'history', value: input.source, code: true },
      { label: 'model', value: input.model, code: true },
      { label: 'events', value: formatCount(input.history.length) },
      untimed
        ? { label: 'time', value: 'none in the file: the axes count one event as 1 µs' }
        : { label: 'time span', value: formatUs(lastEventUs) },
    ],
    command: input.command,
    checks: [input.result],
    operations: input.operations,
    nodes,
    faultWindows: [],
    nodeEvents: [],
    endUs: Math.max(1, lastEventUs),
  });
}
