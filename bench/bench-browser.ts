import { chromium, type Browser, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, resolveChromium } from '../tests/e2e/chromium-path';

/** The screen the chart benchmarks render on. */
export const VIEWPORT = { width: 1920, height: 1080 };

/** The mark the renderer sets as each chart pane paints (see src/renderer/src/perf/perf-probe.ts). */
export const PANE_PAINTED = 'ist:pane-painted';

/** Runs `fn` with a Chromium launched as the e2e tests launch it, closed afterwards whatever happens. */
export async function withBrowser<T>(fn: (browser: Browser) => Promise<T>): Promise<T> {
  const browser = await chromium.launch({ executablePath: resolveChromium(), args: CHROMIUM_ARGS });
  try {
    return await fn(browser);
  } finally {
    await browser.close();
  }
}

/** Resolves once `panes` chart panes of the page have painted. */
export async function waitForPanesPainted(page: Page, panes: number, timeoutMs: number): Promise<void> {
  // Page functions run in Chromium (the page's CSP forbids evaluating strings there).
  await page.waitForFunction(({ mark, n }) => performance.getEntriesByName(mark).length >= n, { mark: PANE_PAINTED, n: panes }, { timeout: timeoutMs });
}
