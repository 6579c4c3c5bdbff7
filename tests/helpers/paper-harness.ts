import { createPaperBroker, type PaperBroker } from '../../src/core/brokers/paper/paper-broker';
import type { BrokerEvent, PositionState } from '../../src/core/brokers/broker';
import type { PaperAccountConfig } from '../../src/core/brokers/paper/paper-ledger';
import { SYNTHETIC_SPECS } from '../../src/core/market/synthetic/synthetic-instruments';
import { createFxRates } from '../../src/core/trading/fx-rates';
import type { Fill } from '../../src/shared/trading/fill';
import type { Order, OrderRequestIn } from '../../src/shared/trading/order';
import { orderRequestSchema } from '../../src/shared/trading/order';
import { createQuoteBoard, type QuoteBoard } from './quote-board';

/** Tuesday 24 Nov 2026, 15:00 UTC: New York is open, so stocks trade. */
export const MARKET_OPEN = Date.UTC(2026, 10, 24, 15, 0);

export interface PaperHarness {
  broker: PaperBroker;
  board: QuoteBoard;
  clock: { now: () => number; set(t: number): void };
  config: PaperAccountConfig;
  events: BrokerEvent[];
  fills: Fill[];
  orders: Map<string, Order>;
  /** Client order ids the broker looked up in the persisted history. */
  historyLookups: string[];
  place(request: OrderRequestIn): Promise<Order>;
  lastPosition(symbol: string): PositionState | undefined;
}

/** A paper broker on a quote board the test sets, with its events recorded as the trading service would persist them. */
export function paperHarness(config: Partial<PaperAccountConfig> & { balance?: number } = {}, options: { recentEnded?: number } = {}): PaperHarness {
  let now = MARKET_OPEN;
  const clock = { now: () => now, set: (t: number) => void (now = t) };
  const board = createQuoteBoard(clock.now);
  const instruments = SYNTHETIC_SPECS.map((s) => s.instrument);
  const cfg: PaperAccountConfig = { type: 'margin', currency: 'USD', leverage: 2, makerFeeBps: 1, takerFeeBps: 5, ...config };
  const events: BrokerEvent[] = [];
  const fills: Fill[] = [];
  const orders = new Map<string, Order>();
  const byClientId = new Map<string, Order>();
  const historyLookups: string[] = [];
  let n = 0;
  const broker = createPaperBroker({
    accountId: 'acc',
    config: () => cfg,
    instruments,
    quotes: board,
    fx: createFxRates(instruments, board),
    clock,
    newId: () => `id${++n}`,
    initial: { balance: config.balance ?? 100_000, realizedPnl: 0, fillSeq: 0, positions: [], workingOrders: [] },
    history: {
      order: (id) => orders.get(id),
      orderByClientId: (cid) => {
        historyLookups.push(cid);
        return byClientId.get(cid);
      },
      fillsSince: (cursor, limit) => fills.filter((f) => f.seq > cursor).slice(0, limit),
    },
    quoteTimeoutMs: 50,
    recentEnded: options.recentEnded,
  });
  broker.subscribe((batch) => {
    for (const e of batch) {
      events.push(e);
      if (e.type === 'fill') fills.push(e.fill);
      if (e.type === 'order') {
        orders.set(e.order.id, e.order);
        byClientId.set(e.order.clientOrderId, e.order);
      }
    }
  });
  let cid = 0;
  return {
    broker,
    board,
    clock,
    config: cfg,
    events,
    fills,
    orders,
    historyLookups,
    place: (request) => {
      const parsed = orderRequestSchema.parse(request);
      return broker.placeOrder({ ...parsed, clientOrderId: parsed.clientOrderId ?? `c${++cid}` });
    },
    lastPosition(symbol) {
      for (let i = events.length - 1; i >= 0; i--) {
        const e = events[i]!;
        if (e.type === 'position' && e.position.symbol === symbol) return e.position;
      }
      return undefined;
    },
  };
}
