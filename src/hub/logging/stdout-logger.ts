import type { HubLogger } from '../hub-api';
import { redactFields } from './redact';

export type HubLogLevel = 'debug' | 'info' | 'warn' | 'error';
const LEVELS: Record<HubLogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface StreamLoggerOptions {
  level?: HubLogLevel;
  clock: { now(): number };
  /** Where lines go; process.stdout for the `hub` command. */
  write(line: string): void;
}

/** JSON-lines logger (`{"time","level","msg",…fields}`), secrets redacted; never throws. */
export function createStreamLogger(options: StreamLoggerOptions): HubLogger {
  const threshold = LEVELS[options.level ?? 'info'];
  const emit = (level: HubLogLevel, bindings: Record<string, unknown>, fields: Record<string, unknown>, msg: string): void => {
    if (LEVELS[level] < threshold) return;
    try {
      const record = { time: new Date(options.clock.now()).toISOString(), level, msg, ...(redactFields({ ...bindings, ...fields }) as Record<string, unknown>) };
      options.write(`${JSON.stringify(record)}\n`);
    } catch {
      // A log line that cannot be written must not take a request down with it.
    }
  };
  const make = (bindings: Record<string, unknown>): HubLogger => ({
    debug: (fields, msg) => emit('debug', bindings, fields, msg),
    info: (fields, msg) => emit('info', bindings, fields, msg),
    warn: (fields, msg) => emit('warn', bindings, fields, msg),
    error: (fields, msg) => emit('error', bindings, fields, msg),
    child: (more) => make({ ...bindings, ...more }),
  });
  return make({});
}

/** Drops everything: the default when an embedding host passes no logger. */
export const silentHubLogger: HubLogger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  child: () => silentHubLogger,
};
