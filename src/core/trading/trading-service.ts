import type { Database } from 'better-sqlite3';
import { ApiError, type EventPayload, type Params, type TopicName } from '../../shared/contract';
import { gridRounder } from '../../shared/numbers/steps';
import type { Instrument } from '../../shared/market/instrument';
import type { Account } from '../../shared/trading/account';
import type { Fill } from '../../shared/trading/fill';
import { lotsAvgPrice, lotsCost, lotsQty } from '../../shared/trading/fifo-lots';
import { GENERATED_CLIENT_ID_PREFIX, type Order, type OrderChanges, type OrderRequest, type OrderStatus } from '../../shared/trading/order';
import type { Position } from '../../shared/trading/position';
import type { Broker, BrokerEvent, PositionState } from '../brokers/broker';
import { openCcxtAccount, type CcxtAccount, type CcxtAccountDeps, type ConnectionTest } from '../brokers/ccxt/ccxt-account';
import { describeExchanges, isStreamingExchange, type ExchangeInfo } from '../brokers/ccxt/create-exchange';
import type { FeedRouter } from '../market/feed-router';
import { instrumentSchema } from '../../shared/market/instrument';
import { reconciliationSchema, type Reconciliation } from '../../shared/trading/reconciliation';
import { z } from 'zod';
import type { BrokerCredentials } from './broker-credentials';
import { createTimeOrderedIds } from '../ids/time-ordered-id';
import { BrokerError, OrderFinalError, OrderNotFoundError, OrderRejectedError } from '../brokers/broker-errors';
import { createPaperBroker } from '../brokers/paper/paper-broker';
import type { MarketService } from '../market/market-service';
import type { Clock, Logger } from '../ports';
import type { SettingsRepository } from '../store/settings-repository';
import { createFxRates } from './fx-rates';
import { newOrder } from './new-order';
import { checkSteps, riskBlock, snapToSteps } from './pre-trade-checks';
import { rebuildPosition } from './rebuild-position';
import { createTradingRepository, type AccountRecord } from './trading-repository';
import { whenQuoted, withTimeout } from './when-quoted';

export interface TradingServiceDeps {
  db: Database;
  market: MarketService;
  settings: SettingsRepository;
  clock: Clock;
  log: Logger;
  emit<T extends TopicName>(topic: T, payload: EventPayload<T>): void;
  newId?: () => string;
  /** Coalescing period of mark-to-market updates (default 250 ms). */
  markFlushMs?: number;
  /** How long a placement waits for a symbol's first quote (default 5 s). */
  quoteTimeoutMs?: number;
  /** Live accounts: where their keys are kept and where their exchanges' feeds plug into the market. */
  live?: {
    credentials: BrokerCredentials;
    router: FeedRouter;
    options?: Partial<Pick<CcxtAccountDeps, 'backoff' | 'heartbeatMs' | 'staleMs' | 'resolveForMs' | 'timeoutMs'>>;
  };
}

/** A broker as the service drives it: paper brokers reset and expire DAY orders; live ones need neither. */
type AccountBroker = Broker & { housekeeping(now: number): void; reset?(balance: number): void };

interface Entry {
  record: AccountRecord;
  broker: AccountBroker;
  off: () => void;
  /** Live accounts: the exchange connection, and the detacher of its feed from the market. */
  ccxt?: CcxtAccount;
  detach?: () => void;
}

export type CreateAccount = Params<'accounts.create'>;
export type ConfigureAccount = Params<'accounts.configure'>;
export type SetCredentials = Params<'accounts.setCredentials'>;

export interface PlaceOptions {
  /**
   * The caller's durable ledger shows this client order id was decided in this run and never went
   * out, so the broker need not be asked for it first (the copy executor's first sends).
   */
  neverSent?: boolean;
}

export interface TradingService {
  accounts(): Account[];
  account(accountId: string): Account;
  createAccount(params: CreateAccount): Promise<Account>;
  configure(params: ConfigureAccount): Account;
  reset(accountId: string, balance?: number): Promise<Account>;
  place(accountId: string, request: OrderRequest, options?: PlaceOptions): Promise<Order>;
  /** The order with this client order id, asking a live broker's exchange when it is not known here. */
  orderByClientId(accountId: string, clientOrderId: string): Promise<Order | undefined>;
  cancel(accountId: string, orderId: string): Promise<Order>;
  cancelAll(accountId: string, symbol?: string): Promise<Order[]>;
  modify(accountId: string, orderId: string, changes: OrderChanges): Promise<Order>;
  orders(accountId: string, status: OrderStatus | 'working' | undefined, symbol: string | undefined, limit: number): Order[];
  positions(accountId: string): Position[];
  closePosition(accountId: string, symbol: string, qty?: number): Promise<Order>;
  closeAll(accountId: string): Promise<{ cancelled: Order[]; closing: Order[]; failed: Array<{ symbol: string; reason: string }> }>;
  fills(accountId: string, query: { symbol?: string | undefined; from?: number | undefined; to?: number | undefined; cursor?: string | undefined; limit: number; order: 'asc' | 'desc' }): { fills: Fill[]; nextCursor: string | null };
  exchanges(): Promise<ExchangeInfo[]>;
  setCredentials(params: SetCredentials): Promise<Account>;
  testConnection(accountId: string): Promise<ConnectionTest>;
  reconnect(accountId: string): Promise<Account>;
  reconciliations(accountId: string, limit: number): Reconciliation[];
  /** Runs housekeeping now (DAY expiry); a timer does it every second. */
  housekeeping(): void;
  close(): void;
}

const DEFAULT_ACCOUNT_KEY = 'trading.defaultAccountCreated';
const RECONCILIATIONS_KEPT = 50;
const reconciliationsKey = (accountId: string): string => `trading.reconciliations.${accountId}`;
const venueInstrumentsKey = (venue: string): string => `market.instruments.${venue}`;
const HOUSEKEEPING_MS = 1000;

/** Maps what a broker threw to the API's stable error codes. */
function brokerApiError(error: unknown): unknown {
  if (error instanceof OrderRejectedError) return new ApiError('BROKER_REJECTED', error.message, error.order ? { order: error.order, reason: error.message } : { reason: error.message });
  if (error instanceof OrderNotFoundError) return new ApiError('NOT_FOUND', error.message);
  if (error instanceof OrderFinalError) return new ApiError('CONFLICT', error.message);
  if (error instanceof BrokerError && error.retryable) return new ApiError('UNAVAILABLE', error.message);
  return error;
}

/**
 * Trading over every account: pre-trade checks, the broker per account, and persistence of what
 * brokers report — each broker operation's changes in one SQLite transaction before any event
 * leaves the core — so orders, fills and positions survive a restart exactly.
 */
export function createTradingService(deps: TradingServiceDeps): TradingService {
  const { clock, log, market } = deps;
  const repo = createTradingRepository(deps.db, (what, key, problem, stored) =>
    log.error({ what, key, problem, stored: stored.slice(0, 2000) }, 'a stored trading row is damaged: skipped and left as it is'),
  );
  const newId = deps.newId ?? createTimeOrderedIds(() => clock.now());
  const instruments = market.instruments();
  const fx = createFxRates(instruments, market);
  const quoteTimeoutMs = deps.quoteTimeoutMs ?? 5000;
  // Lot rounders made once per symbol: positions are valued on every mark flush.
  const lotRounders = new Map<string, (q: number) => number>();
  const lotRounder = (inst: Instrument): ((q: number) => number) => {
    let round = lotRounders.get(inst.symbol);
    if (!round) {
      round = gridRounder(inst.lotStep);
      lotRounders.set(inst.symbol, round);
    }
    return round;
  };
  /** The instrument, if the market knows it now (a live venue's may not be loaded yet). */
  const knownInstrument = (symbol: string): Instrument | undefined => {
    try {
      return market.instrument(symbol);
    } catch {
      return undefined;
    }
  };
  /** Signed open quantity of a symbol in an account. */
  const openQty = (broker: AccountBroker, inst: Instrument): number => {
    const p = broker.positions().find((x) => x.symbol === inst.symbol);
    return p ? lotsQty(p.lots, lotRounder(inst)) : 0;
  };
  const live = new Map<string, Entry>();
  const dirtyMarks = new Set<string>();

  const get = (accountId: string): Entry => {
    const found = live.get(accountId);
    if (!found) throw new ApiError('NOT_FOUND', `No account ${accountId}`);
    return found;
  };

  const toPosition = (record: AccountRecord, broker: AccountBroker, p: PositionState): Position => {
    const inst = knownInstrument(p.symbol);
    const qty = inst ? lotsQty(p.lots, lotRounder(inst)) : p.lots.reduce((sum, l) => sum + l.qty, 0);
    const cost = lotsCost(p.lots);
    const markPrice = broker.mark(p.symbol) ?? null;
    const rate = inst ? broker.fxRate(inst.quoteCurrency) : undefined;
    const marketValue = markPrice !== null && rate !== undefined ? qty * markPrice * rate : cost;
    return {
      accountId: record.id,
      symbol: p.symbol,
      qty,
      avgPrice: lotsAvgPrice(p.lots),
      markPrice,
      unrealizedPnl: marketValue - cost,
      realizedPnl: p.realizedPnl,
      marketValue,
      openedAt: p.openedAt,
      updatedAt: p.updatedAt,
    };
  };

  const toAccount = ({ record, broker, ccxt }: Entry): Account => {
    const money = broker.account();
    return {
      id: record.id,
      name: record.name,
      kind: record.kind,
      exchange: record.live?.exchange ?? null,
      venue: record.live?.venue ?? null,
      endpoints: record.live?.endpoints ?? null,
      hasCredentials: record.live?.hasCredentials ?? false,
      connection: ccxt?.connection() ?? null,
      type: record.type,
      currency: record.currency,
      leverage: record.leverage,
      startingBalance: record.startingBalance,
      makerFeeBps: record.makerFeeBps,
      takerFeeBps: record.takerFeeBps,
      maxOrderValue: record.maxOrderValue,
      ...money,
      createdAt: record.createdAt,
      resetAt: record.resetAt,
    };
  };

  // Group commit: the batches of everything that happened in one turn of the event loop are
  // written in one SQLite transaction, then published; callers get their answer only after that.
  const pending: Array<{ accountId: string; events: readonly BrokerEvent[] }> = [];
  let flushScheduled = false;
  let barrier: { promise: Promise<void>; resolve: () => void; reject: (error: Error) => void } | undefined;

  type Money = Pick<AccountRecord, 'balance' | 'realizedPnl' | 'fillSeq' | 'live'>;

  /**
   * Writes a group of batches; an order, position or account changed several times is written
   * once, as it ended. Returns each batch's new account money, applied to the records only once
   * the transaction has committed.
   */
  const persist = (work: ReadonlyArray<{ accountId: string; events: readonly BrokerEvent[] }>): Array<Money | null> => {
    const orders = new Map<string, Order>();
    const positions = new Map<string, { accountId: string; position: PositionState }>();
    const accounts = new Map<string, AccountRecord>();
    const moneyChanges = work.map(({ accountId, events }) => {
      const record = live.get(accountId)?.record;
      if (!record) return null;
      let money: Money | null = null;
      for (const e of events) {
        if (e.type === 'order') orders.set(e.order.id, e.order);
        else if (e.type === 'fill') {
          // A fill refers to its order: the order row must exist first.
          const order = orders.get(e.fill.orderId);
          if (order) {
            repo.saveOrder(order);
            orders.delete(order.id);
          }
          repo.insertFill(e.fill);
        } else if (e.type === 'position') positions.set(`${accountId}\u0000${e.position.symbol}`, { accountId, position: e.position });
        else if (e.type === 'account') {
          const lastFillTime = live.get(accountId)?.ccxt?.broker.lastFillTime() ?? null;
          money = { balance: e.balance, realizedPnl: e.realizedPnl, fillSeq: e.fillSeq, ...(record.live ? { live: { ...record.live, lastFillTime } } : {}) };
          accounts.set(accountId, { ...(accounts.get(accountId) ?? record), ...money });
        }
      }
      return money;
    });
    for (const o of orders.values()) repo.saveOrder(o);
    for (const { accountId, position } of positions.values()) repo.savePosition(accountId, position);
    for (const record of accounts.values()) repo.saveAccount(record);
    return moneyChanges;
  };

  const publish = (accountId: string, events: readonly BrokerEvent[], accountChanged: boolean): void => {
    const entry = live.get(accountId);
    if (!entry) return;
    const positions = new Map<string, PositionState>();
    for (const e of events) {
      if (e.type === 'order') deps.emit('orders.update', e.order);
      else if (e.type === 'fill') deps.emit('fills.new', e.fill);
      else if (e.type === 'position') positions.set(e.position.symbol, e.position);
      else if (e.type === 'marks') dirtyMarks.add(accountId);
    }
    for (const p of positions.values()) deps.emit('positions.update', toPosition(entry.record, entry.broker, p));
    if (accountChanged) deps.emit('accounts.update', toAccount(entry));
  };

  const commit = (): void => {
    flushScheduled = false;
    const work = pending.splice(0);
    const done = barrier;
    barrier = undefined;
    let saved: Array<{ batch: (typeof work)[number]; money: Money | null }> = [];
    let failed = 0;
    try {
      const money = repo.transaction(() => persist(work));
      saved = work.map((batch, i) => ({ batch, money: money[i] ?? null }));
    } catch (groupError) {
      // One bad batch must not cost the others: store them one by one, and report the ones refused.
      for (const batch of work) {
        try {
          saved.push({ batch, money: repo.transaction(() => persist([batch]))[0] ?? null });
        } catch (error) {
          failed++;
          log.error({ accountId: batch.accountId, err: String(error), events: batch.events.length }, 'persisting a trading change failed');
        }
      }
      if (failed === 0) log.warn({ err: String(groupError) }, 'a group commit failed but every batch was stored on its own');
    }
    for (const { batch, money } of saved) {
      const record = live.get(batch.accountId)?.record;
      if (record && money) Object.assign(record, money);
      publish(batch.accountId, batch.events, money !== null);
    }
    if (failed > 0) done?.reject(new ApiError('UNAVAILABLE', 'A trading change could not be saved to the profile database; see the log'));
    else done?.resolve();
  };

  const onBrokerEvents = (accountId: string, events: readonly BrokerEvent[]): void => {
    // Marks alone change nothing stored: they only need publishing, coalesced.
    if (events.every((e) => e.type === 'marks')) {
      dirtyMarks.add(accountId);
      return;
    }
    pending.push({ accountId, events });
    if (!flushScheduled) {
      flushScheduled = true;
      setImmediate(commit);
    }
  };

  /** Resolves once everything brokers reported so far is stored (and published). */
  const committed = (): Promise<void> => {
    if (pending.length === 0) return Promise.resolve();
    if (!barrier) {
      let resolve!: () => void;
      let reject!: (error: Error) => void;
      const promise = new Promise<void>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      barrier = { promise, resolve, reject };
    }
    return barrier.promise;
  };

  /** The account's positions as stored; one whose row is damaged is rebuilt from its fills. */
  const restorePositions = (record: AccountRecord): PositionState[] => {
    const { states, damaged } = repo.positions(record.id);
    for (const symbol of damaged) {
      const inst = knownInstrument(symbol);
      if (!inst) continue;
      const round = lotRounder(inst);
      const fills: Fill[] = [];
      for (let cursorSeq = record.resetSeq; ; ) {
        const page = repo.fills(record.id, { symbol, cursorSeq, order: 'asc', limit: 5000 });
        fills.push(...page);
        if (page.length < 5000) break;
        cursorSeq = page.at(-1)!.seq;
      }
      const rebuilt = rebuildPosition(symbol, fills, round);
      repo.savePosition(record.id, rebuilt);
      states.push(rebuilt);
      log.warn({ accountId: record.id, symbol, fills: fills.length }, 'a damaged position was rebuilt from its fills');
    }
    return states;
  };

  const history = (record: AccountRecord): CcxtAccountDeps['history'] => ({
    order: (id) => repo.order(record.id, id),
    // Ids this service generated are fresh UUIDv7s: no stored order can have one.
    orderByClientId: (clientOrderId) => (clientOrderId.startsWith(GENERATED_CLIENT_ID_PREFIX) ? undefined : repo.orderByClientId(record.id, clientOrderId)),
    fillsSince: (cursor, limit) => repo.fills(record.id, { cursorSeq: cursor, order: 'asc', limit }),
  });

  const storedInstruments = (venue: string): Instrument[] => {
    const parsed = z.array(instrumentSchema).safeParse(deps.settings.get(venueInstrumentsKey(venue)));
    return parsed.success ? parsed.data : [];
  };

  const storedReconciliations = (accountId: string): Reconciliation[] => {
    const parsed = z.array(reconciliationSchema).safeParse(deps.settings.get(reconciliationsKey(accountId)));
    return parsed.success ? parsed.data : [];
  };

  /** A live account: its exchange's feed joins the market, its broker streams into the store. */
  const startLive = (record: AccountRecord): void => {
    const spec = record.live;
    const liveDeps = deps.live;
    if (!spec || !liveDeps) return;
    // The venue's markets as last loaded: positions and history stay readable offline.
    const cachedInstruments = storedInstruments(spec.venue);
    const ccxt = openCcxtAccount({
      accountId: record.id,
      exchange: spec.exchange,
      venue: spec.venue,
      endpoints: spec.endpoints,
      currency: () => record.currency,
      createdAt: record.createdAt,
      credentials: () => liveDeps.credentials.load(record.id),
      cachedInstruments,
      saveInstruments: (list) => deps.settings.set(venueInstrumentsKey(spec.venue), list),
      quotes: market,
      fx,
      clock,
      log,
      newId,
      initial: {
        balance: record.balance,
        realizedPnl: record.realizedPnl,
        fillSeq: record.fillSeq,
        positions: [],
        workingOrders: repo.workingOrders(record.id),
        lastFillTime: spec.lastFillTime,
        recentFillIds: repo.fills(record.id, { cursorSeq: 0, order: 'desc', limit: 1000 }).map((f) => f.id),
      },
      history: history(record),
      onConnection: (connection) => {
        deps.emit('accounts.connection', { accountId: record.id, ...connection });
        const entry = live.get(record.id);
        if (entry) deps.emit('accounts.update', toAccount(entry));
      },
      onFees: (makerBps, takerBps) => {
        if (record.makerFeeBps === makerBps && record.takerFeeBps === takerBps) return;
        record.makerFeeBps = makerBps;
        record.takerFeeBps = takerBps;
        repo.saveAccount(record);
      },
      onReconciliation: (reconciliation) => {
        deps.settings.set(reconciliationsKey(record.id), [reconciliation, ...storedReconciliations(record.id)].slice(0, RECONCILIATIONS_KEPT));
        // Announced once what it changed is stored: a reader then sees the reconciled state.
        committed().then(
          () => deps.emit('accounts.reconciliation', reconciliation),
          () => deps.emit('accounts.reconciliation', reconciliation),
        );
      },
      ...liveDeps.options,
    });
    const detach = liveDeps.router.attach(spec.venue, ccxt.feed);
    // Positions are restored once the venue's instruments are known (damaged ones need lot steps).
    for (const p of restorePositions(record)) ccxt.broker.setPosition(p, []);
    const off = ccxt.broker.subscribe((events) => onBrokerEvents(record.id, events));
    live.set(record.id, { record, broker: ccxt.broker, off, ccxt, detach });
    void ccxt.start();
  };

  const startBroker = (record: AccountRecord): void => {
    if (record.kind === 'ccxt') {
      startLive(record);
      return;
    }
    const broker = createPaperBroker({
      accountId: record.id,
      config: () => record,
      instruments,
      quotes: market,
      fx,
      clock,
      newId,
      initial: { balance: record.balance, realizedPnl: record.realizedPnl, fillSeq: record.fillSeq, positions: restorePositions(record), workingOrders: repo.workingOrders(record.id) },
      history: history(record),
      ...(deps.quoteTimeoutMs ? { quoteTimeoutMs: deps.quoteTimeoutMs } : {}),
    });
    const off = broker.subscribe((events) => onBrokerEvents(record.id, events));
    live.set(record.id, { record, broker, off });
    // DAY orders of an earlier session may have expired while the app was closed.
    broker.housekeeping(clock.now());
  };

  /** A venue prefix no other account uses: BINANCE, then BINANCE2, … */
  const freeVenue = (exchange: string): string => {
    const taken = new Set([...live.values()].map((e) => e.record.live?.venue));
    const base = exchange.toUpperCase();
    for (let n = 1; ; n++) if (!taken.has(n === 1 ? base : `${base}${n}`)) return n === 1 ? base : `${base}${n}`;
  };

  const createAccount = async (params: CreateAccount): Promise<Account> => {
    if (params.kind === 'ccxt' && deps.live && !(await isStreamingExchange(params.exchange))) {
      throw new ApiError('INVALID_PARAMS', `"${params.exchange}" is not an exchange this terminal can stream from; see accounts.exchanges`, { fields: [{ path: 'exchange', message: 'unknown exchange' }] });
    }
    return openAccount(params);
  };

  const openAccount = (params: CreateAccount): Account => {
    const now = clock.now();
    const common = { id: newId(), name: params.name, currency: params.currency, maxOrderValue: params.maxOrderValue ?? null, realizedPnl: 0, fillSeq: 0, createdAt: now, resetAt: null, resetSeq: 0 };
    let record: AccountRecord;
    if (params.kind === 'paper') {
      record = {
        ...common,
        kind: 'paper',
        type: params.leverage === undefined ? 'cash' : 'margin',
        leverage: params.leverage ?? 1,
        startingBalance: params.balance,
        makerFeeBps: params.makerFeeBps,
        takerFeeBps: params.takerFeeBps,
        balance: params.balance,
      };
    } else {
      if (!deps.live) throw new ApiError('UNAVAILABLE', 'Live accounts are not available in this host');
      // Spot only, no borrowing: the exchange holds the money and charges its own fees.
      record = {
        ...common,
        kind: 'ccxt',
        type: 'cash',
        leverage: 1,
        startingBalance: 0,
        makerFeeBps: 0,
        takerFeeBps: 0,
        balance: 0,
        live: { exchange: params.exchange, venue: freeVenue(params.exchange), endpoints: params.endpoints ?? null, hasCredentials: false, lastFillTime: null },
      };
    }
    repo.saveAccount(record);
    startBroker(record);
    const account = toAccount(get(record.id));
    deps.emit('accounts.update', account);
    log.info({ accountId: record.id, kind: record.kind, type: record.type, currency: record.currency, exchange: record.live?.exchange }, 'account created');
    return account;
  };

  /** The live part of an account, or INVALID_PARAMS for a paper one. */
  const liveOf = (accountId: string): Entry & { ccxt: CcxtAccount } => {
    const entry = get(accountId);
    if (!entry.ccxt) throw new ApiError('INVALID_PARAMS', 'A paper account has no exchange connection', { fields: [{ path: 'accountId', message: 'a paper account' }] });
    return entry as Entry & { ccxt: CcxtAccount };
  };

  for (const record of repo.accounts()) startBroker(record);
  if (live.size === 0 && deps.settings.get(DEFAULT_ACCOUNT_KEY) === undefined) {
    // A new profile can trade at once: a paper margin account, as most brokers open.
    openAccount({ name: 'Paper', kind: 'paper', currency: 'USD', balance: 100_000, leverage: 2, makerFeeBps: 1, takerFeeBps: 5 });
    deps.settings.set(DEFAULT_ACCOUNT_KEY, true);
  }

  const markTimer = setInterval(() => {
    for (const accountId of dirtyMarks) {
      const entry = live.get(accountId);
      if (!entry) continue;
      for (const p of entry.broker.positions()) deps.emit('positions.update', toPosition(entry.record, entry.broker, p));
      deps.emit('accounts.update', toAccount(entry));
    }
    dirtyMarks.clear();
  }, deps.markFlushMs ?? 250);
  markTimer.unref();

  const housekeeping = (): void => {
    const now = clock.now();
    for (const { broker } of live.values()) {
      try {
        broker.housekeeping(now);
      } catch (error) {
        log.error({ accountId: broker.accountId, err: String(error) }, 'trading housekeeping failed');
      }
    }
  };
  const housekeepingTimer = setInterval(housekeeping, HOUSEKEEPING_MS);
  housekeepingTimer.unref();

  /** A broker call answered only once its effects are stored: an acknowledged order survives a crash. */
  const call = async <T>(fn: () => Promise<T>): Promise<T> => {
    let result: T;
    try {
      result = await fn();
    } catch (error) {
      await committed();
      throw brokerApiError(error);
    }
    await committed();
    return result;
  };

  const place = async (accountId: string, request: OrderRequest, options: PlaceOptions = {}): Promise<Order> => {
    const { record, broker, ccxt } = get(accountId);
    const clientOrderId = request.clientOrderId ?? `${GENERATED_CLIENT_ID_PREFIX}${newId().replaceAll('-', '')}`;
    if (!options.neverSent) {
      const existing = await broker.orderByClientId(clientOrderId);
      if (existing) return existing;
    }
    if (ccxt) {
      const { state, detail } = ccxt.connection();
      // Sent into a dead link, an order's fate would be unknown: refuse it plainly instead.
      if (state !== 'live' && state !== 'degraded') throw new ApiError('UNAVAILABLE', `${record.live?.venue ?? 'The exchange'} is ${state}: ${detail}`);
    }
    const inst = market.instrument(request.symbol);
    checkSteps(request, inst);
    // On the step within binary noise: pass the exact decimal on, so 0.1 + 0.2 is 0.3.
    request = snapToSteps(request, inst);
    // Hold the symbol live from the risk check through the placement, so its quote stays current.
    const hold = market.watchQuotes(inst.symbol, () => undefined);
    try {
      const quote = await whenQuoted(market, inst.symbol, quoteTimeoutMs);
      if (!fx.follow(inst.quoteCurrency, record.currency)) throw new ApiError('BROKER_REJECTED', `No conversion from ${inst.quoteCurrency} to ${record.currency} on this market`);
      if (!quote || !(await withTimeout(fx.ready(inst.quoteCurrency, record.currency), quoteTimeoutMs))) {
        throw new ApiError('UNAVAILABLE', `No ${quote ? `${inst.quoteCurrency}/${record.currency} rate` : `quote for ${inst.symbol}`} yet: the market feed may be unavailable; try again`);
      }
      const fxRate = broker.fxRate(inst.quoteCurrency);
      if (fxRate !== undefined) {
        const blocked = riskBlock(request, {
          currency: record.currency,
          maxOrderValue: record.maxOrderValue,
          money: broker.account(),
          position: openQty(broker, inst),
          quote,
          fxRate,
        });
        if (blocked) {
          const now = clock.now();
          const order: Order = { ...newOrder({ ...request, clientOrderId }, { id: newId(), accountId }, now, null), status: 'rejected', reason: blocked };
          // Kept for the blotter; a concurrent accepted order with this id wins the row.
          repo.saveRejectedOrder(order);
          deps.emit('orders.update', order);
          throw new ApiError('RISK_BLOCKED', blocked, { order, reason: blocked });
        }
      }
      return await call(() => broker.placeOrder({ ...request, clientOrderId }));
    } finally {
      hold();
    }
  };

  const closePosition = async (accountId: string, symbol: string, qty?: number): Promise<Order> => {
    const { broker } = get(accountId);
    const open = openQty(broker, market.instrument(symbol));
    if (open === 0) throw new ApiError('NOT_FOUND', `No open ${symbol} position`);
    const size = Math.min(qty ?? Math.abs(open), Math.abs(open));
    return place(accountId, { symbol, side: open > 0 ? 'sell' : 'buy', type: 'market', qty: size, tif: 'IOC', reduceOnly: true });
  };

  return {
    accounts: () => [...live.values()].map(toAccount),
    orderByClientId: (accountId, clientOrderId) => get(accountId).broker.orderByClientId(clientOrderId),
    account: (accountId) => toAccount(get(accountId)),
    createAccount,
    configure(params) {
      const entry = get(params.accountId);
      const { record } = entry;
      if (record.kind === 'ccxt' && (params.makerFeeBps !== undefined || params.takerFeeBps !== undefined || params.leverage !== undefined)) {
        throw new ApiError('INVALID_PARAMS', 'A live account’s fees and leverage are the exchange’s', { fields: [{ path: params.leverage !== undefined ? 'leverage' : 'makerFeeBps', message: 'set at the exchange' }] });
      }
      if (params.leverage !== undefined && record.type === 'cash') {
        throw new ApiError('INVALID_PARAMS', 'A cash account has no leverage', { fields: [{ path: 'leverage', message: 'a cash account has no leverage' }] });
      }
      if (params.name !== undefined) record.name = params.name;
      if (params.leverage !== undefined) record.leverage = params.leverage;
      if (params.makerFeeBps !== undefined) record.makerFeeBps = params.makerFeeBps;
      if (params.takerFeeBps !== undefined) record.takerFeeBps = params.takerFeeBps;
      if (params.maxOrderValue !== undefined) record.maxOrderValue = params.maxOrderValue;
      repo.saveAccount(record);
      const account = toAccount(entry);
      deps.emit('accounts.update', account);
      return account;
    },
    async reset(accountId, balance) {
      const entry = get(accountId);
      const { record, broker } = entry;
      if (!broker.reset) throw new ApiError('INVALID_PARAMS', 'A live account’s money is at its exchange: it cannot be reset', { fields: [{ path: 'accountId', message: 'a live account' }] });
      const start = balance ?? record.startingBalance;
      broker.reset(start);
      await committed();
      record.startingBalance = start;
      record.resetAt = clock.now();
      record.resetSeq = record.fillSeq;
      repo.saveAccount(record);
      const account = toAccount(entry);
      deps.emit('accounts.update', account);
      log.info({ accountId, balance: start }, 'paper account reset');
      return account;
    },
    place,
    cancel: (accountId, orderId) => call(() => get(accountId).broker.cancelOrder(orderId)),
    async cancelAll(accountId, symbol) {
      const { broker } = get(accountId);
      const cancelled: Order[] = [];
      // Children go with their entries' remainders only when asked: cancel every working order.
      for (const o of broker.openOrders()) {
        if (symbol !== undefined && o.symbol !== symbol) continue;
        try {
          cancelled.push(await broker.cancelOrder(o.id));
        } catch (error) {
          // Filled or cancelled meanwhile (an OCO sibling): nothing left to cancel.
          if (!(error instanceof OrderFinalError || error instanceof OrderNotFoundError)) throw brokerApiError(error);
        }
      }
      await committed();
      return cancelled;
    },
    modify(accountId, orderId, changes) {
      const { broker } = get(accountId);
      const o = broker.openOrders().find((x) => x.id === orderId);
      let next = changes;
      if (o) {
        const inst = market.instrument(o.symbol);
        const stepped = { qty: changes.qty ?? o.qty, price: changes.price, stopPrice: changes.stopPrice, bracket: undefined };
        checkSteps(stepped, inst);
        const snapped = snapToSteps(stepped, inst);
        next = { ...(changes.qty !== undefined ? { qty: snapped.qty } : {}), ...(snapped.price !== undefined ? { price: snapped.price } : {}), ...(snapped.stopPrice !== undefined ? { stopPrice: snapped.stopPrice } : {}) };
      }
      return call(() => broker.modifyOrder(orderId, next));
    },
    orders(accountId, status, symbol, limit) {
      get(accountId);
      return repo.orders(accountId, status, symbol, limit);
    },
    positions(accountId) {
      const { record, broker } = get(accountId);
      return broker.positions().map((p) => toPosition(record, broker, p));
    },
    closePosition,
    async closeAll(accountId) {
      const { broker } = get(accountId);
      const cancelled = await this.cancelAll(accountId);
      const closing: Order[] = [];
      const failed: Array<{ symbol: string; reason: string }> = [];
      for (const p of broker.positions()) {
        try {
          closing.push(await closePosition(accountId, p.symbol));
        } catch (error) {
          failed.push({ symbol: p.symbol, reason: error instanceof Error ? error.message : String(error) });
        }
      }
      return { cancelled, closing, failed };
    },
    fills(accountId, q) {
      get(accountId);
      const cursorSeq = q.cursor === undefined ? 0 : Number(q.cursor);
      const fills = repo.fills(accountId, { symbol: q.symbol, from: q.from, to: q.to, cursorSeq, order: q.order, limit: q.limit });
      return { fills, nextCursor: fills.length === q.limit ? String(fills.at(-1)!.seq) : null };
    },
    housekeeping,
    exchanges: () => describeExchanges(),
    async setCredentials(params) {
      const entry = liveOf(params.accountId);
      const live = entry.record.live!;
      await deps.live!.credentials.save(entry.record.id, { apiKey: params.apiKey, secret: params.secret, ...(params.passphrase ? { passphrase: params.passphrase } : {}) });
      entry.record.live = { ...live, hasCredentials: true };
      repo.saveAccount(entry.record);
      log.info({ accountId: entry.record.id }, 'API keys stored');
      await entry.ccxt.reconnect();
      const account = toAccount(entry);
      deps.emit('accounts.update', account);
      return account;
    },
    testConnection: (accountId) => liveOf(accountId).ccxt.testConnection(),
    async reconnect(accountId) {
      const entry = liveOf(accountId);
      await entry.ccxt.reconnect();
      return toAccount(entry);
    },
    reconciliations(accountId, limit) {
      liveOf(accountId);
      return storedReconciliations(accountId).slice(0, limit);
    },
    close() {
      if (pending.length > 0) commit();
      clearInterval(markTimer);
      clearInterval(housekeepingTimer);
      for (const e of live.values()) {
        e.off();
        e.broker.close();
        e.detach?.();
        if (e.ccxt) void e.ccxt.close();
      }
      live.clear();
      fx.close();
    },
  };
}


