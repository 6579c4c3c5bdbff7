import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import readline from 'node:readline';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/temp-dir';
import { connect, ok } from './support';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');

/** Runs the `hub` command as `npm run hub` does (same Node, same entry), collecting its JSON log lines. */
function spawnHub(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/hub/main.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: Array<Record<string, unknown>> = [];
  const stderr: string[] = [];
  const waiters: Array<{ msg: string; resolve: (line: Record<string, unknown>) => void }> = [];
  readline.createInterface({ input: child.stdout }).on('line', (text) => {
    const line = JSON.parse(text) as Record<string, unknown>;
    lines.push(line);
    for (const w of waiters.filter((w) => w.msg === line.msg)) w.resolve(line);
  });
  readline.createInterface({ input: child.stderr }).on('line', (l) => stderr.push(l));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  const logged = (msg: string) => new Promise<Record<string, unknown>>((resolve) => waiters.push({ msg, resolve }));
  return { child, lines, stderr, exited, logged };
}

describe('npm run hub', () => {
  it('logs JSON lines to stdout, serves at the logged URL and shuts down cleanly on SIGTERM', async () => {
    const dataDir = tempDir('ist-hub-cli-');
    const hub = spawnHub(['--port', '0', '--data-dir', dataDir, '--name', 'CLI hub']);
    try {
      const listening = await hub.logged('hub listening');
      expect(listening).toMatchObject({ level: 'info', component: 'hub', dataDir, embedded: false });
      const client = await connect({ url: String(listening.url) });
      expect(ok(await client.request('hub.hello', {}))).toMatchObject({ name: 'CLI hub', protocol: 1 });
      const closed = hub.logged('hub closed');
      hub.child.kill('SIGTERM');
      await closed;
      expect(await hub.exited).toBe(0);
      expect(hub.lines.every((l) => typeof l.time === 'string' && typeof l.level === 'string')).toBe(true);
    } finally {
      if (hub.child.exitCode === null) hub.child.kill('SIGKILL');
    }
  });

  it('explains bad arguments and exits with the usage code', async () => {
    const hub = spawnHub(['--port', 'seventy', '--data-dir', tempDir('ist-hub-cli-')]);
    expect(await hub.exited).toBe(64);
    expect(hub.stderr.join('\n')).toContain('Usage: npm run hub -- --data-dir DIR');
    const noDir = spawnHub(['--port', '0']);
    expect(await noDir.exited).toBe(64);
    expect(noDir.stderr.join('\n')).toContain('--data-dir');
  });
});
