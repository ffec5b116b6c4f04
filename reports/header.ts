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
  const causes: string[] = [];
  if (lin !== undefined) {
    for (const part of lin.evidence.parts) {
      if (part.unknown !== undefined) causes.push(`${part.label}: search stopped at its ${part.unknown.limit} limit after a prefix of ${part.unknown.prefix.length} operations`);
    }
  }
  const causeList = causes.length === 0 ? '' : `<ul class="causes">${causes.slice(0, 20).map((c) => `<li>${escapeHtml(c)}</li>`).join('')}${causes.length > 20 ? `<li>… and ${causes.length - 20} more parts</li>` : ''}</ul>`;
  return `<li>${verdictBadge(check.valid)} <strong>${escapeHtml(check.checker)}</strong> — ${escapeHtml(check.summary)}${causeList}</li>`;
}

function stopNote(input: ReportInput): string {
  const stop = input.stop;
  if (stop === undefined || (stop.reason === 'done' && stop.pending.length === 0)) return '';
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
