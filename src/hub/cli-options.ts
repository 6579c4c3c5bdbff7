import { parseArgs } from 'node:util';
import { z } from 'zod';

export class HubUsageError extends Error {
  override name = 'HubUsageError';
}

export interface HubCliOptions {
  host: string;
  port: number;
  dataDir: string;
  name: string | undefined;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
}

export const HUB_USAGE = 'Usage: npm run hub -- --data-dir DIR [--port 7430] [--host 127.0.0.1] [--name "My hub"] [--log-level info]';

const optionsSchema = z.object({
  host: z.string().trim().min(1),
  port: z.coerce.number().int().min(0).max(65535),
  'data-dir': z.string().trim().min(1, 'where hub.db lives is required'),
  name: z.string().trim().min(1).max(64).optional(),
  'log-level': z.enum(['debug', 'info', 'warn', 'error']),
});

/** Parses the `hub` command's arguments; `IST_HUB_DATA_DIR` stands in for `--data-dir`. */
export function parseHubOptions(argv: string[], env: NodeJS.ProcessEnv): HubCliOptions {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '7430' },
        'data-dir': { type: 'string', default: env.IST_HUB_DATA_DIR ?? '' },
        name: { type: 'string' },
        'log-level': { type: 'string', default: 'info' },
      },
    }));
  } catch (error) {
    throw new HubUsageError(`${(error as Error).message}\n${HUB_USAGE}`);
  }
  const parsed = optionsSchema.safeParse(values);
  if (!parsed.success) throw new HubUsageError(`${parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ')}\n${HUB_USAGE}`);
  const o = parsed.data;
  return { host: o.host, port: o.port, dataDir: o['data-dir'], name: o.name, logLevel: o['log-level'] };
}
