/**
 * Test world (not a test): the real copy executor and copy repository on an in-memory SQLite
 * database, with an in-memory fake trading service, market, FX and leader feed.
 */
import Database from 'better-sqlite3';
import { ApiError } from '../../../src/shared/contract';
import type { CopyLogEntry } from '../../../src/shared/contract/copy';
import { guardsSchema, type GuardsIn, type Sizing } from '../../../src/shared/copy/copy-settings';
import type { Instrument } from '../../../src/shared/market/instrument';
import type { FillBody, StrategyEvent } from '../../../src/shared/social/strategy-event';
import type { Fill } from '../../../src/shared/trading/fill';
import type { Order } from '../../../src/shared/trading/order';
import { migration006 } from '../../../src/core/store/migrations/006-copytrade';
import { createCopyRepository, type CopyRepository, type FollowRecord } from '../../../src/core/copytrade/copy-repository';
import { createCopyExecutor, type CopyExecutor } from '../../../src/core/copytrade/copy-executor';

export const BTC = 'BTC/USDT';
export const ETH = 'ETH/USDT';
export const STRATEGY = 'st_AAAAAAAAAAAAAAAAAAAAAAAA';
export const ACCOUNT = 'acc1';

const instruments: Record<string, Instrument> = {
  [BTC]: { symbol: BTC, name: 'Bitcoin', assetClass: 'crypto', venue: 'sim', quoteCurrency: 'USDT', tickSize: 0.01, lotStep: 0.001, minQty: 0.001, pricePrecision: 2, tradingHours: { type: '24/7' } as never },
  [ETH]: { symbol: ETH, name: 'Ether', assetClass: 'crypto', venue: 'sim', quoteCurrency: 'USDT', tickSize: 0.01, lotStep: 0.001, minQty: 0.001, pricePrecision: 2, tradingHours: { type: '24/7' } as never },
};

/** What the fake broker does with the next placement. */
export type Behaviour = 'fill' | 'work' | 'reject' | 'hang' | 'unavailable' | 'accept-and-crash';

type Listener = (payload: never) => void;

/** A broker + trading service in memory. It survives "restarts" (like an exchange would). */
export class FakeTrading {
  orders = new Map<string, Order>();
  fills: Fill[] = [];
  placed: Array<{ clientOrderId: string; symbol: string; side: 'buy' | 'sell'; qty: number; type: string; price?: number }> = [];
  /** By default every order fills at the quote; tests override per call. */
  next: Behaviour[] = [];
  fallback: Behaviour = 'fill';
  lookupFailures = 0;
  seq = 0;
  /** Resolves once a placement hangs (a host about to be killed): from then on the executor is never idle. */
  stalled: Promise<void>;
  private stall!: () => void;
  listeners = new Map<string, Set<Listener>>();
  constructor(public prices: Map<string, number>, public now: () => number) {
    this.stalled = this.rearm();
  }
  /** After a restart nothing hangs any more (the killed host's hung calls died with it). */
  rearm(): Promise<void> {
    return (this.stalled = new Promise((resolve) => (this.stall = resolve)));
  }

  on(topic: string, listener: Listener): () => void {
    let set = this.listeners.get(topic);
    if (!set) this.listeners.set(topic, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }
  emit(topic: string, payload: unknown): void {
    for (const l of this.listeners.get(topic) ?? []) (l as (p: unknown) => void)(payload);
  }
  /** The account's net position as the broker sees it. */
  position(symbol: string): number {
    let q = 0;
    for (const f of this.fills) if (f.symbol === symbol) q += f.side === 'buy' ? f.qty : -f.qty;
    return Math.round(q * 1e9) / 1e9;
  }
  account(accountId: string) {
    return { id: accountId, currency: 'USDT', equity: 1_000_000, takerFeeBps: 0 } as never;
  }
  async orderByClientId(_accountId: string, clientOrderId: string): Promise<Order | undefined> {
    if (this.lookupFailures > 0) {
      this.lookupFailures--;
      throw new ApiError('UNAVAILABLE', 'exchange unreachable');
    }
    return this.orders.get(clientOrderId);
  }
  fillOrder(order: Order, qty = order.qty - order.filledQty, price = this.prices.get(order.symbol)!): void {
    const fill: Fill = { id: `fill${this.seq + 1}`, seq: ++this.seq, accountId: order.accountId, orderId: order.id, clientOrderId: order.clientOrderId, symbol: order.symbol, side: order.side, qty, price, fee: 0, liquidity: 'taker', fxRate: 1, realizedPnl: 0, time: this.now() };
    this.fills.push(fill);
    const filledQty = Math.round((order.filledQty + qty) * 1e9) / 1e9;
    Object.assign(order, { filledQty, avgFillPrice: price, status: filledQty >= order.qty ? 'filled' : 'partially_filled' });
    this.emit('orders.update', { ...order });
    this.emit('fills.new', fill);
  }
  async place(accountId: string, req: { clientOrderId?: string; symbol: string; side: 'buy' | 'sell'; type: 'market' | 'limit'; qty: number; price?: number }): Promise<Order> {
    const existing = this.orders.get(req.clientOrderId!);
    if (existing) return { ...existing };
    const behaviour = this.next.shift() ?? this.fallback;
    if (behaviour === 'hang') {
      this.stall();
      return new Promise<Order>(() => undefined);
    }
    await Promise.resolve();
    this.placed.push({ clientOrderId: req.clientOrderId!, symbol: req.symbol, side: req.side, qty: req.qty, type: req.type, ...(req.price !== undefined ? { price: req.price } : {}) });
    const now = this.now();
    const order = { id: `o${this.orders.size + 1}`, accountId, clientOrderId: req.clientOrderId!, symbol: req.symbol, side: req.side, type: req.type, qty: req.qty, price: req.price ?? null, stopPrice: null, tif: req.type === 'market' ? 'IOC' : 'GTC', reduceOnly: false, status: 'new', filledQty: 0, avgFillPrice: null, triggered: false, role: 'entry', parentId: null, bracket: null, reason: null, expiresAt: null, venueOrderId: null, createdAt: now, updatedAt: now } as Order;
    if (behaviour === 'unavailable') throw new ApiError('UNAVAILABLE', 'The exchange is reconnecting');
    if (behaviour === 'reject') {
      const rejected = { ...order, status: 'rejected' as const, reason: 'Insufficient margin' };
      this.orders.set(order.clientOrderId, rejected);
      throw new ApiError('RISK_BLOCKED', 'Insufficient margin', { order: rejected, reason: 'Insufficient margin' });
    }
    this.orders.set(order.clientOrderId, order);
    // The broker accepted it, then the terminal died before hearing back.
    if (behaviour === 'accept-and-crash') {
      this.stall();
      return new Promise<Order>(() => undefined);
    }
    // Like the real service: the broker's events are published before place() resolves.
    if (behaviour === 'fill') this.fillOrder(order);
    await new Promise((r) => setImmediate(r));
    return { ...order };
  }
  async cancel(_accountId: string, orderId: string): Promise<Order> {
    const order = [...this.orders.values()].find((o) => o.id === orderId);
    if (!order) throw new ApiError('NOT_FOUND', `No order ${orderId}`);
    if (order.status !== 'new' && order.status !== 'partially_filled') throw new ApiError('CONFLICT', `Order ${orderId} is ${order.status}`);
    Object.assign(order, { status: 'cancelled', updatedAt: this.now() });
    this.emit('orders.update', { ...order });
    return { ...order };
  }
  fillsPage(accountId: string, q: { cursor?: string | undefined; limit: number }) {
    const cursor = q.cursor === undefined ? 0 : Number(q.cursor);
    const fills = this.fills.filter((f) => f.accountId === accountId && f.seq > cursor).slice(0, q.limit);
    return { fills, nextCursor: fills.length === q.limit ? String(fills.at(-1)!.seq) : null };
  }
}

export interface World {
  db: Database.Database;
  repo: CopyRepository;
  trading: FakeTrading;
  prices: Map<string, number>;
  events: StrategyEvent[];
  clock: { t: number; now(): number };
  signals: CopyLogEntry[];
  exec: CopyExecutor;
  /** The leader trades (`qty` signed) at `price`; returns the event. */
  trade(symbol: string, qty: number, price: number, opts?: { equity?: number; ageMs?: number }): StrategyEvent;
  /** A fresh executor on the same database and broker, as after SIGKILL + restart. */
  restart(opts?: { quoteTimeoutMs?: number }): Promise<CopyExecutor>;
  follow(over?: { guards?: GuardsIn; sizing?: Sizing; allocation?: number; id?: string }): FollowRecord;
}

const noopLog = { debug() {}, info() {}, warn() {}, error() {}, child() { return noopLog; } };

export async function createWorld(opts: { quoteTimeoutMs?: number } = {}): Promise<World> {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = OFF');
  migration006.up(db);
  const repo = createCopyRepository(db);
  const clock = { t: Date.UTC(2026, 0, 5, 12), now() { return this.t; } };
  const prices = new Map<string, number>([[BTC, 50_000], [ETH, 2_000]]);
  const trading = new FakeTrading(prices, () => clock.now());
  const events: StrategyEvent[] = [];
  const verified = new Set<(id: string, e: StrategyEvent) => void>();
  const signals: CopyLogEntry[] = [];
  const position = new Map<string, number>();

  const make = (quoteTimeoutMs = opts.quoteTimeoutMs ?? 20): CopyExecutor =>
    createCopyExecutor({
      repo,
      trading: { account: (id: string) => trading.account(id), place: (a: string, r: never) => trading.place(a, r), cancel: (a: string, o: string) => trading.cancel(a, o), orderByClientId: (a: string, c: string) => trading.orderByClientId(a, c), fills: (a: string, q: never) => trading.fillsPage(a, q) } as never,
      market: {
        instrument: (s: string) => {
          const i = instruments[s];
          if (!i) throw new ApiError('NOT_FOUND', `No instrument ${s}`);
          return i;
        },
        lastQuote: (s: string) => (prices.has(s) ? ({ symbol: s, time: clock.now(), bid: prices.get(s)!, ask: prices.get(s)!, bidSize: 1, askSize: 1, last: prices.get(s)!, prevClose: null }) : undefined),
        watchQuotes: () => () => undefined,
      } as never,
      fx: { rate: () => 1, follow: () => true } as never,
      leaders: {
        events: (id, after, limit) => events.filter((e) => e.strategyId === id && e.seq > after).slice(0, limit),
        onVerified: (l) => {
          verified.add(l);
          return () => verified.delete(l);
        },
        track: () => () => undefined,
      },
      on: ((topic: string, l: Listener) => trading.on(topic, l)) as never,
      signal: (entry) => signals.push(entry),
      clock,
      log: noopLog,
      quoteTimeoutMs,
    });

  const world: World = {
    db,
    repo,
    trading,
    prices,
    events,
    clock,
    signals,
    exec: make(),
    trade(symbol, qty, price, o = {}) {
      const after = Math.round(((position.get(symbol) ?? 0) + qty) * 1e8) / 1e8;
      position.set(symbol, after);
      const time = clock.now() - (o.ageMs ?? 0);
      const body: FillBody = { type: 'fill', fillId: `lf${events.length + 1}`, symbol, assetClass: 'crypto', side: qty > 0 ? 'buy' : 'sell', qty: Math.abs(qty), price, fee: 0, fxRate: 1, lotStep: 0.001, time, positionQty: after, equity: o.equity ?? 100_000 };
      const event = { strategyId: STRATEGY, seq: events.length + 1, prevHash: '0'.repeat(64), ts: time, body, sig: 'x'.repeat(86) } as StrategyEvent;
      events.push(event);
      for (const l of verified) l(STRATEGY, event);
      return event;
    },
    async restart(o = {}) {
      world.exec.close();
      verified.clear();
      for (const set of trading.listeners.values()) set.clear();
      trading.rearm();
      world.exec = make(o.quoteTimeoutMs);
      await world.exec.start();
      return world.exec;
    },
    follow(over = {}) {
      const record: FollowRecord = {
        id: over.id ?? 'f_copyfollow001',
        strategyId: STRATEGY,
        accountId: ACCOUNT,
        state: 'active',
        createdAt: clock.now(),
        leaderSeq: events.length,
        startSeq: events.length,
        settings: { allocation: over.allocation ?? 10_000, sizing: over.sizing ?? { mode: 'proportional' }, guards: guardsSchema.parse({ stopLoss: null, signalTtlSeconds: 3600, ...over.guards }), strategyName: 'Leader', stateReason: null },
      };
      repo.insertFollow(record);
      world.exec.add(record);
      return record;
    },
  };
  await world.exec.start();
  return world;
}

/**
 * Lets queued handlers, placements and fills run: waits until the executor is idle, or — once a
 * placement hangs, as in a host about to be killed — until the rest of the queued work has run.
 */
export async function settle(world: World): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await new Promise((r) => setImmediate(r));
    await Promise.race([world.exec.idle(), world.trading.stalled]);
  }
}
