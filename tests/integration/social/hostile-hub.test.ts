import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/core/create-core';
import { streamFigures } from '../../../src/core/social/stream-figures';
import { streamInputs } from '../../../src/shared/social/stream-inputs';
import { ApiError } from '../../../src/shared/contract';
import type { Strategy } from '../../../src/shared/social/social-types';
import type { StrategyEvent } from '../../../src/shared/social/strategy-event';
import { tempDir } from '../../helpers/temp-dir';
import { startScriptedHub, type ScriptedHub } from './scripted-hub';
import type { Logger } from '../../../src/core/ports';
import { createSocialCore, hubStatus, nextEvent, online, watchingLogger } from './social-core';
import { DAY, streamFixture, tradingHistory, type StreamFixture } from './stream-fixture';

const FROM = Date.UTC(2025, 3, 1, 0, 30);
const NOW = Date.UTC(2025, 4, 20, 12);

let hub: ScriptedHub | undefined;
let core: Core | undefined;
afterEach(async () => {
  await core?.close();
  await hub?.close();
  core = undefined;
  hub = undefined;
});

/** A scripted hub serving `meta` and `served` (what it claims the stream is) for one strategy. */
async function serving(fixture: StreamFixture, served: () => StrategyEvent[], meta: () => Strategy = () => fixture.meta(), logger?: Logger): Promise<Core> {
  hub = await startScriptedHub();
  hub.handle('strategies.get', () => meta());
  hub.handle('strategies.events', (p) => {
    const all = served();
    const from = all.findIndex((x) => x.seq > Number(p.afterSeq ?? 0));
    return { events: from < 0 ? [] : all.slice(from, from + 1000), headSeq: meta().headSeq };
  });
  hub.handle('strategies.subscribe', (p) => ({ subscribed: (p.strategyIds as string[]).length }));
  core = createSocialCore(tempDir(), { hubUrl: hub.url, clock: { now: () => NOW }, ...(logger ? { logger } : {}) });
  await online(core);
  return core;
}

const figuresOf = (events: readonly StrategyEvent[]) => streamFigures(streamInputs(events.map((e) => e.body)), NOW);

describe('a strategy stream from the hub', () => {
  it('is verified event by event, and every figure is computed here from the verified events', async () => {
    const f = streamFixture(1);
    tradingHistory(f, FROM, 40);
    const c = await serving(f, () => f.events);
    const detail = await c.call('strategy.get', { strategyId: f.key.strategyId });
    expect(detail).toMatchObject({ stale: false, publishedAccountId: null, verification: { state: 'verified', verifiedSeq: f.events.length, headSeq: f.events.length, problem: null, checkedAt: NOW } });
    const expected = figuresOf(f.events);
    expect(detail).toMatchObject({ metrics: JSON.parse(JSON.stringify(expected.metrics)), recentTrades: JSON.parse(JSON.stringify(expected.recentTrades)) });
    expect((detail as { metrics: { closedTrips: number } }).metrics.closedTrips).toBe(40);
    expect(c.social.streams.events(f.key.strategyId, 0, 5000).map((e) => e.seq)).toEqual(f.events.map((e) => e.seq));
  });

  it('is served from the verified events stored here while the hub is down, marked stale', async () => {
    const f = streamFixture(11);
    tradingHistory(f, FROM, 35);
    const c = await serving(f, () => f.events);
    const fresh = (await c.call('strategy.get', { strategyId: f.key.strategyId })) as Record<string, unknown>;
    const offline = hubStatus(c, (s) => s.state === 'offline');
    await hub!.close();
    hub = undefined;
    await offline;
    expect(await c.call('strategy.get', { strategyId: f.key.strategyId })).toEqual({ ...fresh, stale: true });
    await expect(c.call('strategy.get', { strategyId: streamFixture(12).key.strategyId })).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });

  it('fetches only what is new on the next read, paged from the stored head', async () => {
    const f = streamFixture(2);
    tradingHistory(f, FROM, 5);
    const c = await serving(f, () => f.events);
    await c.call('strategy.get', { strategyId: f.key.strategyId });
    const first = f.events.length;
    f.add({ type: 'mark', time: FROM + 6 * DAY, equity: 10_050, grossExposure: 0 });
    const detail = await c.call('strategy.get', { strategyId: f.key.strategyId });
    expect(detail).toMatchObject({ verification: { state: 'verified', verifiedSeq: first + 1 } });
    const asked = hub!.requests.filter((r) => r.method === 'strategies.events').map((r) => r.params.afterSeq);
    expect(asked).toEqual([0, first]);
  });

  // What the hub serves, the problem found (code, seq), and how far the stream verified.
  const problems: Array<[string, (f: StreamFixture) => StrategyEvent[], string, number, number]> = [
    ['an altered event (tampered)', (f) => f.events.map((e) => (e.seq === 7 ? { ...e, body: { ...e.body, time: e.body.time, ...(e.body.type === 'fill' ? { price: e.body.price * 1.1 } : { equity: 1e6 }) } as StrategyEvent['body'] } : e)), 'bad_signature', 7, 6],
    ['a branch the publisher never continued (forked)', (f) => [...f.events.slice(0, 6), ...f.branchFrom(5, [{ type: 'mark', time: f.events[5]!.body.time + 1, equity: 1, grossExposure: 0 }]).map((e) => ({ ...e, seq: 7 })), ...f.events.slice(7)], 'fork', 7, 6],
    ['missing events (gapped)', (f) => f.events.filter((e) => e.seq !== 7 && e.seq !== 8), 'gap', 9, 6],
    ['events served again out of order (reordered)', (f) => [...f.events.slice(0, 8), f.events[3]!, ...f.events.slice(8)], 'reordered', 4, 8],
    ['events re-signed by another key', (f) => {
      const other = streamFixture(99);
      tradingHistory(other, FROM, 5);
      return [...f.events.slice(0, 6), { ...f.events[6]!, sig: other.events[6]!.sig }, ...f.events.slice(7)];
    }, 'bad_signature', 7, 6],
  ];

  for (const [what, serve, code, seq, verifiedSeq] of problems) {
    it(`fails verification on ${what}, and shows figures from the verified prefix only`, async () => {
      const f = streamFixture(3);
      tradingHistory(f, FROM, 10);
      const c = await serving(f, () => serve(f));
      const detail = await c.call('strategy.get', { strategyId: f.key.strategyId });
      expect(detail).toMatchObject({ verification: { state: 'failed', verifiedSeq, headSeq: f.events.length, problem: { code, seq } } });
      const verified = f.events.slice(0, verifiedSeq);
      expect((detail as { metrics: unknown }).metrics).toEqual(JSON.parse(JSON.stringify(figuresOf(verified).metrics)));
      // Nothing unverified reaches the store the copy executor reads.
      expect(c.social.streams.events(f.key.strategyId, 0, 5000)).toEqual(verified);
    });
  }

  it('fails verification when the hub swaps the strategy’s key, before or after its events were verified', async () => {
    const f = streamFixture(4);
    tradingHistory(f, FROM, 3);
    const other = streamFixture(5);
    let swapped = true;
    const c = await serving(f, () => f.events, () => (swapped ? f.meta({ publicKey: other.key.publicKey }) : f.meta()));
    expect(await c.call('strategy.get', { strategyId: f.key.strategyId })).toMatchObject({ verification: { state: 'failed', verifiedSeq: 0, problem: { code: 'wrong_strategy' } } });
    swapped = false;
    expect(await c.call('strategy.get', { strategyId: f.key.strategyId })).toMatchObject({ verification: { state: 'verified', verifiedSeq: f.events.length } });
    swapped = true;
    expect(await c.call('strategy.get', { strategyId: f.key.strategyId })).toMatchObject({ verification: { state: 'failed', verifiedSeq: f.events.length, problem: { code: 'wrong_strategy' } } });
  });

  it('catches a hub that rewrites history this core already verified', async () => {
    const f = streamFixture(6);
    tradingHistory(f, FROM, 3);
    let rewritten = false;
    const c = await serving(
      f,
      () => f.events,
      () => (rewritten ? f.meta({ headSeq: 5, headHash: 'f'.repeat(64) }) : f.meta()),
    );
    expect(await c.call('strategy.get', { strategyId: f.key.strategyId })).toMatchObject({ verification: { state: 'verified' } });
    rewritten = true;
    expect(await c.call('strategy.get', { strategyId: f.key.strategyId })).toMatchObject({ verification: { state: 'failed', problem: { code: 'fork', seq: 5 } } });
  });

  it('keeps an open strategy live: pushed events are verified, stored and announced; a jump fetches the gap', async () => {
    const f = streamFixture(7);
    tradingHistory(f, FROM, 2);
    const log = watchingLogger();
    const c = await serving(f, () => f.events, () => f.meta(), log);
    const seen: number[] = [];
    c.social.streams.onVerifiedEvent(f.key.strategyId, (e) => seen.push(e.seq));
    await c.call('strategy.get', { strategyId: f.key.strategyId });
    await hub!.received('strategies.subscribe');
    const head = f.events.length;

    const announced = nextEvent(c, 'strategy.event', (p) => p.seq === head + 1);
    hub!.push('strategy.event', { event: f.add({ type: 'mark', time: FROM + 3 * DAY, equity: 10_100, grossExposure: 0 }) });
    expect(await announced).toEqual({ strategyId: f.key.strategyId, seq: head + 1, type: 'mark', time: FROM + 3 * DAY });

    // Event head+2 never arrives as a push: head+3 does, and the core fetches what it missed.
    f.add({ type: 'mark', time: FROM + 4 * DAY, equity: 10_200, grossExposure: 0 });
    const caughtUp = nextEvent(c, 'strategy.event', (p) => p.seq === head + 3);
    hub!.push('strategy.event', { event: f.add({ type: 'mark', time: FROM + 5 * DAY, equity: 10_300, grossExposure: 0 }) });
    await caughtUp;
    expect(seen.slice(-3)).toEqual([head + 1, head + 2, head + 3]);

    // A pushed event that is not the strategy's: rejected, the stored chain unchanged.
    const forged = { ...f.branchFrom(head + 3, [{ type: 'mark', time: FROM + 6 * DAY, equity: 1, grossExposure: 0 }])[0]!, sig: f.events[0]!.sig };
    const checked = log.next('strategy stream failed verification');
    hub!.push('strategy.event', { event: forged });
    expect(await checked).toMatchObject({ strategyId: f.key.strategyId, code: 'bad_signature', seq: head + 4 });
    expect(c.social.streams.head(f.key.strategyId)).toMatchObject({ seq: head + 3, problem: { code: 'bad_signature', seq: head + 4 } });
  });
});

describe('the hub link', () => {
  it('counts malformed frames and answers, drops them, and keeps the connection', async () => {
    const f = streamFixture(8);
    tradingHistory(f, FROM, 1);
    const c = await serving(f, () => f.events);
    hub!.handle('feed.get', () => ({ posts: 'not a list' }));
    hub!.sendRaw('this is not JSON');
    hub!.sendRaw(JSON.stringify({ hello: 'world' }));
    hub!.sendRaw(JSON.stringify({ jsonrpc: '2.0', method: 'notification.new', params: { notification: 42 } }));
    hub!.sendRaw(JSON.stringify({ jsonrpc: '2.0', id: 999_999, result: {} }));
    const error = await c.call('social.feed', { tab: 'trending' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'UNAVAILABLE', message: expect.stringMatching(/cannot read.*no copy to show/s) });
    expect(c.social.hub.stats()).toEqual({ malformedFrames: 5, reconnects: 0 });
    // Still connected: the next read works.
    expect(await c.call('strategy.get', { strategyId: f.key.strategyId })).toMatchObject({ stale: false, verification: { state: 'verified' } });
    expect(await c.call('hub.status', {})).toMatchObject({ state: 'online', stats: { malformedFrames: 5, reconnects: 0 } });
  });

  it('reconnects with backoff after the hub drops it, and subscribes its live strategies again', async () => {
    const f = streamFixture(9);
    tradingHistory(f, FROM, 1);
    const c = await serving(f, () => f.events);
    await c.call('strategy.get', { strategyId: f.key.strategyId });
    await hub!.received('strategies.subscribe', 1);
    const back = nextEvent(c, 'hub.status', (s) => s.state === 'online' && (s.stats?.reconnects ?? 0) === 1);
    const lost = nextEvent(c, 'hub.status', (s) => s.state === 'offline');
    hub!.dropAll();
    expect((await lost).detail).toMatch(/Trying again/);
    await back;
    await hub!.received('strategies.subscribe', 2);
    expect(hub!.requests.filter((r) => r.method === 'strategies.subscribe').at(-1)!.params).toEqual({ strategyIds: [f.key.strategyId] });
  });

  it('passes the hub’s errors on with their code and message', async () => {
    const f = streamFixture(10);
    const c = await serving(f, () => f.events);
    hub!.handle('strategies.get', () => {
      throw new ApiError('NOT_FOUND', 'No strategy st_… on this hub');
    });
    await expect(c.call('strategy.get', { strategyId: f.key.strategyId })).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'No strategy st_… on this hub' });
  });
});
