import { afterEach, describe, expect, it } from 'vitest';
import { createNodeStreamCrypto, startHub, type Hub } from '../../../src/hub';
import type { Core } from '../../../src/core/create-core';
import { streamFigures } from '../../../src/core/social/stream-figures';
import { streamInputs } from '../../../src/shared/social/stream-inputs';
import type { Result } from '../../../src/shared/contract';
import { verifyChain } from '../../../src/shared/social/stream-chain';
import type { FillBody, StrategyEvent } from '../../../src/shared/social/strategy-event';
import type { Account } from '../../../src/shared/trading/account';
import type { Fill } from '../../../src/shared/trading/fill';
import { MARKET_OPEN } from '../../helpers/paper-harness';
import { createScriptedFeed, type ScriptedFeed } from '../../helpers/scripted-feed';
import { tempDir } from '../../helpers/temp-dir';
import { createSocialCore, hubStatus, online, watchingLogger } from './social-core';

const BTC = 'BTC/USDT';
const DAY = 86_400_000;
const PASS = 'publishing passphrase';
const crypto = createNodeStreamCrypto();
type Published = Result<'strategy.publish'>;

/** A clock the core and the hub share, moved by the test. */
function testClock() {
  let now = MARKET_OPEN;
  return { now: () => now++, advance: (ms: number) => void (now += ms), set: (t: number) => void (now = t) };
}

interface Rig {
  core: Core;
  feed: ScriptedFeed;
  account: Account;
}

const cores: Core[] = [];
const hubs: Hub[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
  for (const hub of hubs.splice(0)) await hub.close();
});

async function open(dataDir: string, clock: { now(): number }, options: { hubUrl?: string; passphrase?: string; logger?: ReturnType<typeof watchingLogger> } = {}): Promise<Rig> {
  const feed = createScriptedFeed(clock.now);
  const core = createSocialCore(dataDir, { clock, feed, passphrase: options.passphrase ?? PASS, ...(options.hubUrl ? { hubUrl: options.hubUrl } : {}), ...(options.logger ? { logger: options.logger } : {}) });
  cores.push(core);
  await online(core);
  return { core, feed, account: core.trading.accounts()[0]! };
}

async function close(rig: Rig): Promise<void> {
  cores.splice(cores.indexOf(rig.core), 1);
  await rig.core.close();
}

/** A market order that fills at the quote the test gives (or the last one, if the symbol is still live). */
async function trade(rig: Rig, side: 'buy' | 'sell', qty: number, price: number): Promise<Fill> {
  const filled = new Promise<Fill>((resolve) => {
    const off = rig.core.on('fills.new', (f) => {
      off();
      resolve(f);
    });
  });
  const placed = rig.core.call('orders.place', { accountId: rig.account.id, symbol: BTC, side, type: 'market', qty });
  await rig.feed.whenSubscribed(BTC);
  rig.feed.push({ symbol: BTC, bid: price, ask: price + 1 });
  await placed;
  return filled;
}

const account = async (rig: Rig): Promise<Account> => ((await rig.core.call('accounts.list', {})) as Account[]).find((a) => a.id === rig.account.id)!;

async function hubEvents(hub: { local(): { call(m: 'strategies.events', p: { strategyId: string }): Promise<{ events: StrategyEvent[] }>; close(): void } }, strategyId: string): Promise<StrategyEvent[]> {
  const client = hub.local();
  try {
    return (await client.call('strategies.events', { strategyId })).events;
  } finally {
    client.close();
  }
}

function expectValidChain(published: Published, events: readonly StrategyEvent[]): void {
  const result = verifyChain(crypto, published.strategy.publicKey, published.strategy.strategyId, events);
  expect(result.problem).toBeNull();
  expect(result.verified).toBe(events.length);
}

describe('publishing a paper account', () => {
  it('signs a mark, then every fill with the position and equity after it, and the hub accepts the chain', async () => {
    const clock = testClock();
    const rig = await open(tempDir(), clock);
    await rig.core.call('hub.signUp', { username: 'frank', password: 'frank password' });
    const published = (await rig.core.call('strategy.publish', { accountId: rig.account.id, name: 'Frank’s BTC', description: 'Momentum', acknowledge: true })) as Published;
    expect(published).toMatchObject({ accountId: rig.account.id, pending: 0, strategy: { name: 'Frank’s BTC', currency: 'USD', headSeq: 0 } });
    const start = await account(rig);

    const buy = await trade(rig, 'buy', 0.5, 50_000);
    const afterBuy = await account(rig);
    const sell = await trade(rig, 'sell', 0.2, 50_100);
    const afterSell = await account(rig);
    await rig.core.social.publisher.drain();

    const events = await hubEvents(rig.core.social.hub.embedded()!.hub, published.strategy.strategyId);
    expectValidChain(published, events);
    expect(events.map((e) => e.body.type)).toEqual(['mark', 'fill', 'fill']);
    expect(events[0]!.body).toMatchObject({ type: 'mark', equity: start.equity, grossExposure: 0 });
    expect(events[1]!.body).toEqual({
      type: 'fill',
      fillId: buy.id,
      symbol: BTC,
      assetClass: 'crypto',
      side: 'buy',
      qty: 0.5,
      price: buy.price,
      fee: buy.fee,
      fxRate: buy.fxRate,
      lotStep: expect.any(Number),
      time: buy.time,
      positionQty: 0.5,
      equity: afterBuy.equity,
    } satisfies FillBody);
    expect(events[2]!.body).toMatchObject({ fillId: sell.id, side: 'sell', qty: 0.2, positionQty: 0.3, equity: afterSell.equity });
    expect(await rig.core.call('strategy.mine', {})).toEqual([{ ...published, strategy: expect.objectContaining({ strategyId: published.strategy.strategyId }), pending: 0, lastPublishedAt: expect.any(Number) }]);
  });

  it('continues the chain exactly after a restart', async () => {
    const clock = testClock();
    const dataDir = tempDir();
    let rig = await open(dataDir, clock);
    await rig.core.call('hub.signUp', { username: 'grace', password: 'grace password' });
    const published = (await rig.core.call('strategy.publish', { accountId: rig.account.id, name: 'Grace', acknowledge: true })) as Published;
    await trade(rig, 'buy', 1, 40_000);
    await close(rig);

    rig = await open(dataDir, clock);
    expect(rig.core.social.status().user).toMatchObject({ username: 'grace' });
    await trade(rig, 'sell', 1, 40_500);
    await rig.core.social.publisher.drain();
    const events = await hubEvents(rig.core.social.hub.embedded()!.hub, published.strategy.strategyId);
    expectValidChain(published, events);
    expect(events.map((e) => [e.seq, e.body.type])).toEqual([
      [1, 'mark'],
      [2, 'fill'],
      [3, 'fill'],
    ]);
    expect(events[2]!.body).toMatchObject({ side: 'sell', positionQty: 0 });
  });

  it('publishes late, in order, the fills made while its key could not be read', async () => {
    const clock = testClock();
    const dataDir = tempDir();
    let rig = await open(dataDir, clock);
    await rig.core.call('hub.signUp', { username: 'gina', password: 'gina password' });
    const published = (await rig.core.call('strategy.publish', { accountId: rig.account.id, name: 'Gina', acknowledge: true })) as Published;
    await trade(rig, 'buy', 0.1, 40_000);
    await close(rig);

    // Started without the passphrase: the strategy's key cannot be read, so nothing can be signed.
    let log = watchingLogger();
    rig = await open(dataDir, clock, { passphrase: '', logger: log });
    const paused = log.seen('a published strategy is paused: its key cannot be read');
    const missed = await trade(rig, 'buy', 0.2, 40_100);
    expect(await paused).toMatchObject({ strategyId: published.strategy.strategyId });
    await close(rig);

    log = watchingLogger();
    rig = await open(dataDir, clock, { logger: log });
    expect(await log.seen('fills made while publishing was not running were published late')).toMatchObject({ fills: 1 });
    await rig.core.social.publisher.drain();
    const events = await hubEvents(rig.core.social.hub.embedded()!.hub, published.strategy.strategyId);
    expectValidChain(published, events);
    expect(events.map((e) => e.body.type)).toEqual(['mark', 'fill', 'fill']);
    expect(events[2]!.body).toMatchObject({ fillId: missed.id, qty: 0.2, positionQty: 0.3 });
  });

  it('publishes a paper reset as a capital flow of the difference, then a mark', async () => {
    const clock = testClock();
    const rig = await open(tempDir(), clock);
    await rig.core.call('hub.signUp', { username: 'heidi', password: 'heidi password' });
    const published = (await rig.core.call('strategy.publish', { accountId: rig.account.id, name: 'Heidi', acknowledge: true })) as Published;
    await trade(rig, 'buy', 0.1, 30_000);
    const before = await account(rig);
    await rig.core.call('accounts.reset', { accountId: rig.account.id, balance: 50_000 });
    await trade(rig, 'buy', 0.1, 30_000);
    await rig.core.social.publisher.drain();
    const events = await hubEvents(rig.core.social.hub.embedded()!.hub, published.strategy.strategyId);
    expectValidChain(published, events);
    expect(events.map((e) => e.body.type)).toEqual(['mark', 'fill', 'flow', 'mark', 'fill']);
    expect(events[2]!.body).toMatchObject({ type: 'flow', amount: expect.closeTo(50_000 - before.equity, 6) });
    expect(events[3]!.body).toMatchObject({ type: 'mark', equity: 50_000, grossExposure: 0 });
    // The position the reset dropped is gone from the stream too.
    expect(events[4]!.body).toMatchObject({ type: 'fill', positionQty: 0.1 });
  });

  it('computes its own profile from the verified events, as anyone else would', async () => {
    const clock = testClock();
    const rig = await open(tempDir(), clock);
    await rig.core.call('hub.signUp', { username: 'ivan', password: 'ivan password' });
    const published = (await rig.core.call('strategy.publish', { accountId: rig.account.id, name: 'Ivan', acknowledge: true })) as Published;
    await trade(rig, 'buy', 0.3, 20_000);
    await trade(rig, 'sell', 0.3, 20_400);
    await trade(rig, 'sell', 0.1, 20_300);
    await rig.core.social.publisher.drain();
    const detail = (await rig.core.call('strategy.get', { strategyId: published.strategy.strategyId })) as Result<'strategy.get'>;
    const events = await hubEvents(rig.core.social.hub.embedded()!.hub, published.strategy.strategyId);
    const expected = streamFigures(streamInputs(events.map((e) => e.body)), clock.now());
    expect(detail).toMatchObject({ publishedAccountId: rig.account.id, stale: false, verification: { state: 'verified', verifiedSeq: 4, headSeq: 4, problem: null } });
    expect(detail.metrics).toEqual(JSON.parse(JSON.stringify(expected.metrics)));
    expect(detail.recentTrades).toEqual(JSON.parse(JSON.stringify(expected.recentTrades)));
    expect(detail.recentTrades.map((t) => [t.side, t.closedAt === null])).toEqual([
      ['short', true],
      ['long', false],
    ]);
  });

  it('marks the equity at the end of each UTC day', async () => {
    const clock = testClock();
    const log = watchingLogger();
    const rig = await open(tempDir(), clock, { logger: log });
    await rig.core.call('hub.signUp', { username: 'ines', password: 'ines password' });
    const endOfDay = (Math.floor(clock.now() / DAY) + 1) * DAY;
    clock.set(endOfDay - 1500);
    const published = (await rig.core.call('strategy.publish', { accountId: rig.account.id, name: 'Ines', acknowledge: true })) as Published;
    expect(await log.next('end-of-day equity marks signed')).toMatchObject({ strategies: 1, time: endOfDay - 1 });
    await rig.core.social.publisher.drain();
    const events = await hubEvents(rig.core.social.hub.embedded()!.hub, published.strategy.strategyId);
    expectValidChain(published, events);
    expect(events.map((e) => [e.body.type, e.body.time])).toEqual([
      ['mark', expect.any(Number)],
      ['mark', endOfDay - 1],
    ]);
    expect(events[1]!.body).toMatchObject({ equity: (await account(rig)).equity, grossExposure: 0 });
  });

  it('refuses without a secret store to keep the key, and when signed out', async () => {
    const rig = await open(tempDir(), testClock(), { passphrase: '' });
    await expect(rig.core.call('strategy.publish', { accountId: rig.account.id, name: 'x', acknowledge: true })).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: expect.stringMatching(/Sign in/) });
    await rig.core.call('hub.signUp', { username: 'judy', password: 'judy password' });
    await expect(rig.core.call('strategy.publish', { accountId: rig.account.id, name: 'x', acknowledge: true })).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringMatching(/cannot store secrets now: No passphrase was given.*A lost key would end the strategy/s),
    });
    await expect(rig.core.call('strategy.publish', { accountId: rig.account.id, name: 'x' })).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
    expect(await rig.core.call('strategy.mine', {})).toEqual([]);
  });

  it('stops publishing on request: later fills stay private', async () => {
    const clock = testClock();
    const rig = await open(tempDir(), clock);
    await rig.core.call('hub.signUp', { username: 'ken', password: 'ken password' });
    const published = (await rig.core.call('strategy.publish', { accountId: rig.account.id, name: 'Ken', acknowledge: true })) as Published;
    await trade(rig, 'buy', 0.1, 10_000);
    expect(await rig.core.call('strategy.unpublish', { strategyId: published.strategy.strategyId })).toEqual({ ok: true });
    await trade(rig, 'sell', 0.1, 10_000);
    await rig.core.social.publisher.drain();
    expect((await hubEvents(rig.core.social.hub.embedded()!.hub, published.strategy.strategyId)).map((e) => e.body.type)).toEqual(['mark', 'fill']);
    expect(await rig.core.call('strategy.mine', {})).toEqual([]);
    await expect(rig.core.call('strategy.unpublish', { strategyId: published.strategy.strategyId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('following a published strategy', () => {
  it('verifies the leader’s events live in the follower’s core, and announces them', async () => {
    const clock = testClock();
    const hub = await startHub({ dataDir: tempDir(), port: 0, clock });
    hubs.push(hub);
    const followerDir = tempDir();
    const leader = await open(tempDir(), clock, { hubUrl: hub.url });
    const follower = await open(followerDir, clock, { hubUrl: hub.url });
    await leader.core.call('hub.signUp', { username: 'nina', password: 'nina password' });
    await follower.core.call('hub.signUp', { username: 'oscar', password: 'oscar password' });
    const published = (await leader.core.call('strategy.publish', { accountId: leader.account.id, name: 'Nina', acknowledge: true })) as Published;
    const { strategyId } = published.strategy;

    expect(await follower.core.call('social.follow', { target: { kind: 'strategy', id: strategyId } })).toMatchObject({ following: true, followers: 1 });
    // The follow catches up on what was published so far (the first mark).
    const caughtUp = new Promise<void>((resolve) => {
      const off = follower.core.social.streams.onVerifiedEvent(strategyId, (e) => {
        if (e.seq !== 1) return;
        off();
        resolve();
      });
    });
    await caughtUp;

    const seen: StrategyEvent[] = [];
    follower.core.social.streams.onVerified((id, e) => {
      if (id === strategyId) seen.push(e);
    });
    const announced = new Promise((resolve) => {
      const off = follower.core.on('strategy.event', (p) => {
        if (p.strategyId !== strategyId || p.seq !== 2) return;
        off();
        resolve(p);
      });
    });
    const fill = await trade(leader, 'buy', 0.25, 70_000);
    await leader.core.social.publisher.drain();
    expect(await announced).toEqual({ strategyId, seq: 2, type: 'fill', time: fill.time });
    expect(seen.map((e) => e.seq)).toEqual([2]);
    expect(follower.core.social.streams.events(strategyId, 0).map((e) => e.body.type)).toEqual(['mark', 'fill']);
    expect(follower.core.social.streams.head(strategyId)).toMatchObject({ seq: 2, problem: null });

    // The follow is remembered: after a restart the follower's core catches up on what it missed.
    await close(follower);
    await trade(leader, 'sell', 0.25, 70_500);
    await leader.core.social.publisher.drain();
    const again = await open(followerDir, clock, { hubUrl: hub.url });
    await new Promise<void>((resolve) => {
      if (again.core.social.streams.head(strategyId)?.seq === 3) return resolve();
      const off = again.core.social.streams.onVerifiedEvent(strategyId, (e) => {
        if (e.seq !== 3) return;
        off();
        resolve();
      });
    });
    expect(again.core.social.streams.events(strategyId, 0).map((e) => e.seq)).toEqual([1, 2, 3]);
  });
});

describe('the outbox', () => {
  it('keeps events signed while the hub is down and sends them in order when it is back, even after its 5-minute window', async () => {
    const clock = testClock();
    const hubDir = tempDir();
    let hub = await startHub({ dataDir: hubDir, port: 0, clock });
    hubs.push(hub);
    const port = hub.port;
    const log = watchingLogger();
    const rig = await open(tempDir(), clock, { hubUrl: hub.url, logger: log });
    await rig.core.call('hub.signUp', { username: 'leo', password: 'leo password' });
    const published = (await rig.core.call('strategy.publish', { accountId: rig.account.id, name: 'Leo', acknowledge: true })) as Published;

    const offline = hubStatus(rig.core, (s) => s.state === 'offline');
    hubs.splice(hubs.indexOf(hub), 1);
    await hub.close();
    await offline;
    await trade(rig, 'buy', 0.2, 60_000);
    await trade(rig, 'sell', 0.1, 60_100);
    expect(await rig.core.call('strategy.mine', {})).toMatchObject([{ pending: 2 }]);

    // Ten minutes later the hub is back: what waited is signed again and sent, in order.
    clock.advance(10 * 60_000);
    const sent = log.next('events that waited for the hub were signed again');
    hub = await startHub({ dataDir: hubDir, port, clock });
    hubs.push(hub);
    expect(await sent).toMatchObject({ events: 2 });
    await hubStatus(rig.core, (s) => s.state === 'online');
    await rig.core.social.publisher.drain();
    expect(await rig.core.call('strategy.mine', {})).toMatchObject([{ pending: 0 }]);
    const events = await hubEvents(hub, published.strategy.strategyId);
    expectValidChain(published, events);
    expect(events.map((e) => [e.seq, e.body.type])).toEqual([
      [1, 'mark'],
      [2, 'fill'],
      [3, 'fill'],
    ]);
    // Sending again is harmless: the hub acknowledges what it holds.
    expect(await rig.core.social.hub.call('strategies.publish', { events })).toMatchObject({ headSeq: 3 });
  });
});
