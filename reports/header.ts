import type { UnknownEvidence } from '../sim/check/evidence.ts';
import type { CheckResult } from '../sim/check/result.ts';
import type { Operation } from '../sim/history.ts';
import { escapeHtml } from './escape.ts';
import { formatCount } from './format.ts';
import { optionsTable, verdictBadge } from './html.ts';
import type { LinearizabilityCheck } from './linearizability-view.ts';
import type { ReportInput } from './report-input.ts';

/**
 * The top of the page: what was run, the verdict of every checker with its cause, the command
 * that reproduces it, and the counts a reader checks first.
 */
export function headerSection(input: ReportInput, linearizability: readonly LinearizabilityCheck[], failureCount: number): string {
  const counts = outcomeCounts(input.operations);
  const facts = [
    ...input.facts,
    { label: 'operations', value: `${formatCount(input.operations.length)} — ${formatCount(counts.ok)} ok · ${formatCount(counts.fail)} fail · ${formatCount(counts.info)} info` },
  ];
  const factRows = facts.map((fact) => `<div class="fact"><dt>${escapeHtml(fact.label)}</dt><dd>${fact.code === true ? `<code>${escapeHtml(fact.value)}</code>` : escapeHtml(fact.value)}</dd></div>`);
  const jump = failureCount > 0 ? '<a class="button danger" href="#failure-0" data-action="jump-failure">Jump to the failure</a>' : '';
  return `<header class="report-header">
<div class="title-row"><h1>${escapeHtml(input.title)}</h1>${overallBadge(input.checks)}${jump}</div>
<section aria-label="verdicts" class="verdicts"><h2>Verdicts</h2><ul class="checks">${input.checks.map((check) => checkItem(check, linearizability)).join('')}${input.checks.length === 0 ? '<li>No checker ran.</li>' : ''}</ul>${stopNote(input)}</section>
<section aria-label="replay" class="replay"><h2>Reproduce</h2><pre class="command"><code>${escapeHtml(input.command)}</code></pre></section>
<dl class="facts">${factRows.join('')}</dl>
${optionsBlock(input)}
</header>`;
}

function overallBadge(checks: readonly CheckResult[]): string {
  const valid = checks.some((c) => c.valid === false) ? false : checks.some((c) => c.valid === 'unknown') ? 'unknown' : true;
  return `<span class="overall">${verdictBadge(valid)}</span>`;
}

function checkItem(check: CheckResult, linearizability: readonly LinearizabilityCheck[]): string {
  const lin = linearizability.find((l) => l.checker === check.checker);
  const causes = lin === undefined ? [] : unknownCauses(lin);
  const causeList = causes.length === 0 ? '' : `<ul class="causes">${causes.map((c) => `<li>${escapeHtml(c)}</li>`).join('')}</ul>`;
  return `<li>${verdictBadge(check.valid)} <strong>${escapeHtml(check.checker)}</strong> — ${escapeHtml(check.summary)}${causeList}</li>`;
}

const UNKNOWN_CAUSES: Readonly<Record<UnknownEvidence['limit'], string>> = {
  configurations: 'the search used up its budget of configurations',
  time: 'the search ran out of time',
  memory: "the search's cache reached its size limit",
  stopped: 'not finished because another part failed first, which decides the verdict (npm run check --all-parts finishes every part)',
};
const CAUSE_LABELS_MAX = 20;

/** Why parts ended unknown, one line per cause, naming the parts (capped, and saying so). */
function unknownCauses(check: LinearizabilityCheck): string[] {
  const byLimit = new Map<UnknownEvidence['limit'], string[]>();
  for (const part of check.evidence.parts) {
    if (part.unknown === undefined) continue;
    const labels = byLimit.get(part.unknown.limit) ?? [];
    labels.push(`${part.label} (prefix of ${part.unknown.prefix.length})`);
    byLimit.set(part.unknown.limit, labels);
  }
  return [...byLimit].map(([limit, labels]) => {
    const named = labels.slice(0, CAUSE_LABELS_MAX).join(', ');
    const more = labels.length > CAUSE_LABELS_MAX ? ` and ${labels.length - CAUSE_LABELS_MAX} more` : '';
    return `${labels.length} part${labels.length === 1 ? '' : 's'} unknown: ${UNKNOWN_CAUSES[limit] ?? limit} — ${named}${more}.`;
  });
}

function stopNote(input: ReportInput): string {
  const stop = input.stop;
  // Stopping at the duration with nothing pending is how time-bounded scenarios end: not news.
  if (stop === undefined || (stop.reason !== 'crashed' && stop.pending.length === 0 && stop.error === undefined)) return '';
  const reasons: Record<string, string> = {
    done: 'The run finished',
    duration: 'The run hit its duration limit',
    events: 'The run hit its event limit',
    crashed: 'The simulation itself crashed',
  };
  const pending = stop.pending.length === 0 ? '' : `<ul>${stop.pending.map((p) => `<li>${escapeHtml(p)}</li>`).join('')}</ul>`;
  const error = stop.error === undefined ? '' : `<pre class="error">${escapeHtml(stop.error)}</pre>`;
  return `<div class="stop-note"><strong>${escapeHtml(reasons[stop.reason] ?? stop.reason)}.</strong>${stop.pending.length > 0 ? ' Still pending:' : ''}${pending}${error}</div>`;
}

function optionsBlock(input: ReportInput): string {
  const parts: string[] = [];
  if (input.drawn !== undefined && Object.keys(input.drawn).length > 0) {
    parts.push(`<div class="options-drawn"><h2>Drawn from the seed</h2>${optionsTable(input.drawn)}</div>`);
  }
  if (input.options !== undefined && Object.keys(input.options).length > 0) {
    parts.push(`<details class="options-all"><summary>All options (${Object.keys(input.options).length})</summary>${optionsTable(input.options)}</details>`);
  }
  if (input.faultPlan !== undefined && input.faultPlan.steps.length > 0) {
    const rows = input.faultPlan.steps.map((step) => `<tr><td class="num">${step.atUs}</td><td><code>${escapeHtml(JSON.stringify(step.fault))}</code></td></tr>`);
    parts.push(`<details class="fault-plan"><summary>Fault plan (${input.faultPlan.steps.length} steps)</summary><table><thead><tr><th>at µs</th><th>fault</th></tr></thead><tbody>${rows.join('')}</tbody></table></details>`);
  }
  return parts.length === 0 ? '' : `<div class="options">${parts.join('')}</div>`;
}

/** Operations by outcome. */
export function outcomeCounts(operations: readonly Operation[]): { ok: number; fail: number; info: number } {
  const counts = { ok: 0, fail: 0, info: 0 };
  for (const op of operations) counts[op.outcome]++;
  return counts;
}
