import type { Operation } from '../sim/history.ts';
import type { RunRecord } from '../sim/run-record.ts';
import { formatCount, formatUs } from './format.ts';
import { renderReportPage } from './page.ts';

const STOP_WORDS: Readonly<Record<RunRecord['stop']['reason'], string>> = {
  done: 'done',
  duration: 'at its duration limit',
  events: 'at its event limit',
  crashed: 'the simulation crashed',
};

/**
 * The report of one scenario run. `operations` is the record's history paired into operations
 * (pairOperations); the caller pairs it because reports/ imports only types from sim/, and the
 * linearizability evidence in `record.checks` refers to operations by that pairing's ids.
 */
export function renderRunReport(input: { readonly record: RunRecord; readonly operations: readonly Operation[] }): string {
  const { record } = input;
  const lastEventUs = record.history.reduce((max, e) => Math.max(max, e.timeUs), 0);
  return renderReportPage({
    title: `${record.scenario} · seed ${record.seed}`,
    facts: [
      { label: 'scenario', value: record.scenario, code: true },
      { label: 'seed', value: String(record.seed), code: true },
      { label: 'trace hash', value: record.traceHash, code: true },
      { label: 'simulated duration', value: formatUs(record.simulatedUs) },
      { label: 'events', value: formatCount(record.events) },
      { label: 'exit code', value: String(record.exitCode) },
      { label: 'stopped', value: STOP_WORDS[record.stop.reason] },
      { label: 'nodes', value: record.nodes.join(', ') },
      { label: 'fault windows', value: formatCount(record.faultWindows.length) },
    ],
    command: record.replayCommand,
    drawn: record.drawn,
    options: record.options,
    checks: record.checks,
    operations: input.operations,
    nodes: record.nodes,
    faultWindows: record.faultWindows,
    nodeEvents: record.nodeEvents,
    faultPlan: record.faultPlan,
    stop: record.stop,
    messages: record.messages,
    endUs: Math.max(1, record.simulatedUs, lastEventUs),
  });
}
