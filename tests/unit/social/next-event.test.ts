import { describe, expect, it } from 'vitest';
import { createNodeStreamCrypto, createSigner, generateStrategyKey } from '../../../src/hub';
import { EMPTY_HEAD, verifyChain, type ChainHead } from '../../../src/shared/social/stream-chain';
import type { EventBody, StrategyEvent } from '../../../src/shared/social/strategy-event';
import type { Fill } from '../../../src/shared/trading/fill';
import { fillBody, nextEvent } from '../../../src/core/social/next-event';

const crypto = createNodeStreamCrypto();
const key = generateStrategyKey(new Uint8Array(32).fill(7));
const sign = createSigner(key);
const T0 = Date.UTC(2025, 2, 3, 9);
const DAY = 86_400_000;

function chain(bodies: Array<{ body: EventBody; now: number }>): { events: StrategyEvent[]; head: ChainHead } {
  let head = EMPTY_HEAD;
  const events: StrategyEvent[] = [];
  for (const { body, now } of bodies) {
    const next = nextEvent(crypto, sign, key.strategyId, head, body, now);
    events.push(next.event);
    head = next.head;
  }
  return { events, head };
}

describe('the outbox chain', () => {
  it('numbers events 1, 2, 3 and links each to the one before, so a follower verifies them all', () => {
    const { events, head } = chain([
      { body: { type: 'mark', time: T0, equity: 1000, grossExposure: 0 }, now: T0 },
      { body: { type: 'flow', time: T0 + 10, amount: 50 }, now: T0 + 10 },
      { body: { type: 'mark', time: T0 + 20, equity: 1050, grossExposure: 0 }, now: T0 + 20 },
    ]);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(events[1]!.prevHash).not.toBe(events[0]!.prevHash);
    const result = verifyChain(crypto, key.publicKey, key.strategyId, events);
    expect(result.problem).toBeNull();
    expect(result.head).toEqual(head);
  });

  it('never signs before the previous event nor dates a body before an earlier one, when the clock steps back', () => {
    const { events } = chain([
      { body: { type: 'mark', time: T0 + 5000, equity: 1000, grossExposure: 0 }, now: T0 + 5000 },
      { body: { type: 'mark', time: T0 + 1000, equity: 1001, grossExposure: 0 }, now: T0 + 1000 },
    ]);
    expect(events[1]!.ts).toBe(T0 + 5000);
    expect(events[1]!.body.time).toBe(T0 + 5000);
    expect(verifyChain(crypto, key.publicKey, key.strategyId, events).problem).toBeNull();
  });

  it('continues exactly from a stored head, as after a restart', () => {
    const first = chain([{ body: { type: 'mark', time: T0, equity: 1000, grossExposure: 0 }, now: T0 }]);
    const resumed = nextEvent(crypto, sign, key.strategyId, first.head, { type: 'mark', time: T0 + DAY, equity: 990, grossExposure: 0 }, T0 + DAY);
    expect(verifyChain(crypto, key.publicKey, key.strategyId, [...first.events, resumed.event]).problem).toBeNull();
  });
});

describe('a fill as a stream event', () => {
  const base: Fill = { id: 'f-1', seq: 7, accountId: 'a', orderId: 'o', clientOrderId: 'c', symbol: 'ETH/USDT', side: 'sell', qty: 0.3, price: 2000, fee: 0.6, liquidity: 'taker', fxRate: 1, realizedPnl: 0, time: T0 };

  it('carries the position after it on the lot grid and the equity after it', () => {
    const body = fillBody(base, { assetClass: 'crypto', lotStep: 0.0001 }, 0.1, 10_000);
    expect(body).toMatchObject({ type: 'fill', fillId: 'f-1', side: 'sell', qty: 0.3, assetClass: 'crypto', lotStep: 0.0001, positionQty: -0.2, equity: 10_000 });
    expect(fillBody({ ...base, side: 'buy', qty: 0.1 }, { assetClass: 'crypto', lotStep: 0.1 }, 0.2, 1).positionQty).toBe(0.3);
  });

  it('reports a closed position as 0, never -0 or binary noise', () => {
    const body = fillBody({ ...base, qty: 0.3 }, { assetClass: 'crypto', lotStep: 0.0001 }, 0.1 + 0.2, 1);
    expect(Object.is(body.positionQty, 0)).toBe(true);
  });
});
