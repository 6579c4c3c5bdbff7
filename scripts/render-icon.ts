import path from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, resolveChromium } from '../tests/e2e/chromium-path';

/** Renders resources/icon.svg to the PNG sizes the desktop packages use (512 px is the source). */
const root = path.resolve(import.meta.dirname, '..');
const browser = await chromium.launch({ executablePath: resolveChromium(), args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width: 512, height: 512 } });
await page.goto(`file://${path.join(root, 'resources', 'icon.svg')}`);
await page.screenshot({ path: path.join(root, 'resources', 'icon.png'), omitBackground: true });
await browser.close();
console.log('Wrote resources/icon.png');
