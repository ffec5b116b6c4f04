import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderCheckReport } from '../../reports/check-report.ts';
import type { LinearizabilityEvidence } from '../../sim/check/evidence.ts';
import { checkOperations } from '../../sim/check/linearizability.ts';
import { createModelFor } from '../../sim/check/models/registry.ts';
import { parseJepsenEdn } from '../../sim/formats/jepsen-edn.ts';
import type { History } from '../../sim/history.ts';
import { paired } from './fixtures.ts';

function load(name: string): History {
  const parsed = parseJepsenEdn(readFileSync(resolve('../shared/data/porcupine-kv', name), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value.history;
}

function render(name: string, elapsedClock?: () => number): { html: string; evidence: LinearizabilityEvidence } {
  const history = load(name);
  const operations = paired(history);
  const result = checkOperations(operations, { model: createModelFor('kv', operations), ...(elapsedClock !== undefined ? { budget: { nowMs: elapsedClock } } : {}) });
  const html = renderCheckReport({ source: name, model: 'kv', history, operations, result, command: `npm run check -- ${name} --model kv` });
  return { html, evidence: result.evidence as LinearizabilityEvidence };
}

describe('renderCheckReport', () => {
  it('explains a failing external history: the blocked operation, its prefix and the reason', () => {
    const { html, evidence } = render('c10-bad.txt');
    const failing = evidence.parts.filter((part) => part.failure !== undefined);
    const first = failing[0]?.failure;
    expect(first).toBeDefined();
    if (first === undefined) return;
    expect(html).toContain('<span class="badge fail">FAIL</span>');
    expect(html).toContain(`<div class="card blocked"><h3>Cannot be linearized</h3><p><a class="op-link" href="#op-${first.blockedOperation}">`);
    for (const id of first.prefix.slice(-5)) expect(html).toContain(`href="#op-${id}"`);
    const reason = first.candidates.find((c) => c.reason !== undefined)?.reason?.message ?? '';
    expect(reason).not.toBe('');
    expect(html).toContain(reason.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
    expect(html).toContain('none in the file: the axes count one event as 1 µs');
    // Every failing part gets its own explanation, the later ones folded.
    expect(html.match(/class="failure( folded)?" id="why-\d+"/g)).toHaveLength(failing.length);
  });

  it('reports a linearizable history as pass, without a failure section', () => {
    const { html } = render('c01-ok.txt');
    expect(html).toContain('<span class="overall"><span class="badge pass">pass</span></span>');
    expect(html).not.toContain('Jump to the failure');
    expect(html).not.toContain('id="why-0"');
  });

  it('is byte-identical for the same input when no clock is involved', () => {
    expect(render('c10-bad.txt').html).toBe(render('c10-bad.txt').html);
  });

  it('shows check time only when the checker had a clock, and says it varies', () => {
    let now = 0;
    const { html } = render('c01-ok.txt', () => (now += 1));
    expect(html).toContain('<th class="num">check time</th>');
    expect(html).toContain('wall-clock time of the search');
    expect(render('c01-ok.txt').html).not.toContain('check time');
  });
});
