import path from 'node:path';
import { ensureRendererBuilt } from '../../src/server/renderer-build';
import { resolveChromium } from './chromium-path';

/** Fails fast without a browser, and builds the UI once before the hosts start. */
export default function globalSetup(): void {
  resolveChromium();
  const root = path.resolve(import.meta.dirname, '..', '..');
  ensureRendererBuilt(root, path.join(root, 'out', 'renderer'), (line) => console.log(line));
}
