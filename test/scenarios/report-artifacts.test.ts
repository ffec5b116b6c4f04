import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkCli } from '../../scenarios/cli/check-command.ts';
import { HTML_REPORT_FILE, reportArtifacts } from '../../scenarios/report-artifacts.ts';
import { failingRun } from '../reports/fixtures.ts';

const work = mkdtempSync(join(tmpdir(), 'faultline-report-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('report artifacts of a run', () => {
  const { record } = failingRun();
  const files = new Map(reportArtifacts.map((artifact) => [artifact.file, artifact.render(record)]));

  it('writes the HTML report, results.json and the history as EDN and JSON lines', () => {
    expect([...files.keys()]).toEqual([HTML_REPORT_FILE, 'results.json', 'history.edn', 'history.jsonl']);
    expect(files.get(HTML_REPORT_FILE)).toContain('Why key &quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot; is not linearizable');
    expect(JSON.parse(files.get('results.json') ?? '').map((c: { checker: string }) => c.checker)).toEqual(['linearizable', 'convergence']);
    expect(files.get('history.jsonl')?.trim().split('\n')).toHaveLength(record.history.length);
    expect(files.get('history.edn')?.trim().split('\n')).toHaveLength(record.history.length);
  });

  it('is byte-identical for the same record', () => {
    const again = failingRun().record;
    for (const artifact of reportArtifacts) expect(artifact.render(again)).toBe(files.get(artifact.file));
  });
});

describe('npm run check --out', () => {
  it('writes the report of an external history and its companions', () => {
    const out = join(work, 'c10', 'report.html');
    const lines: string[] = [];
    const code = checkCli([resolve('../shared/data/porcupine-kv/c10-bad.txt'), '--model', 'kv', '--out', out], { stdout: (t) => lines.push(t), stderr: (t) => lines.push(t) });
    expect(code).toBe(1);
    expect(lines.at(-1)).toBe(`report: ${out}`);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('<span class="badge fail">FAIL</span>');
    expect(html).toContain('Cannot be linearized');
    expect(html).toContain('--model kv');
    for (const file of ['results.json', 'history.edn', 'history.jsonl']) expect(existsSync(join(work, 'c10', file))).toBe(true);
  });

  it('says in one line when the report cannot be written', () => {
    const errors: string[] = [];
    const code = checkCli([resolve('../shared/data/porcupine-kv/c01-ok.txt'), '--model', 'kv', '--out', '/etc/passwd/x/report.html'], { stdout: () => undefined, stderr: (t) => errors.push(t) });
    expect(code).toBe(64);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^cannot write the report to '\/etc\/passwd\/x\/report.html': .*--out$/);
  });
});
