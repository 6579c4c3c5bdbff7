/**
 * The copy executor across crashes and refusals: what was decided is sent exactly once, in order,
 * and nothing it gave up on lingers or comes back.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ACCOUNT, BTC, ETH, createWorld, settle, type World } from './copy-world';

let w: World;
afterEach(() => w?.exec.close());

describe('stop / stop-loss close-out across a crash', () => {
  it('copy.stop(closePositions): a close written just before a crash goes out after the restart', async () => {
    w = await createWorld();
    const rec = w.follow();
    w.trade(BTC, 1, 50_000);
    await settle(w);
    expect(w.trading.position(BTC)).toBeCloseTo(0.1, 9);

    // What CopyService.stop(followId, true) does: the stop and its closes in one decision.
    const f = w.exec.follow(rec.id);
    const record = { ...f.record, state: 'stopped' as const, settings: { ...f.record.settings, stateReason: 'Stopped by you; positions closed' } };
    w.trading.next.push('hang'); // SIGKILL while trading.place() is on its way (quote wait, risk check…)
    void w.exec.rebalance(f, new Map([[BTC, 0]]), 'stop', 'Stopped: closing every copied position', { record });
    await settle(w);

    await w.restart();
    await settle(w);
    // The close was decided and written before the crash: it must go out after the restart.
    const intents = w.repo.intents(rec.id).filter((i) => i.leaderSeq === null);
    expect(intents.map((i) => i.status), intents.map((i) => i.reason).join('; ')).not.toContain('unsent');
    expect(w.trading.position(BTC)).toBeCloseTo(0, 9);
  });

  it('copy stop-loss: the close-out survives a crash before the close order is placed', async () => {
    w = await createWorld();
    const rec = w.follow({ guards: { stopLoss: 0.9 } });
    w.trade(BTC, 1, 50_000);
    await settle(w);
    expect(w.trading.position(BTC)).toBeCloseTo(0.1, 9);

    w.prices.set(BTC, 30_000); // equity 10,000 − 0.1 × 20,000 = 8,000 < 9,000
    w.trading.next.push('hang');
    w.trading.emit('accounts.update', { id: ACCOUNT });
    await settle(w);
    expect(w.exec.follow(rec.id).record.state).toBe('stopped');

    await w.restart();
    await settle(w);
    expect(w.trading.position(BTC), 'stop-loss fired but the copied position is still open after restart').toBeCloseTo(0, 9);
  });
});

describe('a flip whose closing leg is refused', () => {
  it('abandons the opening leg: nothing stays pending or counts as on its way', async () => {
    w = await createWorld();
    const rec = w.follow();
    w.trade(BTC, 1, 50_000);
    await settle(w);
    w.trading.next.push('reject'); // the close leg of the flip is refused by the broker
    w.trade(BTC, -1.5, 50_000); // leader flips long 1 → short 0.5
    await settle(w);

    const entry = w.signals.filter((e) => e.leaderSeq === 2).at(-1)!;
    expect(entry.orders).toHaveLength(2);
    // The second leg was never sent; it must not stay "pending" and must not count as on its way.
    expect(entry.orders[1]!.status).not.toBe('pending');
    expect(w.exec.openOrders(rec.id)).toBe(0);
    expect(w.exec.follow(rec.id).pending.get(BTC) ?? 0).toBe(0);
  });

  it('does not send the abandoned opening leg after a restart', async () => {
    w = await createWorld();
    w.follow();
    w.trade(BTC, 1, 50_000);
    await settle(w);
    w.trading.next.push('reject');
    w.trade(BTC, -1.5, 50_000);
    await settle(w);
    const sentBefore = w.trading.placed.length;

    await w.restart();
    await settle(w);
    expect(w.trading.placed.slice(sentBefore), 'an order the executor had abandoned was sent after restart').toEqual([]);
  });
});

describe('recovery when the broker cannot be asked', () => {
  it('an intent whose lookup fails at start is looked up again until the broker answers; the next signal waits for it', async () => {
    w = await createWorld();
    const rec = w.follow();
    w.trading.next.push('hang'); // crash before the first order reached the broker
    w.trade(BTC, 1, 50_000);
    await settle(w);

    w.trading.lookupFailures = 1; // the exchange is unreachable for the first seconds after start
    await w.restart();
    await settle(w);
    // Either the intent is eventually re-checked and sent, or it is closed: it may not linger.
    expect.soft(w.exec.openOrders(rec.id) === 0 || w.trading.position(BTC) !== 0, 'intent neither sent nor closed').toBe(true);

    w.trade(BTC, -1, 50_000); // the leader closes
    await settle(w);
    expect(w.trading.position(BTC), 'follower is short although the leader is flat').toBeCloseTo(0, 9);
  });
});

describe('a failed decision transaction', () => {
  it('a rolled-back decision leaves memory as the database has it and sends nothing', async () => {
    w = await createWorld();
    const rec = w.follow();
    // The decision's transaction fails at COMMIT (SQLITE_FULL / SQLITE_BUSY…): everything it wrote is rolled back.
    const original = w.repo.transaction;
    let failures = 1;
    w.repo.transaction = <T>(fn: () => T): T =>
      original(() => {
        const out = fn();
        if (failures-- > 0) throw new Error('SQLITE_FULL: database or disk is full');
        return out;
      });
    w.trade(BTC, 1, 50_000);
    await settle(w);
    const stored = w.repo.follows().find((r) => r.id === rec.id)!;
    expect(stored.leaderSeq, 'stored leader seq after the rolled-back decision').toBe(0); // rolled back
    expect(w.trading.placed, 'orders sent').toHaveLength(0);
    // Memory follows the database: the event is not handled and nothing is on its way.
    expect(w.exec.follow(rec.id).record.leaderSeq, 'in-memory leader seq vs stored').toBe(stored.leaderSeq);
    expect(w.exec.openOrders(rec.id), 'phantom open intents').toBe(0);
  });
});

describe('closing several symbols (stop, stop-loss)', () => {
  it("one refused close does not stop the other symbols' closes", async () => {
    w = await createWorld();
    const rec = w.follow();
    w.trade(BTC, 1, 50_000);
    w.trade(ETH, 25, 2_000);
    await settle(w);
    expect(w.trading.position(ETH)).toBeCloseTo(2.5, 9);

    const f = w.exec.follow(rec.id);
    const record = { ...f.record, state: 'stopped' as const, settings: { ...f.record.settings, stateReason: 'Stopped by you; positions closed' } };
    w.trading.next.push('reject'); // e.g. BTC's market is halted
    await w.exec.rebalance(f, new Map([[BTC, 0], [ETH, 0]]), 'stop', 'Stopped: closing every copied position', { record });
    await settle(w);
    expect(w.trading.position(ETH), 'ETH was never closed').toBeCloseTo(0, 9);
  });
});

describe('recovery of a flip decided just before a crash', () => {
  it('sends its legs in order (close, then open), one after the other', async () => {
    w = await createWorld();
    w.follow();
    w.trade(BTC, 1, 50_000);
    await settle(w);
    w.trading.next.push('hang'); // crash while the close leg is on its way
    w.trade(BTC, -1.5, 50_000);
    await settle(w);

    const sent: string[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const place = w.trading.place.bind(w.trading);
    w.trading.place = async (a, r) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      sent.push(`${r.side} ${r.qty}`);
      try {
        return await place(a, r);
      } finally {
        inFlight--;
      }
    };
    await w.restart();
    await settle(w);
    expect({ sent, maxInFlight }).toEqual({ sent: ['sell 0.1', 'sell 0.05'], maxInFlight: 1 });
  });
});
