import type { Core } from '../../src/core/create-core';
import type { EventPayload, Result, TopicName } from '../../src/shared/contract';
import type { FakeBinance } from './fake-binance';
import { createTestCore } from './test-core';

export type Account = Result<'accounts.list'>[number];

/** Resolves with the first `topic` event that satisfies `match` (events from now on). */
export function nextEvent<T extends TopicName>(core: Core, topic: T, match: (payload: EventPayload<T>) => boolean = () => true): Promise<EventPayload<T>> {
  return new Promise((resolve) => {
    const off = core.on(topic, (payload) => {
      if (!match(payload)) return;
      off();
      resolve(payload);
    });
  });
}

/** Every `topic` event from now on, for assertions after the fact. */
export function collect<T extends TopicName>(core: Core, topic: T): EventPayload<T>[] {
  const seen: EventPayload<T>[] = [];
  core.on(topic, (payload) => void seen.push(payload));
  return seen;
}

/** Fast reconnects for tests: the real policy waits up to a minute. */
export const FAST_LIVE = { backoff: { baseMs: 20, maxMs: 200 }, heartbeatMs: 60_000, staleMs: 60_000, resolveForMs: 5_000, timeoutMs: 2_000 } as const;

export function createLiveTestCore(dataDir: string): Core {
  return createTestCore(dataDir, { passphrase: 'test passphrase', live: FAST_LIVE });
}

/** A Binance account pointed at the fake exchange, keys stored, connected (state live). */
export async function connectedBinanceAccount(core: Core, fake: FakeBinance): Promise<Account> {
  const account = (await core.call('accounts.create', { name: 'Binance', kind: 'ccxt', exchange: 'binance', endpoints: { rest: fake.restUrl, ws: fake.wsUrl } })) as Account;
  const live = nextEvent(core, 'accounts.connection', (c) => c.accountId === account.id && c.state === 'live');
  // Orders, fills and balances stream once the user-data subscription is in.
  const streaming = fake.events.waitFor('userSubscribe');
  await core.call('accounts.setCredentials', { accountId: account.id, apiKey: fake.apiKey, secret: fake.secret });
  await live;
  await streaming;
  return (await core.call('accounts.list', {}) as Account[]).find((a) => a.id === account.id)!;
}
