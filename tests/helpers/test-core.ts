import { createCore, type Core, type CoreOptions } from '../../src/core/create-core';
import { silentLogger } from '../../src/core/logging/file-logger';
import type { MarketFeed } from '../../src/core/market/market-feed';
import type { Clock, Logger } from '../../src/core/ports';
import { profilePaths } from '../../src/core/profile/profile-paths';
import { createEncryptedFileSecretStore } from '../../src/core/secrets/encrypted-file-secret-store';

export interface TestCoreOptions {
  clock?: Clock;
  logger?: Logger;
  statusIntervalMs?: number;
  /** The market data source (the synthetic market by default). */
  feed?: MarketFeed;
  /** Check every result against the contract (default true: tests want it; benchmarks do not pay for it). */
  validateResults?: boolean;
  /** Opens the secret store (without one, live accounts cannot keep keys). */
  passphrase?: string;
  /** Live accounts' connection timings. */
  live?: CoreOptions['live'];
  /** The embedded hub's simulated community (default off: its backfill costs seconds of CPU). */
  community?: boolean;
}

/** A real core on a real SQLite file in `dataDir`, without timers unless asked. */
export function createTestCore(dataDir: string, options: TestCoreOptions = {}): Core {
  const paths = profilePaths(dataDir);
  return createCore({
    host: 'headless',
    version: '0.0.0-test',
    statusIntervalMs: options.statusIntervalMs ?? 0,
    validateResults: options.validateResults ?? true,
    ...(options.feed ? { feed: options.feed } : {}),
    ...(options.live ? { live: options.live } : {}),
    community: options.community ?? false,
    ports: {
      clock: options.clock ?? { now: () => Date.now() },
      logger: options.logger ?? silentLogger,
      secrets: createEncryptedFileSecretStore(`${dataDir}/secrets.enc.json`, options.passphrase),
      paths,
    },
  });
}

/** A logger that keeps its records, to assert on what was logged. */
export function recordingLogger(): Logger & { records: Array<{ level: string; msg: string; fields: Record<string, unknown> }> } {
  const records: Array<{ level: string; msg: string; fields: Record<string, unknown> }> = [];
  const make = (bindings: Record<string, unknown>): Logger => ({
    debug: (fields, msg) => records.push({ level: 'debug', msg, fields: { ...bindings, ...fields } }),
    info: (fields, msg) => records.push({ level: 'info', msg, fields: { ...bindings, ...fields } }),
    warn: (fields, msg) => records.push({ level: 'warn', msg, fields: { ...bindings, ...fields } }),
    error: (fields, msg) => records.push({ level: 'error', msg, fields: { ...bindings, ...fields } }),
    child: (more) => make({ ...bindings, ...more }),
  });
  return Object.assign(make({}), { records });
}
