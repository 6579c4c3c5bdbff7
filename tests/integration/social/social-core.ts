import { createCore, type Core, type CoreOptions } from '../../../src/core/create-core';
import { silentLogger } from '../../../src/core/logging/file-logger';
import type { MarketFeed } from '../../../src/core/market/market-feed';
import type { Logger } from '../../../src/core/ports';
import { profilePaths } from '../../../src/core/profile/profile-paths';
import { createEncryptedFileSecretStore } from '../../../src/core/secrets/encrypted-file-secret-store';
import type { EventPayload, HubStatus, TopicName } from '../../../src/shared/contract';

export interface SocialCoreOptions {
  /** A remote hub; unset: the embedded one. */
  hubUrl?: string;
  /** Opens the encrypted secret store (sessions and strategy keys are kept in it). */
  passphrase?: string;
  logger?: Logger;
  clock?: { now(): number };
  community?: boolean;
  /** The market data source (the synthetic market by default). */
  feed?: MarketFeed;
}

/** A real core on a real SQLite file, with fast hub reconnects and no simulated community unless asked. */
export function createSocialCore(dataDir: string, options: SocialCoreOptions = {}): Core {
  const core: CoreOptions = {
    host: 'headless',
    version: '0.0.0-test',
    statusIntervalMs: 0,
    validateResults: true,
    community: options.community ?? false,
    hubConnection: { requestTimeoutMs: 5000, backoff: { baseMs: 50, maxMs: 200 }, heartbeatMs: 60_000 },
    ports: {
      clock: options.clock ?? { now: () => Date.now() },
      logger: options.logger ?? silentLogger,
      secrets: createEncryptedFileSecretStore(`${dataDir}/secrets.enc.json`, options.passphrase),
      paths: profilePaths(dataDir),
    },
  };
  if (options.hubUrl) core.hubUrl = options.hubUrl;
  if (options.feed) core.feed = options.feed;
  return createCore(core);
}

/** Resolves with the first `hub.status` (current or next) that satisfies `test`. */
export function hubStatus(core: Core, test: (s: HubStatus) => boolean): Promise<HubStatus> {
  const now = core.social.status();
  if (test(now)) return Promise.resolve(now);
  return new Promise((resolve) => {
    const off = core.on('hub.status', (s) => {
      if (!test(s)) return;
      off();
      resolve(s);
    });
  });
}

export const online = (core: Core): Promise<HubStatus> => hubStatus(core, (s) => s.state === 'online');

/** Resolves with the next event of `topic` satisfying `test`. */
export function nextEvent<T extends TopicName>(core: Core, topic: T, test: (p: EventPayload<T>) => boolean = () => true): Promise<EventPayload<T>> {
  return new Promise((resolve) => {
    const off = core.on(topic, (p) => {
      if (!test(p)) return;
      off();
      resolve(p);
    });
  });
}

/** A logger that keeps its records and lets a test wait for a message. */
export function watchingLogger(): Logger & {
  records: Array<{ level: string; msg: string; fields: Record<string, unknown> }>;
  /** The next record with this message. */
  next(msg: string): Promise<Record<string, unknown>>;
  /** The first record with this message, logged already or still to come. */
  seen(msg: string): Promise<Record<string, unknown>>;
} {
  const records: Array<{ level: string; msg: string; fields: Record<string, unknown> }> = [];
  const waiters: Array<{ msg: string; resolve(fields: Record<string, unknown>): void }> = [];
  const write = (level: string, bindings: Record<string, unknown>, fields: Record<string, unknown>, msg: string): void => {
    const all = { ...bindings, ...fields };
    records.push({ level, msg, fields: all });
    for (const w of [...waiters]) {
      if (w.msg !== msg) continue;
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(all);
    }
  };
  const make = (bindings: Record<string, unknown>): Logger => ({
    debug: (fields, msg) => write('debug', bindings, fields, msg),
    info: (fields, msg) => write('info', bindings, fields, msg),
    warn: (fields, msg) => write('warn', bindings, fields, msg),
    error: (fields, msg) => write('error', bindings, fields, msg),
    child: (more) => make({ ...bindings, ...more }),
  });
  return Object.assign(make({}), {
    records,
    next: (msg: string) => new Promise<Record<string, unknown>>((resolve) => waiters.push({ msg, resolve })),
    seen(msg: string) {
      const found = records.find((r) => r.msg === msg);
      return found ? Promise.resolve(found.fields) : new Promise<Record<string, unknown>>((resolve) => waiters.push({ msg, resolve }));
    },
  });
}
