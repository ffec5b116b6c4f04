import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderCheckReport } from '../../reports/check-report.ts';
import { renderRunReport } from '../../reports/run-report.ts';
import type { LinearizabilityEvidence } from '../../sim/check/evidence.ts';
import { checkOperations } from '../../sim/check/linearizability.ts';
import { createModelFor } from '../../sim/check/models/registry.ts';
import { parseJepsenEdn } from '../../sim/formats/jepsen-edn.ts';
import { browserAvailable, canvasPixel, launchChromium, openReport, opBox, porcupineDir, reportsOutDir, selectedOp } from './browser-harness.ts';
import { failingRun, paired } from './fixtures.ts';

/**
 * Reports opened from file:// in Chromium, checked as a person would: no console errors, no
 * network requests, the verdict and the failing operation visible, "jump to the failure" scrolling
 * to it, and an #op-N address restoring a selection. Screenshots go to out/reports/.
 */
describe.skipIf(!browserAvailable)('reports in a browser', () => {
  let browser: Browser;
  const runPath = join(reportsOutDir, 'failing-run.html');
  const c50Path = join(reportsOutDir, 'c50-bad.html');
  let c50Blocked = -1;

  beforeAll(async () => {
    mkdirSync(reportsOutDir, { recursive: true });
    const run = failingRun();
    writeFileSync(runPath, renderRunReport({ record: run.record, operations: run.operations }));
    const parsed = parseJepsenEdn(readFileSync(join(porcupineDir, 'c50-bad.txt'), 'utf8'));
    if (!parsed.ok) throw new Error(`c50-bad.txt: ${parsed.error.message}`);
    const operations = paired(parsed.value.history);
    const result = checkOperations(operations, { model: createModelFor('kv', operations) });
    const failure = (result.evidence as LinearizabilityEvidence).parts.find((part) => part.failure !== undefined)?.failure;
    if (failure === undefined) throw new Error('c50-bad.txt should not be linearizable');
    c50Blocked = failure.blockedOperation;
    writeFileSync(c50Path, renderCheckReport({ source: 'c50-bad.txt', model: 'kv', history: parsed.value.history, operations, result, command: 'npm run check -- c50-bad.txt --model kv' }));
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  /** The failing operation is selected, drawn inside the view, on screen, and outlined in red. */
  async function expectFailingOpVisible(page: Page, blocked: number): Promise<void> {
    expect(await selectedOp(page)).toBe(blocked);
    const box = await opBox(page, blocked);
    const canvas = await page.locator('#timeline-canvas').boundingBox();
    expect(box).not.toBeNull();
    expect(canvas).not.toBeNull();
    if (box === null || canvas === null) return;
    const top = canvas.y + box.y;
    expect(top).toBeGreaterThanOrEqual(0);
    expect(top + box.h).toBeLessThanOrEqual(page.viewportSize()?.height ?? 0);
    expect(await page.locator('#details').textContent()).toContain(`op ${blocked} ·`);
    // Just above the bar runs the red outline of "cannot be linearized" (inside the selection's black one).
    const [red = 0, green = 0, blue = 0] = await canvasPixel(page, { x: box.x + Math.min(box.w / 2, 30), y: box.y - 2.5 });
    expect(red - Math.max(green, blue)).toBeGreaterThan(80);
  }

  async function jumpFromTop(page: Page, blocked: number): Promise<void> {
    await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
    expect(await page.locator('#timeline-canvas').boundingBox().then((b) => (b?.y ?? 0) > 900)).toBe(true);
    await page.click('[data-action="jump-failure"]');
    await page.waitForFunction(() => (globalThis as unknown as { scrollY: number }).scrollY > 0);
    await expectFailingOpVisible(page, blocked);
  }

  it('a failing run: verdict and failing operation visible, jump works, no errors, no requests', async () => {
    const { page, errors, requests } = await openReport(browser, runPath);
    expect(await page.locator('.overall .badge').textContent()).toBe('FAIL');
    expect(await page.locator('.overall .badge').isVisible()).toBe(true);
    await jumpFromTop(page, 3);
    await page.screenshot({ path: join(reportsOutDir, 'failing-run.png'), fullPage: true });
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  });

  it('c50-bad: verdict and failing operation visible, jump works, no errors, no requests', async () => {
    const { page, errors, requests } = await openReport(browser, c50Path);
    expect(await page.locator('.overall .badge').textContent()).toBe('FAIL');
    await jumpFromTop(page, c50Blocked);
    await page.locator('#timeline').screenshot({ path: join(reportsOutDir, 'c50-bad-timeline.png') });
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  });

  it('part index links show each failing part; filters hide operations but never change a verdict', async () => {
    const { page, errors } = await openReport(browser, c50Path);
    const links = page.locator('.part-index a[href^="#failure-"]');
    expect(await links.count()).toBeGreaterThan(0);
    const last = links.last();
    const number = Number((await last.getAttribute('href'))?.slice('#failure-'.length));
    await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
    await last.click();
    if (number > 0) expect(await page.locator(`#why-${number} > details.failure-fold`).getAttribute('open')).not.toBeNull();
    const blockedText = await page.locator(`#why-${number} .card.blocked .op-link`).textContent();
    expect(await selectedOp(page)).toBe(Number(blockedText?.replace('op ', '')));
    const verdicts = await page.locator('.checks').textContent();
    await page.uncheck('input[data-filter="outcome"][value="0"]');
    expect(await page.locator('#filter-note').textContent()).toMatch(/^Showing 0 of 2024 operations/);
    expect(await page.locator('.checks').textContent()).toBe(verdicts);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('an #op-N address restores the selection, and clicking an operation link selects it', async () => {
    const { page, errors } = await openReport(browser, runPath, { hash: '#op-1' });
    expect(await selectedOp(page)).toBe(1);
    expect(await opBox(page, 1)).not.toBeNull();
    expect(await page.locator('#details').textContent()).toContain('op 1 ·');
    expect(await page.evaluate(() => (globalThis as unknown as { location: { hash: string } }).location.hash)).toBe('#op-1');
    await page.click('.prefix a[href="#op-2"]');
    expect(await selectedOp(page)).toBe(2);
    expect(await page.evaluate(() => (globalThis as unknown as { location: { hash: string } }).location.hash)).toBe('#op-2');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('clicking a performance chart moves the timeline to that time and marks the view there', async () => {
    const { page, errors } = await openReport(browser, runPath);
    const chart = page.locator('svg.perf-chart').last();
    const box = await chart.boundingBox();
    if (box === null) throw new Error('no chart');
    const left = Number(await chart.getAttribute('data-plot-left'));
    const right = Number(await chart.getAttribute('data-plot-right'));
    const endUs = Number(await chart.getAttribute('data-plot-end-us'));
    const scale = box.width / 1000;
    // Zoomed in, so the view can centre anywhere without meeting the ends of the run.
    await page.focus('#timeline-canvas');
    for (let i = 0; i < 4; i++) await page.keyboard.press('+');
    await chart.click({ position: { x: (left + 0.75 * (right - left)) * scale, y: 20 } });
    const [t0, t1] = await page.evaluate(() => (globalThis as unknown as { faultlineTimeline: { view(): [number, number] } }).faultlineTimeline.view());
    expect(Math.abs((t0 + t1) / 2 - 0.75 * endUs)).toBeLessThan(0.06 * endUs);
    const marked = Number(await chart.locator('.view-window').getAttribute('x'));
    expect(marked).toBeGreaterThan(left);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keyboard: arrows move the selection and the details follow', async () => {
    const { page, errors } = await openReport(browser, runPath, { hash: '#op-0' });
    await page.focus('#timeline-canvas');
    await page.keyboard.press('ArrowRight');
    expect(await selectedOp(page)).toBe(2);
    expect(await page.locator('#details').textContent()).toContain('op 2 ·');
    expect(errors).toEqual([]);
    await page.close();
  });
});
