import { describe, expect, it } from 'vitest';
import { createNodeStreamCrypto, generateStrategyKey } from '../../../src/hub';
import { POOL_MIN_EVENTS } from '../../../src/hub/streams/stream-service';
import { eventHash } from '../../../src/shared/social/stream-chain';
import type { StrategyEvent } from '../../../src/shared/social/strategy-event';
import { connect, createParams, DAY, failed, fill, mark, member, nextPush, ok, startTestHub, StreamWriter, T0, testClock, trackRecord } from './support';

type Head = { headSeq: number; headHash: string };

/** A hub, a member and a strategy they created; the hub clock stands at T0 + 10 days. */
async function publisher() {
  const clock = testClock(T0 + 10 * DAY);
  const hub = await startTestHub({ clock, embedded: true });
  const owner = await member(hub, 'leader');
  const writer = new StreamWriter();
  ok(await owner.client.request('strategies.create', createParams(writer.key, 'leader')));
  const now = clock.now();
  const live = (i: number) => writer.next(mark(now + i, 10_000 + i), now + i);
  return { hub, clock, owner, writer, live };
}

describe('hub strategies and streams', () => {
  it('creates a strategy only with a key id that matches and a proof signed for this username', async () => {
    const hub = await startTestHub();
    const { client } = await member(hub, 'maker');
    const key = generateStrategyKey();
    const other = generateStrategyKey();
    const mismatched = failed(await client.request('strategies.create', { ...createParams(key, 'maker'), strategyId: other.strategyId }));
    expect(mismatched).toMatchObject({ code: 'INVALID_PARAMS' });
    expect(mismatched.message).toContain('is not the id of this public key');
    const wrongUser = failed(await client.request('strategies.create', createParams(key, 'somebody_else')));
    expect(wrongUser.message).toContain('The proof is not a signature');
    const created = ok<{ strategyId: string; owner: { username: string }; headSeq: number; simulated: boolean }>(await client.request('strategies.create', createParams(key, 'maker', 'Mean reversion')));
    expect(created).toMatchObject({ strategyId: key.strategyId, owner: { username: 'maker' }, headSeq: 0, simulated: false, name: 'Mean reversion', followers: 0, copiers: 0 });
    // A retried create by the owner returns the strategy as it is.
    expect(ok(await client.request('strategies.create', createParams(key, 'maker', 'Mean reversion')))).toMatchObject({ strategyId: key.strategyId });
    expect(ok(await client.request('users.get', { username: 'maker' }))).toMatchObject({ strategies: [{ strategyId: key.strategyId }] });
  });

  it('does not let a member claim another member\'s key or publish to another member\'s strategy', async () => {
    const { hub, owner, live } = await publisher();
    const thief = await member(hub, 'thief');
    const key = generateStrategyKey();
    ok(await owner.client.request('strategies.create', createParams(key, 'leader', 'Second')));
    // The thief holds a valid proof made for the owner, but not one made for themselves.
    expect(failed(await thief.client.request('strategies.create', createParams(key, 'leader'))).message).toContain('The proof is not a signature');
    const stolen = failed(await thief.client.request('strategies.publish', { events: [live(1)] }));
    expect(stolen).toMatchObject({ code: 'UNAUTHORIZED' });
    expect(stolen.message).toContain('You can publish only your own strategies');
  });

  it('appends a live stream, acknowledges retries of stored events, and pages events for followers', async () => {
    const { hub, owner, writer, live } = await publisher();
    const e1 = live(1);
    const e2 = live(2);
    const head = ok<Head>(await owner.client.request('strategies.publish', { events: [e1, e2] }));
    expect(head.headSeq).toBe(2);
    // A retry of what was sent (a lost reply) with one new event.
    const e3 = live(3);
    expect(ok<Head>(await owner.client.request('strategies.publish', { events: [e2, e3] })).headSeq).toBe(3);
    expect(ok<Head>(await owner.client.request('strategies.publish', { events: [e1] })).headSeq).toBe(3);
    const anyone = await connect(hub);
    const page = ok<{ events: StrategyEvent[]; headSeq: number }>(await anyone.request('strategies.events', { strategyId: writer.strategyId, afterSeq: 1, limit: 1 }));
    expect(page).toEqual({ events: [e2], headSeq: 3 });
    expect(ok(await anyone.request('strategies.get', { strategyId: writer.strategyId }))).toMatchObject({ headSeq: 3, headHash: eventHash(createNodeStreamCrypto(), e3) });
  });

  it('pushes each new event to subscribers (signed out too), and stops after unsubscribe', async () => {
    const { hub, owner, writer, live } = await publisher();
    const a = await connect(hub);
    const b = await connect(hub);
    expect(ok(await a.request('strategies.subscribe', { strategyIds: [writer.strategyId] }))).toEqual({ subscribed: 1 });
    ok(await b.request('strategies.subscribe', { strategyIds: [writer.strategyId] }));
    const atA = nextPush<{ event: StrategyEvent }>(a, 'strategy.event');
    const atB = nextPush<{ event: StrategyEvent }>(b, 'strategy.event');
    const e1 = live(1);
    ok(await owner.client.request('strategies.publish', { events: [e1] }));
    expect((await atA).event).toEqual(e1);
    expect((await atB).event).toEqual(e1);
    expect(ok(await b.request('strategies.unsubscribe', { strategyIds: [writer.strategyId] }))).toEqual({ subscribed: 0 });
    const next = nextPush<{ event: StrategyEvent }>(a, 'strategy.event');
    const e2 = live(2);
    ok(await owner.client.request('strategies.publish', { events: [e2] }));
    expect((await next).event.seq).toBe(2);
    // b's reply to a later request arrives after any push it would have had.
    ok(await b.request('hub.hello', {}));
    expect(b.notifications.filter((n) => n.method === 'strategy.event')).toEqual([]);
    expect(failed(await a.request('strategies.subscribe', { strategyIds: ['st_AAAAAAAAAAAAAAAAAAAAAAAA'] }))).toMatchObject({ code: 'NOT_FOUND' });
  });

  describe('rejects a bad batch whole, naming the problem and seq, and leaves the stored chain as it was', () => {
    async function rejected(build: (ctx: Awaited<ReturnType<typeof publisher>>) => StrategyEvent[]) {
      const ctx = await publisher();
      const stored = [ctx.live(1), ctx.live(2)];
      const before = ok<Head>(await ctx.owner.client.request('strategies.publish', { events: stored }));
      const error = failed(await ctx.owner.client.request('strategies.publish', { events: build(ctx) }));
      const after = ok<{ events: StrategyEvent[]; headSeq: number }>(await ctx.owner.client.request('strategies.events', { strategyId: ctx.writer.strategyId }));
      expect(after).toEqual({ events: stored, headSeq: before.headSeq });
      expect(error.code).toBe('INVALID_PARAMS');
      expect(error.message).toContain('Nothing of it was stored');
      return error as { code: string; message: string; data: { problem: { code: string; seq: number } } };
    }

    it('a tampered event (body changed, signature kept)', async () => {
      const error = await rejected(({ live }) => {
        const e3 = live(3);
        return [{ ...e3, body: { ...e3.body, equity: 99_999_999 } as StrategyEvent['body'] }];
      });
      expect(error.data.problem).toMatchObject({ code: 'bad_signature', seq: 3 });
      expect(error.message).toContain("seq 3 is not signed by the strategy's key");
    });

    it('a fork (a validly signed event that does not link to the head)', async () => {
      const error = await rejected(({ writer, clock }) => [writer.signRaw({ strategyId: writer.strategyId, seq: 3, prevHash: 'a'.repeat(64), ts: clock.now() + 3, body: mark(clock.now() + 3, 1) })]);
      expect(error.data.problem).toMatchObject({ code: 'fork', seq: 3 });
    });

    it('a gap', async () => {
      const error = await rejected(({ live }) => {
        live(3);
        return [live(4)];
      });
      expect(error.data.problem).toMatchObject({ code: 'gap', seq: 4 });
      expect(error.message).toContain('events 3–3 are missing');
    });

    it('a reorder inside the batch', async () => {
      const error = await rejected(({ live }) => {
        const e3 = live(3);
        const e4 = live(4);
        return [e4, e3];
      });
      expect(error.data.problem).toMatchObject({ code: 'gap', seq: 4 });
    });

    it('a new event followed by an old one', async () => {
      const error = await rejected(({ live, writer }) => [live(3), writer.events[1]!]);
      expect(error.data.problem).toMatchObject({ code: 'reordered', seq: 2 });
    });

    it('a replay of a stored seq with different content', async () => {
      const error = await rejected(({ writer, clock }) => [writer.signRaw({ strategyId: writer.strategyId, seq: 2, prevHash: writer.events[1]!.prevHash, ts: clock.now() + 2, body: mark(clock.now() + 2, 5) })]);
      expect(error.data.problem).toMatchObject({ code: 'fork', seq: 2 });
      expect(error.message).toContain('differs from the event the hub already holds at seq 2');
    });

    it('a backdated event (signed more than 5 minutes before the hub clock)', async () => {
      const ctx = await publisher();
      const old = ctx.clock.now() - 6 * 60_000;
      const error = failed(await ctx.owner.client.request('strategies.publish', { events: [ctx.writer.next(mark(old, 1), old)] }));
      expect(error.data).toMatchObject({ problem: { code: 'backdated', seq: 1 } });
      expect(error.message).toContain('more than 5 minutes before the hub clock');
      expect(ok(await ctx.owner.client.request('strategies.events', { strategyId: ctx.writer.strategyId }))).toEqual({ events: [], headSeq: 0 });
    });

    it('an event signed before the one it follows', async () => {
      const error = await rejected(({ writer, clock }) => [writer.next(mark(clock.now() - 60_000, 1), clock.now() - 60_000)]);
      expect(error.data.problem).toMatchObject({ code: 'backdated', seq: 3 });
    });

    it('an event dated more than 5 minutes in the future', async () => {
      const error = await rejected(({ writer, clock }) => [writer.next(mark(clock.now() + 6 * 60_000, 1), clock.now() + 6 * 60_000)]);
      expect(error.data.problem).toMatchObject({ code: 'clock_skew', seq: 3 });
      expect(error.message).toContain("check this computer's clock");
    });

    it('events of two strategies in one batch', async () => {
      const error = await rejected(({ live }) => {
        const other = new StreamWriter();
        return [live(3), other.next(mark(T0 + 10 * DAY, 1))];
      });
      expect(error.data.problem.code).toBe('wrong_strategy');
    });
  });

  it('imports backfill with old timestamps in one go, chain-checked; a re-import is a no-op and a forged one is refused whole', async () => {
    const clock = testClock(T0 + 60 * DAY);
    const hub = await startTestHub({ clock, embedded: true });
    const { client } = await member(hub, 'backfiller');
    const writer = new StreamWriter();
    ok(await client.request('strategies.create', createParams(writer.key, 'backfiller')));
    const events = trackRecord(writer, { start: T0, days: 40, trips: 12 });
    expect(await hub.importEvents(events)).toEqual({ imported: events.length });
    expect(await hub.importEvents(events)).toEqual({ imported: 0 });
    const forged = new StreamWriter(writer.key);
    trackRecord(forged, { start: T0, days: 40, trips: 12, dailyReturns: [0.05] });
    await expect(hub.importEvents(forged.events)).rejects.toMatchObject({ code: 'INVALID_PARAMS', message: expect.stringContaining('differs from the event the hub already holds') });
    const more = [writer.next(mark(T0 + 41 * DAY, 11_000)), writer.next(fill(T0 + 41 * DAY + 5, 'buy', 1, 10, 1, 11_000))];
    const tampered = { ...more[1]!, body: { ...more[1]!.body, price: 11 } as StrategyEvent['body'] };
    await expect(hub.importEvents([more[0]!, tampered])).rejects.toMatchObject({ message: expect.stringContaining('is not signed') });
    expect(ok<{ headSeq: number }>(await client.request('strategies.get', { strategyId: writer.strategyId })).headSeq).toBe(events.length);
    // Live publishing of the same stream still refuses old timestamps.
    expect(failed(await client.request('strategies.publish', { events: more })).data).toMatchObject({ problem: { code: 'backdated' } });
  });

  it('checks a large backfill\'s signatures on worker threads, refusing the whole import for one bad signature', async () => {
    const clock = testClock(T0 + 30 * DAY);
    const hub = await startTestHub({ clock, embedded: true });
    const { client } = await member(hub, 'bulk');
    const writer = new StreamWriter();
    ok(await client.request('strategies.create', createParams(writer.key, 'bulk')));
    const events = Array.from({ length: POOL_MIN_EVENTS + 500 }, (_, i) => writer.next(mark(T0 + i * 60_000, 10_000 + i)));
    const bad = [...events];
    bad[POOL_MIN_EVENTS + 100] = { ...events[POOL_MIN_EVENTS + 100]!, body: { ...events[POOL_MIN_EVENTS + 100]!.body, equity: 1 } as StrategyEvent['body'] };
    await expect(hub.importEvents(bad)).rejects.toMatchObject({ code: 'INVALID_PARAMS', data: { problem: { code: 'bad_signature', seq: POOL_MIN_EVENTS + 101 } } });
    expect(ok<{ headSeq: number }>(await client.request('strategies.get', { strategyId: writer.strategyId })).headSeq).toBe(0);
    expect(await hub.importEvents(events)).toEqual({ imported: events.length });
    expect(ok<{ events: StrategyEvent[] }>(await client.request('strategies.events', { strategyId: writer.strategyId, afterSeq: events.length - 2 })).events).toEqual(events.slice(-2));
  });

  it('serves calls that arrive while an import writes, after its transaction', async () => {
    const clock = testClock(T0 + 30 * DAY);
    const hub = await startTestHub({ clock, embedded: true });
    const { client } = await member(hub, 'busy');
    const writer = new StreamWriter();
    ok(await client.request('strategies.create', createParams(writer.key, 'busy')));
    const events = Array.from({ length: 3000 }, (_, i) => writer.next(mark(T0 + i * 60_000, 10_000 + i)));
    const importing = hub.importEvents(events);
    const posted = client.request('posts.create', { text: 'during the import' });
    const [imported, post] = await Promise.all([importing, posted]);
    expect(imported).toEqual({ imported: 3000 });
    expect(ok(post)).toMatchObject({ text: 'during the import' });
    expect(ok<{ headSeq: number }>(await client.request('strategies.get', { strategyId: writer.strategyId })).headSeq).toBe(3000);
  });
});
