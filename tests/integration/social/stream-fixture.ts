import { createNodeStreamCrypto, createSigner, generateStrategyKey, type StrategyKey } from '../../../src/hub';
import { nextEvent } from '../../../src/core/social/next-event';
import type { Strategy } from '../../../src/shared/social/social-types';
import { EMPTY_HEAD, type ChainHead } from '../../../src/shared/social/stream-chain';
import type { EventBody, StrategyEvent } from '../../../src/shared/social/strategy-event';

export const DAY = 86_400_000;
export const streamCrypto = createNodeStreamCrypto();

/** A strategy's genuine signed stream, built event by event, and its metadata as a hub shows it. */
export interface StreamFixture {
  key: StrategyKey;
  events: StrategyEvent[];
  head: ChainHead;
  add(body: EventBody, now?: number): StrategyEvent;
  /** A branch: the stream as it would continue from event `seq` (not stored). */
  branchFrom(seq: number, bodies: EventBody[]): StrategyEvent[];
  meta(over?: Partial<Strategy>): Strategy;
}

export function streamFixture(seedByte: number): StreamFixture {
  const key = generateStrategyKey(new Uint8Array(32).fill(seedByte));
  const sign = createSigner(key);
  const events: StrategyEvent[] = [];
  const heads: ChainHead[] = [EMPTY_HEAD];
  const fixture: StreamFixture = {
    key,
    events,
    get head() {
      return heads.at(-1)!;
    },
    add(body, now = body.time) {
      const next = nextEvent(streamCrypto, sign, key.strategyId, heads.at(-1)!, body, now);
      events.push(next.event);
      heads.push(next.head);
      return next.event;
    },
    branchFrom(seq, bodies) {
      let head = heads[seq]!;
      return bodies.map((body) => {
        const next = nextEvent(streamCrypto, sign, key.strategyId, head, body, body.time);
        head = next.head;
        return next.event;
      });
    },
    meta: (over = {}) => ({
      strategyId: key.strategyId,
      owner: { userId: 'u_owner01', username: 'owner', displayName: 'Owner', avatarColor: '#336699' },
      name: 'Scripted trend',
      description: '',
      publicKey: key.publicKey,
      currency: 'USD',
      assetClasses: ['crypto'],
      createdAt: events[0]?.ts ?? 0,
      simulated: false,
      headSeq: heads.at(-1)!.seq,
      headHash: heads.at(-1)!.hash,
      followers: 0,
      copiers: 0,
      followedByMe: false,
      ...over,
    }),
  };
  return fixture;
}

/** A month and a half of daily marks and round trips: enough for every figure. */
export function tradingHistory(fixture: StreamFixture, from: number, days: number): void {
  let equity = 10_000;
  fixture.add({ type: 'mark', time: from, equity, grossExposure: 0 });
  for (let d = 1; d <= days; d++) {
    const t = from + d * DAY;
    const open = 100 + d;
    const close = open + (d % 4 === 0 ? -1.5 : 2);
    const fee = 0.05;
    fixture.add({ type: 'fill', fillId: `o${d}`, symbol: 'BTC/USDT', assetClass: 'crypto', side: 'buy', qty: 2, price: open, fee, fxRate: 1, lotStep: 0.001, time: t, positionQty: 2, equity: equity - fee });
    equity += 2 * (close - open) - 2 * fee;
    fixture.add({ type: 'fill', fillId: `c${d}`, symbol: 'BTC/USDT', assetClass: 'crypto', side: 'sell', qty: 2, price: close, fee, fxRate: 1, lotStep: 0.001, time: t + 3_600_000, positionQty: 0, equity });
    if (d === 10) {
      equity += 1000;
      fixture.add({ type: 'flow', time: t + 4_000_000, amount: 1000 });
    }
    fixture.add({ type: 'mark', time: t + 5_000_000, equity, grossExposure: 0 });
  }
}
