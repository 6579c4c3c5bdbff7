/**
 * Order handling, guards and figures in the live copy executor.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { BTC, ETH, createWorld, settle, type World } from './copy-world';

let w: World;
afterEach(() => w?.exec.close());

describe('a working (limit) copy order is cancelled when the leader moves on', () => {
  it('a leader close while my slippage-bound limit buy still works cancels it and never sells what was not bought', async () => {
    w = await createWorld();
    w.follow({ guards: { maxSlippageBps: 10, slippageAction: 'limit' } });
    w.trading.next.push('work'); // GTC limit at the bound: accepted, not (yet) filled
    w.trade(BTC, 1, 50_000);
    await settle(w);
    expect(w.trading.placed[0]).toMatchObject({ side: 'buy', type: 'limit' });
    expect(w.trading.position(BTC)).toBe(0);

    w.trade(BTC, -1, 50_000); // the leader is flat again
    await settle(w);
    expect(w.trading.position(BTC), 'leader flat, follower short').toBeCloseTo(0, 9);
  });
});

describe('a leader close needs no price', () => {
  it('is copied even when my quote is missing', async () => {
    w = await createWorld();
    w.follow();
    w.trade(BTC, 1, 50_000);
    await settle(w);
    expect(w.trading.position(BTC)).toBeCloseTo(0.1, 9);

    w.prices.delete(BTC); // feed hiccup: no quote within quoteTimeoutMs
    w.trade(BTC, -1, 50_000);
    await settle(w);
    const entry = w.signals.filter((e) => e.leaderSeq === 2).at(-1)!;
    expect(entry.outcome, entry.message).toBe('copied');
  });
});

describe('maxLeverage counts exposure still on its way', () => {
  it('two quick openings cannot together break the leverage cap', async () => {
    w = await createWorld();
    const rec = w.follow({ guards: { maxLeverage: 0.6 } });
    w.trading.next.push('work'); // BTC order acknowledged, its fill not in yet
    w.trade(BTC, 1, 50_000); // 0.1 BTC = 5,000 on 10,000: 0.5×
    w.trade(ETH, 25, 2_000); // 2.5 ETH = 5,000: together 1.0× > 0.6×
    await settle(w);
    const eth = w.signals.filter((e) => e.leaderSeq === 2).at(-1)!;
    expect(eth.guard, eth.message).toBe('maxLeverage');
    expect(w.exec.follow(rec.id).pending.get(BTC)).toBeCloseTo(0.1, 9);
  });
});

describe('copy latency (METRICS.md: leader fill → broker acknowledgement)', () => {
  it('an order the broker acknowledged before a crash keeps the broker’s time as its acknowledgement', async () => {
    w = await createWorld();
    const rec = w.follow();
    w.trading.next.push('accept-and-crash');
    w.trade(BTC, 1, 50_000);
    await settle(w);
    const order = [...w.trading.orders.values()][0]!;
    expect(order.createdAt - w.events[0]!.body.time).toBe(0); // the broker took it at once

    w.clock.t += 30 * 60_000; // back up 30 minutes later
    await w.restart();
    await settle(w);
    const latencies = w.exec.follow(rec.id).quality.latencies;
    expect(Math.max(...latencies), `latency samples ${latencies.join(', ')} ms`).toBeLessThan(60_000);
  });

  it('an order refused before it reached any broker adds no latency sample', async () => {
    w = await createWorld();
    const rec = w.follow();
    w.trading.next.push('unavailable');
    w.trade(BTC, 1, 50_000);
    await settle(w);
    expect(w.exec.follow(rec.id).quality.latencies).toEqual([]);
  });
});
