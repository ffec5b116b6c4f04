/**
 * Opens one report file in Debian's Chromium and prints how long it took to be ready (script
 * parsed the data and drew the timeline). Run as a child of the reports bench, which is
 * synchronous; prints `ready-ms N` or `skipped: REASON`.
 */
import { existsSync } from 'node:fs';
import { CHROMIUM, launchChromium, openReport } from '../reports/browser-harness.ts';

const path = process.argv[2];
if (path === undefined || !existsSync(path)) {
  console.log('skipped: no report file given');
} else if (!existsSync(CHROMIUM)) {
  console.log(`skipped: ${CHROMIUM} is not installed`);
} else {
  const browser = await launchChromium();
  try {
    const opened = await openReport(browser, path);
    if (opened.errors.length > 0) console.log(`console errors: ${opened.errors.join(' | ')}`);
    console.log(`ready-ms ${opened.readyMs}`);
  } finally {
    await browser.close();
  }
}
