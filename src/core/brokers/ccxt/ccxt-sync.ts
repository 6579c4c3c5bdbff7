import type { Exchange, Order as CcxtOrder } from 'ccxt';
import type { Instrument } from '../../../shared/market/instrument';
import { gridRounder } from '../../../shared/numbers/steps';
import { lotsQty } from '../../../shared/trading/fifo-lots';
import type { Order } from '../../../shared/trading/order';
import type { Reconciliation, ReconciliationDifference, ReconciliationTrigger } from '../../../shared/trading/reconciliation';
import type { BrokerEvent } from '../broker';
import { flatPosition } from '../position-state';
import type { Logger } from '../../ports';
import { adoptHolding } from '../live/adopt-holding';
import { ConnectFailure } from '../live/live-connection';
import type { CcxtBroker } from './ccxt-broker';
import { exchangeMessage, isAuthError, isCcxtError, isRateLimit } from './ccxt-errors';
import type { CcxtFeed } from './ccxt-feed';
import { exchangeSymbolOf, instrumentFromMarket, venueSymbol } from './ccxt-instruments';
import type { Retrier } from './with-retries';

export interface SyncDeps {
  accountId: string;
  exchange: Exchange;
  exchangeName(): string;
  venue: string;
  currency: () => string;
  createdAt: number;
  broker: CcxtBroker;
  feed: CcxtFeed;
  retry: Retrier;
  instrument(symbol: string): Instrument | undefined;
  now(): number;
  log: Logger;
  onReconciliation(reconciliation: Reconciliation): void;
  /** The exchange's clock minus ours, as measured at the last (re)connect. */
  onClockOffset(ms: number): void;
  /** The exchange's standard spot fees (basis points), as its markets list them. */
  onFees(makerBps: number, takerBps: number): void;
}

const describe = (o: Pick<Order, 'symbol' | 'side' | 'qty' | 'type' | 'price'>): string => `${o.symbol} ${o.side} ${o.qty} ${o.type}${o.price !== null ? ` at ${o.price}` : ''}`;

/** Rejects the connection attempt in a way the connection manager understands. */
function connectFailure(error: unknown): ConnectFailure {
  if (error instanceof ConnectFailure) return error;
  const message = exchangeMessage(error);
  if (isAuthError(error)) return new ConnectFailure(`The exchange refused the API keys: ${message}. Enter keys with read and trade permission.`, true);
  if (isRateLimit(error)) return new ConnectFailure(`Throttled by the exchange: ${message}`, false);
  return new ConnectFailure(isCcxtError(error, 'NetworkError') ? `Cannot reach the exchange: ${message}` : message, false);
}

/**
 * Brings a live account in line with its exchange after a (re)connect: markets, clock, balances,
 * the fills missed while away, open orders and holdings — every difference reported, the
 * exchange's state adopted — then the streams resume and missed bars are backfilled.
 */
export function createSynchroniser(deps: SyncDeps): (trigger: ReconciliationTrigger, downSince: number | null) => Promise<void> {
  const { exchange, broker, retry, log } = deps;

  const ordersDiff = async (events: BrokerEvent[], differences: ReconciliationDifference[], open: readonly CcxtOrder[]): Promise<number> => {
    const checked = new Set([...broker.knownWorking().map((o) => o.clientOrderId), ...open.map((o) => o.clientOrderId ?? o.id)]).size;
    const openIds = new Set(open.map((o) => o.id));
    const openClientIds = new Set(open.map((o) => o.clientOrderId));
    for (const local of broker.knownWorking()) {
      if ((local.venueOrderId && openIds.has(local.venueOrderId)) || openClientIds.has(local.clientOrderId)) continue;
      const ex = exchangeSymbolOf(deps.venue, local.symbol);
      if (!ex) continue;
      let final: CcxtOrder | undefined;
      try {
        final = await retry(`order ${local.clientOrderId}`, () => exchange.fetchOrder(local.venueOrderId ?? '', ex, local.venueOrderId ? {} : { clientOrderId: local.clientOrderId }));
      } catch (error) {
        if (!(isCcxtError(error, 'OrderNotFound'))) throw error;
      }
      if (!final) {
        const rejected: Order = { ...local, status: 'rejected', reason: 'Never reached the exchange (not found by its client order id after a reconnect)', updatedAt: deps.now() };
        broker.setOrder(rejected, events);
        differences.push({ kind: 'order_gone', symbol: local.symbol, orderId: local.id, detail: `${describe(local)}: working here, unknown at the exchange`, resolution: 'Marked rejected: it never reached the exchange' });
        continue;
      }
      const updated = broker.applyOrder(final, events);
      if (updated) differences.push({ kind: 'order_gone', symbol: local.symbol, orderId: local.id, detail: `${describe(local)}: working here, ${updated.status.replace('_', ' ')} at the exchange`, resolution: `Updated to the exchange's state (${updated.status.replace('_', ' ')}, ${updated.filledQty} filled)` });
    }
    for (const o of open) {
      const before = broker.localOrder(o.id ?? undefined, o.clientOrderId ?? undefined);
      const after = broker.applyOrder(o, events);
      if (!after) continue;
      if (!before) differences.push({ kind: 'order_unknown', symbol: after.symbol, orderId: after.id, detail: `${describe(after)}: working at the exchange, unknown here (placed elsewhere?)`, resolution: 'Adopted: it shows among the working orders' });
      else differences.push({ kind: 'order_changed', symbol: after.symbol, orderId: after.id, detail: `${describe(after)}: ${before.status.replace('_', ' ')} with ${before.filledQty} filled here, ${after.status.replace('_', ' ')} with ${after.filledQty} at the exchange`, resolution: "Updated to the exchange's state" });
    }
    return checked;
  };

  const holdingsDiff = async (events: BrokerEvent[], differences: ReconciliationDifference[]): Promise<number> => {
    const balances = broker.balances();
    const totals = (balances?.total ?? {}) as unknown as Record<string, number | undefined>;
    const symbols = new Set(broker.positions().map((p) => p.symbol));
    for (const [asset, total] of Object.entries(totals)) {
      if (asset === deps.currency() || !(typeof total === 'number' && total > 0)) continue;
      const symbol = venueSymbol(deps.venue, `${asset}/${deps.currency()}`);
      if (deps.instrument(symbol)) symbols.add(symbol);
    }
    for (const symbol of symbols) {
      const inst = deps.instrument(symbol);
      const ex = exchangeSymbolOf(deps.venue, symbol);
      if (!inst || !ex) continue;
      const base = ex.split('/')[0]!;
      const round = gridRounder(inst.lotStep);
      const held = round(totals[base] ?? 0);
      const prev = broker.positions().find((p) => p.symbol === symbol) ?? flatPosition(symbol, deps.now());
      const ours = lotsQty(prev.lots, round);
      // Below the smallest tradable size it is dust: nothing anyone can act on.
      if (Math.abs(held - ours) < inst.minQty) continue;
      const ticker = await retry(`price of ${symbol}`, () => exchange.fetchTicker(ex));
      const price = ticker.last ?? ticker.close ?? prev.lots.at(-1)?.price ?? 0;
      if (!(price > 0)) continue;
      const lots = adoptHolding(prev.lots, held, price, 1, deps.now(), round);
      broker.setPosition({ ...prev, lots, openedAt: lots.length === 0 ? null : (prev.openedAt ?? deps.now()), updatedAt: deps.now() }, events);
      differences.push({
        kind: 'position',
        symbol,
        orderId: null,
        detail: `${base}: ${held} held at the exchange, ${ours} here`,
        resolution: held > ours ? `Adopted ${round(held - ours)} ${base} at ${price}` : `Reduced by ${round(ours - held)} ${base} (oldest lots first), no P&L booked`,
      });
    }
    return symbols.size;
  };

  return async (trigger, downSince) => {
    try {
      const markets = await retry('markets', () => exchange.loadMarkets(true));
      const instruments = Object.values(markets)
        .map((m) => (m ? instrumentFromMarket(m, deps.venue, deps.exchangeName()) : undefined))
        .filter((i): i is Instrument => i !== undefined);
      if (instruments.length === 0) throw new ConnectFailure('The exchange lists no spot markets this terminal can trade', true);
      deps.feed.setInstruments(instruments);
      // The fee schedule of the account's own quote currency, for estimates before an order.
      const reference = Object.values(markets).find((m) => m?.spot && m.quote === deps.currency() && typeof m.taker === 'number');
      if (reference && typeof reference.maker === 'number' && typeof reference.taker === 'number') deps.onFees(reference.maker * 10_000, reference.taker * 10_000);
      if (exchange.has['fetchTime']) {
        await retry('server time', () => exchange.loadTimeDifference());
        deps.onClockOffset(-Number(exchange.options['timeDifference'] ?? 0));
      }
      broker.setBalances(await retry('balances', () => exchange.fetchBalance()));
      const open = await retry('open orders', () => exchange.fetchOpenOrders());

      // Fills missed while away, for every symbol the account may have traded.
      const events: BrokerEvent[] = [];
      const differences: ReconciliationDifference[] = [];
      const symbols = new Set<string>([...broker.knownWorking().map((o) => o.symbol), ...broker.positions().map((p) => p.symbol)]);
      for (const o of open) if (o.symbol) symbols.add(venueSymbol(deps.venue, o.symbol));
      const last = broker.lastFillTime();
      const since = last === null ? deps.createdAt : last - 1000;
      let fillsChecked = 0;
      for (const symbol of symbols) {
        const ex = exchangeSymbolOf(deps.venue, symbol);
        if (!ex || !deps.instrument(symbol)) continue;
        const trades = await retry(`fills of ${symbol}`, () => exchange.fetchMyTrades(ex, since));
        fillsChecked += trades.length;
        for (const t of trades.sort((a, b) => (a.timestamp ?? 0) - (b.timestamp ?? 0))) {
          const fill = await broker.applyTrade(t, events);
          if (fill) differences.push({ kind: 'fill_recovered', symbol, orderId: fill.orderId, detail: `${fill.side} ${fill.qty} at ${fill.price}, while the stream was away`, resolution: 'Booked' });
        }
      }
      const ordersChecked = await ordersDiff(events, differences, open);
      const positionsChecked = await holdingsDiff(events, differences);
      events.push(broker.accountEvent());
      broker.emit(events);
      broker.startStreams();
      if (downSince !== null) deps.feed.announceGap(downSince, deps.now());
      const reconciliation: Reconciliation = {
        accountId: deps.accountId,
        time: deps.now(),
        trigger,
        checked: { orders: ordersChecked, fills: fillsChecked, positions: positionsChecked },
        differences,
      };
      if (differences.length > 0) log.warn({ trigger, differences: differences.length }, 'reconciliation found differences');
      deps.onReconciliation(reconciliation);
    } catch (error) {
      throw connectFailure(error);
    }
  };
}
