import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { defaultDataDir } from './default-data-dir';

export class UsageError extends Error {
  override name = 'UsageError';
}

export interface ServeOptions {
  host: string;
  port: number;
  dataDir: string;
  allowRemote: boolean;
  passphrase: string | undefined;
  build: boolean;
  /** The embedded hub's simulated community (off with `--no-community`). */
  community: boolean;
  /** A remote social hub instead of the embedded one. */
  hubUrl: string | undefined;
}

const optionsSchema = z.object({
  host: z.string().min(1),
  port: z.coerce.number().int().min(0).max(65535),
  'data-dir': z.string().min(1).optional(),
  'allow-remote': z.boolean(),
  'passphrase-file': z.string().min(1).optional(),
  'no-build': z.boolean(),
  'no-community': z.boolean(),
  'hub-url': z
    .string()
    .url('a ws:// or wss:// URL')
    .refine((u) => URL.canParse(u) && ['ws:', 'wss:'].includes(new URL(u).protocol), 'a ws:// or wss:// URL')
    .optional(),
});

export const USAGE = `Usage: npm run serve -- [--host 127.0.0.1] [--port 7420] [--data-dir DIR] [--allow-remote] [--passphrase-file FILE] [--no-build] [--no-community] [--hub-url ws://HOST:PORT/hub/v1]`;

/** Parses `serve` arguments; the environment supplies `IST_PASSPHRASE` and `IST_DATA_DIR`. */
export function parseServeOptions(argv: string[], env: NodeJS.ProcessEnv): ServeOptions {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '7420' },
        'data-dir': { type: 'string' },
        'allow-remote': { type: 'boolean', default: false },
        'passphrase-file': { type: 'string' },
        'no-build': { type: 'boolean', default: false },
        'no-community': { type: 'boolean', default: false },
        'hub-url': { type: 'string' },
      },
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const parsed = optionsSchema.safeParse(values);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ');
    throw new UsageError(`${detail}\n${USAGE}`);
  }
  const o = parsed.data;
  let passphrase = env.IST_PASSPHRASE || undefined;
  if (o['passphrase-file']) {
    try {
      passphrase = fs.readFileSync(o['passphrase-file'], 'utf8').replace(/\r?\n$/, '');
    } catch (error) {
      throw new UsageError(`Cannot read --passphrase-file ${o['passphrase-file']}: ${(error as Error).message}`);
    }
  }
  return {
    host: o.host,
    port: o.port,
    dataDir: o['data-dir'] ?? env.IST_DATA_DIR ?? defaultDataDir(process.platform, env),
    allowRemote: o['allow-remote'],
    passphrase,
    build: !o['no-build'],
    community: !o['no-community'],
    hubUrl: o['hub-url'],
  };
}

const LOOPBACK = /^(127(\.\d{1,3}){3}|::1|localhost)$/i;

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.test(host);
}

/** A server reachable from the network must be asked for explicitly. */
export function assertHostAllowed(host: string, allowRemote: boolean): void {
  if (!isLoopbackHost(host) && !allowRemote) {
    throw new UsageError(
      `Refusing to listen on ${host}: it is reachable from other machines. Pass --allow-remote to do so on purpose (the token is still required), or use --host 127.0.0.1.`,
    );
  }
}
