import { describe, expect, it } from 'vitest';
import { ConnectFailure, createLiveConnection, type LiveConnectionDeps } from '../../../src/core/brokers/live/live-connection';
import { silentLogger } from '../../../src/core/logging/file-logger';
import type { Connection } from '../../../src/shared/trading/account';
import type { ReconciliationTrigger } from '../../../src/shared/trading/reconciliation';

function harness(sync: (trigger: ReconciliationTrigger, downSince: number | null) => Promise<void>, extra: Partial<LiveConnectionDeps> = {}) {
  const states: Connection[] = [];
  const waiters: Array<{ match: (c: Connection) => boolean; resolve: (c: Connection) => void }> = [];
  let dropped = 0;
  const conn = createLiveConnection({
    clock: { now: () => Date.now() },
    log: silentLogger,
    onState: (c) => {
      states.push(c);
      for (const w of [...waiters]) {
        if (!w.match(c)) continue;
        w.resolve(c);
        waiters.splice(waiters.indexOf(w), 1);
      }
    },
    synchronise: sync,
    probe: async () => 1,
    expectsMarketData: () => false,
    dropSockets: async () => void dropped++,
    backoff: { baseMs: 1, maxMs: 5 },
    ...extra,
  });
  const until = (state: Connection['state']): Promise<Connection> => new Promise((resolve) => waiters.push({ match: (c) => c.state === state, resolve }));
  return { conn, states, until, dropped: () => dropped };
}

describe('live connection', () => {
  it('connects, and retries a failed attempt with backoff until it is live', async () => {
    let calls = 0;
    const triggers: string[] = [];
    const h = harness(async (trigger) => {
      triggers.push(trigger);
      if (++calls < 3) throw new Error('connection refused');
    });
    const live = h.until('live');
    h.conn.start();
    await live;
    expect(h.states.map((s) => s.state)).toEqual(['connecting', 'reconnecting', 'reconnecting', 'live']);
    expect(h.states[1]!.detail).toMatch(/connection refused — retrying in \d+ s \(attempt 1\)/);
    expect(triggers).toEqual(['connect', 'connect', 'connect']);
    h.conn.close();
  });

  it('stops at down when the keys are refused, until asked again', async () => {
    let refuse = true;
    const h = harness(async () => {
      if (refuse) throw new ConnectFailure('The exchange refused the API keys', true);
    });
    const down = h.until('down');
    h.conn.start();
    expect((await down).detail).toMatch(/refused/);
    refuse = false;
    const live = h.until('live');
    h.conn.reconnect();
    await live;
    expect(h.dropped()).toBe(1);
    h.conn.close();
  });

  it('after a stream failure reconnects and resynchronises from when it went away', async () => {
    const calls: Array<{ trigger: string; downSince: number | null }> = [];
    const h = harness(async (trigger, downSince) => void calls.push({ trigger, downSince }));
    let live = h.until('live');
    h.conn.start();
    await live;
    let up = false;
    const waiting = h.conn.whenUp().then(() => (up = true));
    await waiting;
    expect(up).toBe(true);
    live = h.until('live');
    const before = Date.now();
    h.conn.failed('trades BTC/USDT: socket closed');
    expect(h.conn.connection.state).toBe('reconnecting');
    // Streams wait while it reconnects.
    let resumed = false;
    const resume = h.conn.whenUp().then(() => (resumed = true));
    expect(resumed).toBe(false);
    await live;
    await resume;
    expect(calls.map((c) => c.trigger)).toEqual(['connect', 'reconnect']);
    expect(calls[1]!.downSince).toBeLessThanOrEqual(before);
    expect(h.conn.reconnects()).toBe(1);
    h.conn.close();
  });

  it('is degraded while throttled and live again on the next message after it', async () => {
    const h = harness(async () => undefined);
    const live = h.until('live');
    h.conn.start();
    await live;
    h.conn.throttled('Throttled: retrying in 1 s', Date.now() - 1);
    expect(h.conn.connection.state).toBe('degraded');
    h.conn.activity();
    expect(h.conn.connection.state).toBe('live');
    h.conn.close();
  });
});
