import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

/**
 * Shared pieces of the browser tests: Debian's Chromium (never a downloaded browser), pages
 * opened from file:// with their console errors and network requests collected, and typed access
 * to the report's `window.faultlineTimeline` handle.
 */
export const CHROMIUM = '/usr/bin/chromium';
export const repoDir = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const reportsOutDir = join(repoDir, 'out', 'reports');
/** The shared data sits beside the clone, in CI as here. */
export const porcupineDir = resolve(repoDir, '../shared/data/porcupine-kv');
/** CI installs chromium (.ci/run) and must run these tests; elsewhere they are skipped without it. */
export const browserAvailable = existsSync(CHROMIUM) || process.env.CI === 'true';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

export interface OpenedPage {
  readonly page: Page;
  readonly errors: string[];
  readonly requests: string[];
  /** Milliseconds from navigation until the page's script said it was ready. */
  readonly readyMs: number;
}

/** Opens a report file and waits for its script to finish the first draw. */
export async function openReport(browser: Browser, path: string, options: { hash?: string; width?: number; height?: number } = {}): Promise<OpenedPage> {
  const page = await browser.newPage({ viewport: { width: options.width ?? 1300, height: options.height ?? 900 } });
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('request', (request) => {
    if (!request.url().startsWith('file:')) requests.push(request.url());
  });
  const startMs = Date.now();
  await page.goto(`${pathToFileURL(path).href}${options.hash ?? ''}`);
  await page.waitForSelector('body[data-ready="1"]', { timeout: 60_000 });
  return { page, errors, requests, readyMs: Date.now() - startMs };
}

interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

interface TimelineHandle {
  selected(): number;
  view(): [number, number];
  opBox(id: number): Box | null;
}

interface CanvasLike {
  readonly width: number;
  readonly clientWidth: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } };
}

interface PageGlobals {
  readonly faultlineTimeline: TimelineHandle;
  readonly document: { getElementById(id: string): unknown };
}

export function selectedOp(page: Page): Promise<number> {
  return page.evaluate(() => (globalThis as unknown as PageGlobals).faultlineTimeline.selected());
}

/** Where an operation's bar is drawn, in canvas CSS pixels, or null when it is out of view. */
export function opBox(page: Page, id: number): Promise<Box | null> {
  return page.evaluate((op) => (globalThis as unknown as PageGlobals).faultlineTimeline.opBox(op), id);
}

/** The RGBA of one canvas pixel at CSS coordinates. */
export function canvasPixel(page: Page, at: { x: number; y: number }): Promise<number[]> {
  return page.evaluate(({ x, y }) => {
    const canvas = (globalThis as unknown as PageGlobals).document.getElementById('timeline-canvas') as CanvasLike;
    const scale = canvas.width / canvas.clientWidth;
    return [...canvas.getContext('2d').getImageData(Math.round(x * scale), Math.round(y * scale), 1, 1).data];
  }, at);
}
