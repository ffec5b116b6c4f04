import type { CandidateEvidence } from '../sim/check/evidence.ts';
import type { Operation } from '../sim/history.ts';
import { escapeHtml } from './escape.ts';
import { clip, formatCount, formatUs, valueText } from './format.ts';
import { describeOperation, opLink } from './html.ts';
import type { FailureView } from './linearizability-view.ts';

/** Failing parts explained in full; more are listed by name only (and the page says so). */
export const FAILURES_SHOWN_MAX = 10;
/** The prefix is listed up to this many operations before the failure; the rest is folded. */
const PREFIX_TAIL_SHOWN = 12;
const PREFIX_LINKS_MAX = 2_000;
const STATE_CHARS_MAX = 4_000;

/**
 * "Why not linearizable": for each failing part the sentence in plain words, the operation that
 * cannot be placed, the model state before it, every candidate with the model's reason, and the
 * longest linearizable prefix, with controls that show the failure (or everything) on the timeline.
 */
export function failureSection(failures: readonly FailureView[], operations: readonly Operation[]): string {
  if (failures.length === 0) return '';
  const shown = failures.slice(0, FAILURES_SHOWN_MAX).map((view) => failureBlock(view, operations));
  const more = failures.length > FAILURES_SHOWN_MAX
    ? `<p class="note">${formatCount(failures.length - FAILURES_SHOWN_MAX)} more failing parts are not explained here: ${failures.slice(FAILURES_SHOWN_MAX).map((v) => escapeHtml(v.part.label)).join(', ')}. Check them one at a time with <code>npm run check</code>.</p>`
    : '';
  return `<section class="why" aria-label="why not linearizable">${shown.join('')}${more}</section>`;
}

function failureBlock(view: FailureView, operations: readonly Operation[]): string {
  const { failure } = view;
  const blocked = operations[failure.blockedOperation];
  const sentences = failure.explanation.length > 0 ? failure.explanation : [`${blocked === undefined ? `operation ${failure.blockedOperation}` : describeOperation(blocked)} cannot be placed after any order of the operations before it.`];
  const heading = `Why ${escapeHtml(view.part.label)} is not linearizable`;
  const body = `<div class="plain">${sentences.map((s) => `<p>${escapeHtml(s)}</p>`).join('')}</div>
<div class="actions"><a class="button danger" href="#failure-${view.number}">Show the failure on the timeline</a><a class="button" href="#all">Show the full history</a></div>
<div class="failure-grid">
<div class="card blocked"><h3>Cannot be linearized</h3>${blocked === undefined ? `<p>operation ${failure.blockedOperation}</p>` : operationDetails(blocked)}</div>
<div class="card"><h3>Model state before it</h3><p class="muted">after the longest linearizable prefix (${formatCount(failure.prefix.length)} operations)</p><pre class="state">${escapeHtml(clip(valueText(failure.stateAfterPrefix), STATE_CHARS_MAX))}</pre></div>
</div>
<h3>Every candidate that could have gone next</h3>
${candidateTable(failure.candidates)}
<h3>Longest linearizable prefix</h3>
${prefixList(failure.prefix, operations)}`;
  // The first failure is open; the others are one click away, so the timeline stays near the top.
  if (view.number === 0) return `<article class="failure" id="why-${view.number}"><h2>${heading}</h2>${body}</article>`;
  return `<article class="failure folded" id="why-${view.number}"><details class="failure-fold"><summary><h2>${heading}</h2> <span class="muted">op ${failure.blockedOperation} cannot be linearized</span></summary>${body}</details></article>`;
}

function operationDetails(op: Operation): string {
  const rows: [string, string][] = [
    ['operation', `${op.f}${op.key === undefined ? '' : ` of key ${JSON.stringify(op.key)}`}`],
    ['process', `p${op.process}${op.node === undefined ? '' : ` via ${op.node}`}`],
    ['argument', clip(valueText(op.input), 400)],
    ['result', op.outcome === 'info' ? 'unknown (info)' : `${clip(valueText(op.output), 400)} (${op.outcome})`],
    ['invoked', `${formatUs(op.invokeUs)} (event ${op.invokeIndex})`],
    ['completed', op.completeUs === undefined ? 'never (info)' : `${formatUs(op.completeUs)} (event ${op.completeIndex ?? '?'})`],
  ];
  if (op.error !== undefined) rows.push(['error', op.error]);
  return `<p>${opLink(op.id, `op ${op.id}`)}</p><table class="kv">${rows.map(([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>`;
}

function candidateTable(candidates: readonly CandidateEvidence[]): string {
  if (candidates.length === 0) return '<p class="muted">No operation could go next.</p>';
  const rows = candidates.map((c) => {
    const why = c.outcome === 'rejected' ? (c.reason?.message ?? 'rejected by the model') : 'the model accepts it, but no order of the remaining operations works from the state it leaves';
    const after = c.stateAfter === undefined ? '' : `<code>${escapeHtml(clip(valueText(c.stateAfter), 200))}</code>`;
    return `<tr><td>${opLink(c.operation)}</td><td><code>${escapeHtml(clip(c.text, 200))}</code></td><td><span class="tag ${c.outcome}">${c.outcome}</span></td><td>${escapeHtml(why)}</td><td>${after}</td></tr>`;
  });
  return `<table class="candidates"><thead><tr><th>op</th><th>operation</th><th>outcome</th><th>why</th><th>state after</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function prefixList(prefix: readonly number[], operations: readonly Operation[]): string {
  if (prefix.length === 0) return '<p class="muted">Empty: not even the first operation can be linearized.</p>';
  const start = Math.max(0, prefix.length - PREFIX_TAIL_SHOWN);
  const items = prefix.slice(start).map((id) => {
    const op = operations[id];
    return `<li>${opLink(id)} <code>${escapeHtml(op === undefined ? '' : describeOperation(op))}</code></li>`;
  });
  const links = prefix.slice(0, PREFIX_LINKS_MAX).map((id) => opLink(id, String(id)));
  const cut = prefix.length > PREFIX_LINKS_MAX ? ` … (first ${formatCount(PREFIX_LINKS_MAX)} of ${formatCount(prefix.length)} shown)` : '';
  return `<p class="muted">${formatCount(prefix.length)} operations linearize in this order; on the timeline their linearization points are joined by a line.</p>${start > 0 ? `<p class="muted">The last ${PREFIX_TAIL_SHOWN}, after ${formatCount(start)} earlier ones:</p>` : ''}<ol class="prefix" start="${start + 1}">${items.join('')}</ol><details class="prefix-all"><summary>The whole prefix in order (operation ids)</summary><p class="id-list">${links.join(' ')}${cut}</p></details>`;
}
