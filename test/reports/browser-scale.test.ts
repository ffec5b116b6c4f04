import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderRunReport } from '../../reports/run-report.ts';
import { browserAvailable, canvasPixel, launchChromium, openReport, reportsOutDir, selectedOp } from './browser-harness.ts';
import { syntheticRun } from './synthetic.ts';

/**
 * A 100,000-operation report opens and draws. The bound is generous on purpose (this machine is
 * shared); the load time is measured by `npm run bench -- reports`, not asserted here.
 */
describe.skipIf(!browserAvailable)('a 100,000-operation report in a browser', () => {
  it('loads, draws the whole history and shows the failure', async () => {
    const { record, operations } = syntheticRun(100_000);
    mkdirSync(reportsOutDir, { recursive: true });
    const path = join(reportsOutDir, 'synthetic-100k.html');
    writeFileSync(path, renderRunReport({ record, operations }));
    const browser = await launchChromium();
    try {
      const { page, errors, requests } = await openReport(browser, path);
      expect(await page.locator('#filter-note').textContent()).toMatch(/of 100000 operations/);
      const failure = record.checks[0]?.evidence as { parts: { failure?: { blockedOperation: number } }[] };
      const blocked = failure.parts.find((p) => p.failure !== undefined)?.failure?.blockedOperation;
      expect(await selectedOp(page)).toBe(blocked);
      await page.click('a[href="#all"]');
      expect(await page.locator('#filter-note').textContent()).toBe('All 100000 operations shown.');
      // Mid-timeline, inside the process lanes, the canvas is painted (not the white background).
      const canvas = await page.locator('#timeline-canvas').boundingBox();
      const [r = 255, g = 255, b = 255] = await canvasPixel(page, { x: (canvas?.width ?? 800) / 2, y: 140 });
      expect(r + g + b).toBeLessThan(3 * 240);
      await page.locator('#timeline').screenshot({ path: join(reportsOutDir, 'synthetic-100k-timeline.png') });
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
