import type { Operation } from '../sim/history.ts';
import { escapeHtml } from './escape.ts';
import { clip, valueText } from './format.ts';

/** `#op-<id>` link to an operation on the timeline; the page's script handles the anchor. */
export function opLink(id: number, text?: string): string {
  return `<a class="op-link" href="#op-${id}">${escapeHtml(text ?? `op ${id}`)}</a>`;
}

/** A verdict badge: PASS, FAIL or UNKNOWN, with colour and words (never colour alone). */
export function verdictBadge(valid: boolean | 'unknown'): string {
  if (valid === true) return '<span class="badge pass">pass</span>';
  if (valid === false) return '<span class="badge fail">FAIL</span>';
  return '<span class="badge unknown">unknown</span>';
}

/** A two-column table of option names and values, in the given (already stable) order. */
export function optionsTable(options: Readonly<Record<string, string | number | boolean>>): string {
  const rows = Object.entries(options).map(([name, value]) => `<tr><th scope="row">${escapeHtml(name)}</th><td><code>${escapeHtml(String(value))}</code></td></tr>`);
  return `<table class="kv">${rows.join('')}</table>`;
}

/** An operation in one line: `p3 get "x" nil → 4 (ok)`; values are clipped, never the outcome. */
export function describeOperation(op: Operation): string {
  const key = op.key === undefined ? '' : ` ${JSON.stringify(op.key)}`;
  const result = op.outcome === 'info' ? '? (info: outcome unknown)' : `${clip(valueText(op.output), 120)} (${op.outcome})`;
  return `p${op.process} ${op.f}${key} ${clip(valueText(op.input), 120)} → ${result}`;
}
