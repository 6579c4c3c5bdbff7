import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import readline from 'node:readline';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const URL_LINE = /^http:\/\/127\.0\.0\.1:(\d+)\/\?token=([0-9a-f]{64})$/;

export interface ServeProcess {
  child: ChildProcess;
  url: string;
  port: number;
  token: string;
  stdout: string[];
  stderr: string[];
  /** Resolves with the exit code (or signal) once the process ends. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Spawns `serve` exactly as `npm run serve` does (same Node, same entry), without npm in between. */
export function spawnServe(args: string[], env: NodeJS.ProcessEnv = {}): Omit<ServeProcess, 'url' | 'port' | 'token'> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, IST_VALIDATE_RESULTS: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  readline.createInterface({ input: child.stdout! }).on('line', (l) => stdout.push(l));
  readline.createInterface({ input: child.stderr! }).on('line', (l) => stderr.push(l));
  const exited = once(child, 'exit').then(([code, signal]) => ({ code: code as number | null, signal: signal as NodeJS.Signals | null }));
  return { child, stdout, stderr, exited };
}

/**
 * Spawns `serve` and resolves once it has printed its URL. Rejects — and kills the child — if it
 * exits first or says nothing within the deadline.
 */
export async function startServe(args: string[], env: NodeJS.ProcessEnv = {}, deadlineMs = 30_000): Promise<ServeProcess> {
  const proc = spawnServe(args, env);
  let timer: NodeJS.Timeout | undefined;
  try {
    const match = await new Promise<RegExpMatchArray>((resolve, reject) => {
      const rl = readline.createInterface({ input: proc.child.stdout! });
      rl.on('line', (line) => {
        const m = line.match(URL_LINE);
        if (m) resolve(m);
      });
      void proc.exited.then((e) => reject(new Error(`serve exited (${e.code ?? e.signal}) before printing its URL: ${proc.stderr.join('\n')}`)));
      timer = setTimeout(() => reject(new Error(`serve printed no URL within ${deadlineMs} ms: ${proc.stderr.join('\n')}`)), deadlineMs);
    });
    return { ...proc, url: match[0], port: Number(match[1]), token: match[2]! };
  } catch (error) {
    if (proc.child.exitCode === null) proc.child.kill('SIGKILL');
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
