/**
 * The HTML report at 100,000 operations: building the synthetic run, rendering the page (pure
 * function, string out), its size, and the time Chromium needs to open it from file:// and draw
 * the timeline. Goal: opens within a few seconds on a 2-core machine.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { renderRunReport } from '../../reports/run-report.ts';
import { reportsOutDir } from '../reports/browser-harness.ts';
import { syntheticRun } from '../reports/synthetic.ts';
import { registerBench } from './registry.ts';

const OPERATIONS = 100_000;

registerBench({
  name: 'reports',
  doc: `render a ${OPERATIONS}-operation report and open it in Chromium`,
  run() {
    const { record, operations } = syntheticRun(OPERATIONS);
    const renderStart = performance.now();
    const html = renderRunReport({ record, operations });
    const renderMs = performance.now() - renderStart;
    mkdirSync(reportsOutDir, { recursive: true });
    const path = join(reportsOutDir, 'bench-100k.html');
    writeFileSync(path, html);
    console.log(`render: ${renderMs.toFixed(0)} ms, ${(html.length / 1e6).toFixed(1)} MB`);
    const child = spawnSync(process.execPath, ['--import', 'tsx', join('test', 'bench', 'report-load.ts'), path], { encoding: 'utf8', timeout: 120_000 });
    const lines = `${child.stdout ?? ''}`.trim().split('\n');
    const ready = lines.find((line) => line.startsWith('ready-ms '));
    console.log(ready !== undefined ? `open in Chromium (file://, until drawn): ${ready.slice('ready-ms '.length)} ms` : `open in Chromium: ${lines.join(' ') || child.stderr?.trim() || 'no answer'}`);
  },
});
