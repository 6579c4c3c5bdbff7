import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** What `electron-vite build` bundles (renderer, preload, main); a newer file means the output is stale. */
const SOURCES = ['src/renderer', 'src/shared', 'src/preload', 'src/main', 'src/core', 'electron.vite.config.ts', 'package.json'];

export function newestMtime(root: string, entries: readonly string[] = SOURCES): number {
  let newest = 0;
  const visit = (p: string): void => {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch {
      return;
    }
    if (stat.isDirectory()) for (const child of fs.readdirSync(p)) visit(path.join(p, child));
    else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const entry of entries) visit(path.join(root, entry));
  return newest;
}

export function isRendererStale(root: string, rendererDir: string): boolean {
  const index = path.join(rendererDir, 'index.html');
  if (!fs.existsSync(index)) return true;
  // An installed package has the bundle but no sources: nothing to rebuild from.
  if (!fs.existsSync(path.join(root, 'src', 'renderer'))) return false;
  return newestMtime(root) > fs.statSync(index).mtimeMs;
}

/** Builds the renderer when it is missing or older than its sources. Returns whether it built. */
export function ensureRendererBuilt(root: string, rendererDir: string, say: (line: string) => void): boolean {
  if (!isRendererStale(root, rendererDir)) return false;
  say('Building the user interface (first start or sources changed)…');
  const bin = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'electron-vite.cmd' : 'electron-vite');
  const windows = process.platform === 'win32';
  // .cmd shims need a shell on Windows; quote the path, which may hold spaces.
  const result = spawnSync(windows ? `"${bin}"` : bin, ['build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], shell: windows });
  if (result.status !== 0) throw new Error(`Building the user interface failed (electron-vite build exited with ${result.status ?? result.signal}).`);
  return true;
}
