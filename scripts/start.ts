import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT, RENDERER_DIR } from '../src/server/project-root';
import { ensureRendererBuilt } from '../src/server/renderer-build';

/**
 * `npm start`: the desktop app. When Electron cannot run here (its binary is missing and cannot be
 * downloaded, or there is no display), say so in one line and run the headless host instead.
 */
const root = PROJECT_ROOT;
const forwarded = process.argv.slice(2);

function electronBinary(): { path?: string; problem?: string } {
  const pkgDir = path.join(root, 'node_modules', 'electron');
  const located = (): string | undefined => {
    try {
      const rel = fs.readFileSync(path.join(pkgDir, 'path.txt'), 'utf8').trim();
      const full = path.join(pkgDir, 'dist', rel);
      return fs.existsSync(full) ? full : undefined;
    } catch {
      return undefined;
    }
  };
  const found = located();
  if (found) return { path: found };
  if (!fs.existsSync(path.join(pkgDir, 'install.js'))) return { problem: 'the electron package is not installed' };
  // Electron downloads its binary on first use; here that may be impossible (no internet).
  const attempt = spawnSync(process.execPath, [path.join(pkgDir, 'install.js')], { cwd: pkgDir, stdio: 'ignore', timeout: 60_000 });
  const after = located();
  if (after) return { path: after };
  return { problem: attempt.error ? `Electron's binary is missing and its download failed: ${attempt.error.message}` : "Electron's binary is missing and could not be downloaded" };
}

/** Runs `command` in the foreground: it gets our signals, and we exit with its code. */
function runForeground(command: string, args: string[]): void {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function runHeadless(reason: string): void {
  console.log(`Electron cannot run here (${reason}); starting the headless host instead — open the URL it prints.`);
  runForeground(process.execPath, ['--import', 'tsx', path.join(root, 'src/server/main.ts'), ...forwarded]);
}

const electron = electronBinary();
const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
if (!electron.path) {
  runHeadless(electron.problem ?? 'Electron is unavailable');
} else if (noDisplay) {
  runHeadless('there is no graphical display (DISPLAY and WAYLAND_DISPLAY are unset)');
} else {
  ensureRendererBuilt(root, RENDERER_DIR, (line) => console.log(line));
  runForeground(electron.path, [root, ...forwarded]);
}
