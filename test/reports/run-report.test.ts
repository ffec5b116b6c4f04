import { describe, expect, it } from 'vitest';
import { CLIENT_SCRIPT } from '../../reports/client-script.ts';
import { renderRunReport } from '../../reports/run-report.ts';
import type { TimelineData } from '../../reports/timeline-data.ts';
import { failingRun, HOSTILE_KEY, HOSTILE_VALUE } from './fixtures.ts';

function embeddedData(html: string): TimelineData {
  const match = /<script type="application\/json" id="report-data">([^<]*)<\/script>/.exec(html);
  if (match === null) throw new Error('no embedded data');
  return JSON.parse(match[1] as string) as TimelineData;
}

describe('renderRunReport', () => {
  const { record, operations } = failingRun();
  const html = renderRunReport({ record, operations });

  it('names the operation that cannot be placed, the prefix and the reason', () => {
    expect(html).toContain('Cannot be linearized');
    expect(html).toMatch(/class="card blocked"><h3>Cannot be linearized<\/h3><p><a class="op-link" href="#op-3">op 3<\/a>/);
    expect(html).toContain('<ol class="prefix" start="1"><li><a class="op-link" href="#op-0">op 0</a>');
    expect(html).toContain('href="#op-2"');
    expect(html).toContain('returned 1 but the key held');
    expect(html).toContain('after the last completed put the only possible value was');
    expect(html).toContain('Jump to the failure');
  });

  it('shows every verdict, the replay command and the run facts', () => {
    expect(html).toContain('<strong>linearizable</strong>');
    expect(html).toContain('<strong>convergence</strong>');
    expect(html).toContain('npm run scenario -- kv-partition --seed 42');
    expect(html).toContain('a1b2c3d4e5f60718');
    expect(html).toContain('16 ms');
    expect(html).toMatch(/6 — 5 ok · 0 fail · 1 info/);
    expect(html).toContain('messages per operation');
  });

  it('renders hostile keys and values as text, in markup and in the embedded data', () => {
    expect(html).not.toContain(HOSTILE_KEY);
    expect(html).not.toContain('</script><img');
    const scripts = [...html.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? '');
    expect(scripts).toHaveLength(3);
    for (const script of scripts) expect(script).not.toMatch(/[\u2028\u2029]|<\/|<!--/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html.match(/<script/g)).toHaveLength(3);
    const data = embeddedData(html);
    expect(data.keys).toContain(HOSTILE_KEY);
    expect(data.op.input).toContain(JSON.stringify(HOSTILE_VALUE));
    expect(data.marks.map((m) => m.detail)).toContain(HOSTILE_VALUE);
  });

  it('embeds the failure for the timeline: blocked op, prefix in order, points not before invocations', () => {
    const data = embeddedData(html);
    expect(data.failures).toHaveLength(1);
    const failure = data.failures[0];
    expect(failure?.blocked).toBe(3);
    expect(failure?.prefix).toEqual([0, 2]);
    expect(failure?.pointsUs).toEqual([1_000, 5_000]);
    expect(data.keys[failure?.key ?? -1]).toBe(HOSTILE_KEY);
    expect(data.op.completeUs[5]).toBe(-1);
  });

  it('is byte-identical for the same input', () => {
    const again = failingRun();
    expect(renderRunReport({ record: again.record, operations: again.operations })).toBe(html);
  });

  it('makes no network request: no external URL, and a policy that forbids them', () => {
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html).toContain("default-src 'none'");
  });

  it('ships a script that parses', () => {
    expect(() => new Function(CLIENT_SCRIPT)).not.toThrow();
  });

  it('explains a second failing part folded, so the timeline stays near the top', () => {
    const run = failingRun();
    const check = run.record.checks[0];
    const parts = run.evidence.parts;
    const secondFailure = parts[1]?.failure;
    if (check === undefined || parts[0] === undefined || secondFailure === undefined) throw new Error('fixture changed');
    const evidence = { ...run.evidence, parts: [{ ...parts[0], valid: false as const, failure: { ...secondFailure, blockedOperation: 4, prefix: [1], candidates: [], explanation: ['get of key "a" returned 5 too early.'], window: [1, 4] } }, parts[1]] };
    const record = { ...run.record, checks: [{ ...check, evidence }, ...run.record.checks.slice(1)] };
    const twice = renderRunReport({ record, operations: run.operations });
    expect(twice).toContain('<article class="failure" id="why-0"><h2>Why key &quot;a&quot; is not linearizable</h2>');
    expect(twice).toContain('<article class="failure folded" id="why-1"><details class="failure-fold"><summary><h2>Why key &quot;&lt;script&gt;');
    expect(twice).toContain('get of key &quot;a&quot; returned 5 too early.');
  });

  it('renders a run without client operations, and names what a stuck run left pending', () => {
    const run = failingRun();
    const record = { ...run.record, history: [], checks: [{ checker: 'liveness', valid: false as const, summary: 'clients still waiting after heal' }], stop: { reason: 'duration' as const, pending: ['p3 get "k" since 2 s'] } };
    const page = renderRunReport({ record, operations: [] });
    expect(page).toContain('No client operations in this run');
    expect(page).toContain('The run hit its duration limit.');
    expect(page).toContain('p3 get &quot;k&quot; since 2 s');
    expect(page).not.toContain('id="parts"');
    expect(embeddedData(page).op.lane).toEqual([]);
  });

  it('lists failing parts first in the part index', () => {
    const index = html.slice(html.indexOf('class="part-index"'), html.indexOf('</table>', html.indexOf('class="part-index"')));
    expect(index.indexOf('row-fail')).toBeGreaterThan(-1);
    expect(index.indexOf('&lt;script&gt;')).toBeLessThan(index.indexOf('key &quot;a&quot;'));
  });
});
