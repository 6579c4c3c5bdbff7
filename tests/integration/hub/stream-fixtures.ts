import { createNodeStreamCrypto, createSigner, generateStrategyKey, type StrategyKey } from '../../../src/hub';
import { strategyProofText } from '../../../src/shared/social/hub-methods';
import { EMPTY_HEAD, eventHash, signEvent, type ChainHead } from '../../../src/shared/social/stream-chain';
import type { EventBody, StrategyEvent } from '../../../src/shared/social/strategy-event';
import type { AssetClass } from '../../../src/shared/market/instrument';

/**
 * Signed strategy streams for hub tests and benchmarks (no test-runner imports, so bench/ can use
 * them too): a writer that signs and chains events as a publisher's core does, and track records.
 */

/** 2026-03-02 00:00 UTC: a Monday, far from any month end. */
export const T0 = Date.UTC(2026, 2, 2);
export const DAY = 86_400_000;

/** `strategies.create` params for a key, proven for `username`. */
export function createParams(key: StrategyKey, username: string, name = 'Trend follower', assetClasses: AssetClass[] = ['crypto']) {
  return { strategyId: key.strategyId, publicKey: key.publicKey, proof: createSigner(key)(strategyProofText(username, key.strategyId)), name, currency: 'USD', assetClasses };
}

/** Signs a strategy's events in order, as a publisher's core would. */
export class StreamWriter {
  readonly key: StrategyKey;
  readonly events: StrategyEvent[] = [];
  private readonly sign;
  private head: ChainHead = EMPTY_HEAD;
  private readonly crypto = createNodeStreamCrypto();

  constructor(key: StrategyKey = generateStrategyKey()) {
    this.key = key;
    this.sign = createSigner(key);
  }

  get strategyId(): string {
    return this.key.strategyId;
  }

  /** The next event of the stream, signed at `ts` (default: the body's time). */
  next(body: EventBody, ts = body.time): StrategyEvent {
    const event = signEvent(this.sign, { strategyId: this.key.strategyId, seq: this.head.seq + 1, prevHash: this.head.hash, ts, body });
    this.head = { seq: event.seq, hash: eventHash(this.crypto, event), ts, bodyTime: body.time };
    this.events.push(event);
    return event;
  }

  /** Signs any event (for forging tests) without moving the stream on. */
  signRaw(event: Omit<StrategyEvent, 'sig'>): StrategyEvent {
    return signEvent(this.sign, event);
  }
}

export const mark = (time: number, equity: number, grossExposure = 0): EventBody => ({ type: 'mark', time, equity, grossExposure });
export const flow = (time: number, amount: number): EventBody => ({ type: 'flow', time, amount });
export function fill(time: number, side: 'buy' | 'sell', qty: number, price: number, positionQty: number, equity: number, fillId = `f${time}-${side}`): EventBody {
  return { type: 'fill', fillId, symbol: 'BTC/USDT', assetClass: 'crypto', side, qty, price, fee: 1, fxRate: 1, lotStep: 0.001, time, positionQty, equity };
}

/**
 * A track record: a deposit and daily marks for `days` days from `start`, with `trips` round trips
 * (buy, then sell a day later) spread over it; equity walks by `dailyReturns` (cycled).
 */
/**
 * A signed track record: `trips` round trips of 0.1 BTC bought at 50,000 and sold the next day at
 * 50,000 × (1 + r), and a mark every day. By default the marks grow by `dailyReturns` whatever
 * the trips made; with `marksFollowTrips` equity changes only by what each trip realises, so a
 * copy of the fills can match the leader's curve.
 */
export function trackRecord(writer: StreamWriter, opts: { start: number; days: number; trips: number; dailyReturns?: number[]; equity?: number; exposure?: number; marksFollowTrips?: boolean }): StrategyEvent[] {
  const returns = opts.dailyReturns ?? [0.01, -0.004, 0.006, -0.002];
  let equity = opts.equity ?? 10_000;
  let holding = false;
  const out: StrategyEvent[] = [];
  out.push(writer.next(flow(opts.start + 1000, equity)));
  out.push(writer.next(mark(opts.start + 2000, equity, 0)));
  const tripEvery = Math.max(3, Math.floor(opts.days / Math.max(1, opts.trips)));
  let trips = 0;
  for (let d = 1; d <= opts.days; d++) {
    const dayStart = opts.start + d * DAY;
    const r = returns[d % returns.length]!;
    if (trips < opts.trips && d % tripEvery === 1 && d + 1 <= opts.days) {
      out.push(writer.next(fill(dayStart + 3_600_000, 'buy', 0.1, 50_000, 0.1, equity)));
      holding = true;
    }
    if (trips < opts.trips && d % tripEvery === 2) {
      if (opts.marksFollowTrips) equity += 0.1 * 50_000 * r;
      out.push(writer.next(fill(dayStart + 3_600_000, 'sell', 0.1, 50_000 * (1 + r), 0, equity)));
      holding = false;
      trips++;
    }
    if (!opts.marksFollowTrips) equity *= 1 + r;
    out.push(writer.next(mark(dayStart + 20 * 3_600_000, equity, opts.marksFollowTrips ? (holding ? 5_000 : 0) : (opts.exposure ?? 0))));
  }
  return out;
}
