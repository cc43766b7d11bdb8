import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), 'screenshots');
/** screens of the live desk and board, kept for a person to look at after a run */
export const RESULTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'test-results');

/** The machine's Chromium, headless, with nothing of its own going to the network. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface TWatchedPage {
  page: Page;
  /** requests the page tried to make to anywhere but the server under test (all refused) */
  outside: string[];
  /** uncaught exceptions and console errors other than the browser's own "failed to load" lines */
  errors: string[];
}

/** A page that may talk only to `origin`, with its errors collected for the test to check. */
export async function openPage(context: BrowserContext, origin: string): Promise<TWatchedPage> {
  const outside: string[] = [];
  const errors: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith(origin.replace(/^http/, 'ws'))) return route.continue();
    outside.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    // Chromium logs every 4xx response as a console error; those are expected here.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) errors.push(`console: ${message.text()}`);
  });
  return { page, outside, errors };
}

export async function screenshot(page: Page, name: string, folder = SCREENSHOTS, fullPage = true): Promise<string> {
  await mkdir(folder, { recursive: true });
  const path = join(folder, `${name}.png`);
  // from the top, so that sticky bars are drawn where they sit on a page nobody scrolled
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path, fullPage });
  return path;
}
