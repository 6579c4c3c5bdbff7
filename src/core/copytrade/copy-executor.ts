import { LRUCache } from 'lru-cache';
import { ApiError, type EventPayload, type TopicName } from '../../shared/contract';
import type { CopyLogEntry } from '../../shared/contract/copy';
import type { GuardName } from '../../shared/copy/copy-settings';
import type { Instrument } from '../../shared/market/instrument';
import { gridRounder } from '../../shared/numbers/steps';
import type { FillBody, StrategyEvent } from '../../shared/social/strategy-event';
import type { Fill } from '../../shared/trading/fill';
import { isWorking, type Order } from '../../shared/trading/order';
import type { MarketService } from '../market/market-service';
import type { Clock, Logger } from '../ports';
import type { FxRates } from '../trading/fx-rates';
import type { TradingService } from '../trading/trading-service';
import { whenQuoted } from '../trading/when-quoted';
import { copyClientOrderId, isCopyClientOrderId } from './client-order-id';
import { applyCopyFill, emptyBook, valueBook } from './copy-book';
import { encodeJournal, journalClientOrderId, type JournalEntry } from './copy-journal';
import { latencyOf, logView, slippageOf, type StoredLogEntry } from './copy-log-view';
import { mapSymbol, planSignal, splitChange, type Plan, type PlannedOrder } from './copy-plan';
import { pendingIntent, type Book, type CopyRepository, type FollowRecord, type Intent, type NewLogEntry } from './copy-repository';
import { createWriteBehind, replayJournal } from './copy-write-behind';

/** The verified leader streams the executor reads (the social client's verified-event store). */
export interface LeaderFeed {
  /** Verified events after `afterSeq`, ascending, at most `limit`. */
  events(strategyId: string, afterSeq: number, limit: number): StrategyEvent[];
  /** Every newly verified event, in seq order per strategy. */
  onVerified(listener: (strategyId: string, event: StrategyEvent) => void): () => void;
  /** Keeps a strategy's stream live and verified while held; returns the release. */
  track(strategyId: string): () => void;
}

export interface CopyExecutorDeps {
  repo: CopyRepository;
  trading: Pick<TradingService, 'account' | 'place' | 'cancel' | 'orderByClientId' | 'fills'>;
  market: Pick<MarketService, 'instrument' | 'lastQuote' | 'watchQuotes'>;
  fx: Pick<FxRates, 'rate' | 'follow'>;
  leaders: LeaderFeed;
  on<T extends TopicName>(topic: T, listener: (payload: EventPayload<T>) => void): () => void;
  /** A log entry was written or answered (the service publishes it as `copy.signal`). */
  signal(entry: CopyLogEntry): void;
  clock: Clock;
  log: Logger;
  /** How long a signal waits for the first quote of a symbol not yet live (default 5 s). */
  quoteTimeoutMs?: number;
}

/** One follow as the executor holds it: the ledger row, its books and what is on its way. */
export interface LiveFollow {
  record: FollowRecord;
  books: Map<string, Book>;
  /** Signed quantity ordered and not yet filled or ended, per symbol. */
  pending: Map<string, number>;
  /** Execution quality so far, kept here so figures never rescan the ledger. */
  quality: FollowQuality;
}

/** What a follow's figures are computed from (METRICS.md "Copying"). */
export interface FollowQuality {
  /** Leader fill → the broker's acknowledgement, ms, one per acknowledged order. */
  latencies: number[];
  /** Per order that filled (in whole or in part), bps. */
  slippages: number[];
  outcomes: Record<'copied' | 'skipped' | 'blocked' | 'failed', number>;
}

export interface CopyExecutor {
  start(): Promise<void>;
  follows(): LiveFollow[];
  follow(followId: string): LiveFollow;
  /** Registers a new follow (already written) and starts acting on its leader's events. */
  add(record: FollowRecord): void;
  /** Writes a changed follow record (settings, state) and applies it. */
  update(record: FollowRecord): void;
  /** The copy's equity now: allocation + realised − fees + unrealised. */
  equity(live: LiveFollow): number;
  gross(live: LiveFollow): number;
  /**
   * Sends orders taking the copy from what it holds to `targets` (symbol → signed qty) and logs
   * `message`; `record`, when given (a stop), is written in the same transaction as the orders.
   */
  rebalance(live: LiveFollow, targets: ReadonlyMap<string, number>, cause: string, message: string, options?: { guard?: GuardName; record?: FollowRecord }): Promise<CopyLogEntry>;
  /** Cancels the follow's working (limit) orders: a pause or a stop must leave none behind. */
  cancelWorking(live: LiveFollow, reason: string): Promise<void>;
  /** Resolves when every order sent so far has been answered by its broker. */
  idle(): Promise<void>;
  /** Writes what the ledger's write-behind holds, so a read of the ledger sees every decision and answer so far. */
  flush(): void;
  /** A log entry with its orders as they stand now. */
  entry(logId: number): CopyLogEntry | undefined;
  /** Orders of a follow sent and not yet filled or ended. */
  openOrders(followId: string): number;
  /** Called (throttled, 4 a second at most per follow) when a follow's state or figures change. */
  onUpdate(listener: (follow: LiveFollow) => void): () => void;
  /** Risk sizing: my scale against proportional for a follow (target vol / leader vol, capped). */
  setRiskScale(followId: string, scale: number): void;
  close(): void;
}

/** Intents and log entries of this run kept in memory, newest last. */
const RECENT_KEPT = 5000;
/** A lookup of an intent's fate that failed at start is tried again after this, doubling to 30 s. */
const LOOKUP_RETRY_MS = 100;

/**
 * The copy-trade executor: verified leader fill → my target position → guards → the decision in
 * the copy ledger (one journal row for all follows of the event, in one SQLite transaction) →
 * orders with client order ids derived from (follow, leader seq, leg) → acknowledgements and fills
 * back into each copy's sub-ledger. Memory changes only after the decision committed.
 */
export function createCopyExecutor(deps: CopyExecutorDeps): CopyExecutor {
  const { repo, trading, market, fx, clock, log } = deps;
  const quoteTimeoutMs = deps.quoteTimeoutMs ?? 5000;
  const live = new Map<string, LiveFollow>();
  const byStrategy = new Map<string, Set<LiveFollow>>();
  const tracked = new Map<string, () => void>();
  const holds = new Map<string, () => void>();
  const openIntents = new Map<string, Intent>();
  /** Intents answered this run (bounded): log views read them without the database. */
  const recent = new LRUCache<string, Intent>({ max: RECENT_KEPT });
  const inFlight = new Set<Promise<unknown>>();
  /** Per strategy: events are handled one after another, in seq order. */
  const queues = new Map<string, Promise<void>>();
  /** Follows whose open intents could not be looked up at start: their signals wait. */
  const blockers = new Map<string, Promise<void>>();
  const riskScales = new Map<string, number>();
  const offs: Array<() => void> = [];
  let closed = false;
  const rounders = new Map<number, (q: number) => number>();
  const roundFor = (step: number): ((q: number) => number) => {
    let r = rounders.get(step);
    if (!r) rounders.set(step, (r = gridRounder(step)));
    return r;
  };

  // ── Instruments, prices, money ───────────────────────────────────────────────────────────────

  const instrument = (symbol: string): Instrument | undefined => {
    try {
      return market.instrument(symbol);
    } catch {
      return undefined;
    }
  };
  const currencies = new Map<string, string>();
  /** An account's currency never changes: asked once (an account snapshot values all its positions). */
  const currencyOf = (accountId: string): string => {
    let c = currencies.get(accountId);
    if (c === undefined) currencies.set(accountId, (c = trading.account(accountId).currency));
    return c;
  };
  const fxRate = (inst: Instrument, accountId: string): number | undefined => {
    const currency = currencyOf(accountId);
    if (inst.quoteCurrency === currency) return 1;
    fx.follow(inst.quoteCurrency, currency);
    return fx.rate(inst.quoteCurrency, currency);
  };
  /** While one event's decisions are made: marks by account and symbol, read once for all its follows. */
  let batchMarks: Map<string, Map<string, { price: number; fxRate: number } | undefined>> | null = null;
  const readMark = (symbol: string, accountId: string): { price: number; fxRate: number } | undefined => {
    const inst = instrument(symbol);
    const quote = market.lastQuote(symbol);
    const rate = inst ? fxRate(inst, accountId) : undefined;
    return inst && quote && rate !== undefined ? { price: quote.last, fxRate: rate } : undefined;
  };
  const markOf = (symbol: string, accountId: string): { price: number; fxRate: number } | undefined => {
    if (!batchMarks) return readMark(symbol, accountId);
    let byAccount = batchMarks.get(accountId);
    if (!byAccount) batchMarks.set(accountId, (byAccount = new Map()));
    if (byAccount.has(symbol)) return byAccount.get(symbol);
    const m = readMark(symbol, accountId);
    byAccount.set(symbol, m);
    return m;
  };
  /**
   * Keeps a symbol's quotes live for the life of the executor once a leader trades it or a copy
   * holds it: copies stay marked, and the next signal finds its price without waiting.
   */
  const hold = (symbol: string): void => {
    if (!holds.has(symbol) && instrument(symbol)) holds.set(symbol, market.watchQuotes(symbol, () => undefined));
  };

  const equity = (f: LiveFollow): number => {
    let pnl = 0;
    for (const b of f.books.values()) pnl += valueBook(b, b.lots.length > 0 ? markOf(b.symbol, f.record.accountId) : undefined).pnl;
    return f.record.settings.allocation + pnl;
  };
  const gross = (f: LiveFollow): number => {
    let g = 0;
    for (const b of f.books.values()) if (b.qty !== 0) g += valueBook(b, markOf(b.symbol, f.record.accountId)).gross;
    return g;
  };
  const bookOf = (f: LiveFollow, symbol: string): Book => f.books.get(symbol) ?? emptyBook(symbol);
  /** What the copy will hold once what is on its way has filled. */
  const intended = (f: LiveFollow, symbol: string): number => {
    const inst = instrument(symbol);
    const q = (f.books.get(symbol)?.qty ?? 0) + (f.pending.get(symbol) ?? 0);
    return inst ? roundFor(inst.lotStep)(q) : q;
  };
  const symbolsOf = (f: LiveFollow): Iterable<string> => (f.pending.size === 0 ? f.books.keys() : new Set([...f.books.keys(), ...f.pending.keys()]));
  /** Exposure the guards judge: what is held plus what is on its way. */
  const intendedGross = (f: LiveFollow): number => {
    let g = 0;
    for (const s of symbolsOf(f)) {
      const m = markOf(s, f.record.accountId);
      if (m) g += Math.abs(intended(f, s)) * m.price * m.fxRate;
    }
    return g;
  };
  const openSymbols = (f: LiveFollow): number => {
    let n = 0;
    for (const s of symbolsOf(f)) if (intended(f, s) !== 0) n++;
    return n;
  };
  const addPending = (f: LiveFollow, symbol: string, signed: number): void => {
    const inst = instrument(symbol);
    const next = (f.pending.get(symbol) ?? 0) + signed;
    f.pending.set(symbol, inst ? roundFor(inst.lotStep)(next) : next);
  };

  const updateListeners = new Set<(f: LiveFollow) => void>();
  const emitUpdate = createThrottle((followId: string) => {
    const f = live.get(followId);
    if (f) updateListeners.forEach((l) => l(f));
  }, 250);

  // ── The ledger: write-behind, log views ──────────────────────────────────────────────────────

  /** The newest state of an intent: fills may have answered it before its placement returned. */
  const latest = (intent: Intent): Intent =>
    openIntents.get(intent.clientOrderId) ?? recent.get(intent.clientOrderId) ?? wb.pendingIntent(intent.clientOrderId) ?? repo.intent(intent.clientOrderId) ?? intent;
  const wb = createWriteBehind(
    repo,
    {
      book: (followId, symbol) => live.get(followId)?.books.get(symbol),
      mark: (followId) => {
        const f = live.get(followId);
        return f && { equity: equity(f), gross: gross(f) };
      },
      latest,
    },
    () => clock.now(),
    (error) => log.error({ err: error instanceof Error ? error.message : String(error) }, 'copy ledger write failed; it is tried again with the next one'),
  );
  const save = (intent: Intent): Intent => {
    if (openIntents.has(intent.clientOrderId)) openIntents.set(intent.clientOrderId, intent);
    recent.set(intent.clientOrderId, intent);
    wb.intent(intent);
    return intent;
  };

  /** Log ids are given here, so a journal row can name the entries it will become. */
  let nextLogId: number | undefined;
  const newLogId = (): number => {
    nextLogId ??= repo.nextLogId();
    return nextLogId++;
  };
  /** Log entries written this run, with their intents (bounded, least recently used dropped first). */
  const logs = new LRUCache<number, { entry: StoredLogEntry; intents: Intent[] }>({ max: RECENT_KEPT });
  const remember = (entry: StoredLogEntry, intents: Intent[]): void => {
    logs.set(entry.id, { entry, intents });
    const q = live.get(entry.followId)?.quality;
    if (q) q.outcomes[entry.outcome]++;
  };
  /** A log entry with its orders as they stand now (unwritten states included). */
  const view = (logId: number): CopyLogEntry | undefined => {
    const cached = logs.get(logId);
    if (cached) return logView(cached.entry, cached.intents.map(latest));
    const entry = repo.logEntry(logId);
    return entry && logView(entry, repo.intentsOfLog(logId).map(latest));
  };
  const announce = (logId: number): void => {
    const entry = view(logId);
    if (entry) deps.signal(entry);
  };

  const newIntent = (f: LiveFollow, o: PlannedOrder, clientOrderId: string, leaderSeq: number | null, logId: number, body: FillBody | null, now: number): Intent =>
    pendingIntent({
      clientOrderId,
      followId: f.record.id,
      accountId: f.record.accountId,
      leaderSeq,
      createdAt: now,
      logId,
      symbol: o.symbol,
      side: o.side,
      qty: o.qty,
      type: o.type,
      price: o.price,
      reduces: o.reduces,
      leaderPrice: body ? body.price : null,
      leaderTime: body ? body.time : null,
    });
  /** Intents decided and committed: from now on they are on their way. */
  const opened = (f: LiveFollow, intents: readonly Intent[]): void => {
    for (const i of intents) {
      openIntents.set(i.clientOrderId, i);
      addPending(f, i.symbol, i.side === 'buy' ? i.qty : -i.qty);
    }
  };

  // ── Leader events ────────────────────────────────────────────────────────────────────────────

  interface Decision {
    follow: LiveFollow;
    entry: NewLogEntry;
    plan: Plan;
    symbol: string | undefined;
  }

  const leaderTrade = (body: FillBody) => {
    const signed = body.side === 'buy' ? body.qty : -body.qty;
    const round = roundFor(body.lotStep);
    return { before: round(body.positionQty - signed), after: round(body.positionQty), price: body.price, fxRate: body.fxRate, equity: body.equity };
  };

  /** My symbol's quote, waiting for it when the symbol is not live yet. */
  const ensureQuotes = async (symbols: Iterable<string>): Promise<void> => {
    const waits: Array<Promise<unknown>> = [];
    for (const s of symbols) if (!market.lastQuote(s) && instrument(s)) waits.push(whenQuoted(market, s, quoteTimeoutMs));
    await Promise.all(waits);
  };

  /** What every follow's decision on one leader fill shares. */
  interface Signal {
    event: StrategyEvent;
    body: FillBody;
    trade: ReturnType<typeof leaderTrade>;
    leader: NonNullable<NewLogEntry['leader']>;
  }
  const signalOf = (event: StrategyEvent, body: FillBody): Signal => ({
    event,
    body,
    trade: leaderTrade(body),
    leader: { symbol: body.symbol, side: body.side, qty: body.qty, price: body.price, time: body.time, positionQty: body.positionQty },
  });

  const decide = (f: LiveFollow, { event, body, trade, leader }: Signal): Decision => {
    const { settings } = f.record;
    const symbol = mapSymbol(settings.guards, body.symbol);
    const inst = instrument(symbol);
    const quote = inst ? market.lastQuote(symbol) : undefined;
    const rate = inst ? fxRate(inst, f.record.accountId) : undefined;
    const now = clock.now();
    // Without a price (0) the planner still copies what only closes.
    const plan = planSignal({
      sizing: settings.sizing,
      guards: settings.guards,
      state: f.record.state,
      leaderSymbol: body.symbol,
      trade,
      signedAt: event.ts,
      now,
      instrument: inst ? { symbol: inst.symbol, lotStep: inst.lotStep, minQty: inst.minQty, tickSize: inst.tickSize } : undefined,
      me: { allocationEquity: equity(f), price: quote?.last ?? 0, fxRate: rate ?? 0, riskScale: riskScales.get(f.record.id) ?? 1 },
      book: { ideal: bookOf(f, symbol).ideal, actual: intended(f, symbol), openSymbols: openSymbols(f), grossExposure: intendedGross(f) },
    });
    const guard: GuardName | null = plan.outcome === 'copied' ? (plan.blockedPart?.guard ?? null) : plan.guard;
    return { follow: f, symbol, plan, entry: { time: now, leaderSeq: event.seq, leader, outcome: plan.outcome, guard, message: plan.message } };
  };

  /**
   * Handles one leader event for every follow of its strategy that has not seen it: decisions,
   * then their one durable journal row, then the orders.
   */
  const handleEvent = async (strategyId: string, event: StrategyEvent): Promise<void> => {
    const waiting = () => [...(byStrategy.get(strategyId) ?? [])].filter((f) => f.record.state !== 'stopped' && event.seq > f.record.leaderSeq);
    const follows = waiting();
    if (follows.length === 0) return;
    // A gap (events verified while this follow was busy or away): take them in order first.
    const behind = follows.filter((f) => event.seq > f.record.leaderSeq + 1);
    if (behind.length > 0) {
      const from = Math.min(...behind.map((f) => f.record.leaderSeq));
      for (const missed of deps.leaders.events(strategyId, from, event.seq - from - 1)) await handleEvent(strategyId, missed);
    }
    const blocked = follows.map((f) => blockers.get(f.record.id)).filter((b) => b !== undefined);
    if (blocked.length > 0) await Promise.all(blocked);
    const body = event.body;
    if (body.type !== 'fill') {
      for (const f of waiting().filter((x) => event.seq === x.record.leaderSeq + 1)) {
        f.record = { ...f.record, leaderSeq: event.seq };
        wb.leaderSeq(f.record.id, event.seq);
      }
      return;
    }
    const symbols = new Set(follows.map((f) => mapSymbol(f.record.settings.guards, body.symbol)));
    symbols.forEach(hold);
    // A limit order still working for the symbol is superseded by the leader's new trade.
    const mapped = new Map(follows.map((f) => [f.record.id, mapSymbol(f.record.settings.guards, body.symbol)]));
    const superseded = workingIntents((i) => mapped.get(i.followId) === i.symbol);
    if (superseded.length > 0) await cancelIntents(superseded, 'cancelled: superseded by the leader’s next trade');
    if ([...symbols].some((s) => !market.lastQuote(s))) await ensureQuotes(symbols);
    const todo = waiting().filter((f) => event.seq === f.record.leaderSeq + 1);
    if (todo.length === 0) return;
    batchMarks = new Map();
    let decisions: Decision[];
    try {
      const signal = signalOf(event, body);
      decisions = todo.map((f) => decide(f, signal));
    } finally {
      batchMarks = null;
    }
    const sends = commit(decisions, event, body);
    for (const [f, batch] of sends) {
      if (batch.intents.length > 0) track(sendLegs(f, batch.intents, batch.logId, true));
      else announce(batch.logId);
      emitUpdate(f.record.id);
    }
  };

  /**
   * The durable decision on one event for all its follows: one journal row, written with the
   * pending writes before it. Memory follows only once it committed, so a failed write leaves the
   * event unhandled (it is taken again with the next one) and sends nothing.
   */
  const commit = (decisions: readonly Decision[], event: StrategyEvent, body: FillBody) => {
    const now = clock.now();
    const leader = { symbol: body.symbol, side: body.side, qty: body.qty, price: body.price, time: body.time, positionQty: body.positionQty };
    const journal: JournalEntry = { time: now, leaderSeq: event.seq, leader, decisions: [] };
    const planned = decisions.map((d) => {
      const f = d.follow;
      const logId = newLogId();
      const entry: StoredLogEntry = { ...d.entry, id: logId, followId: f.record.id };
      const intents = d.plan.outcome === 'copied' ? d.plan.orders.map((o, leg) => newIntent(f, o, journalClientOrderId(f.record.id, event.seq, leg), event.seq, logId, body, now)) : [];
      journal.decisions.push({ entry, accountId: f.record.accountId, symbol: d.symbol ?? null, ideal: d.plan.ideal, intents });
      return { d, entry, intents };
    });
    const { settle, journalId } = repo.transaction(() => ({ settle: wb.write(), journalId: repo.appendJournal(encodeJournal(journal)) }));
    settle();
    wb.journal(journalId, journal);
    const sends = new Map<LiveFollow, { intents: Intent[]; logId: number }>();
    for (const { d, entry, intents } of planned) {
      const f = d.follow;
      if (d.symbol) f.books.set(d.symbol, { ...bookOf(f, d.symbol), ideal: d.plan.ideal });
      f.record = { ...f.record, leaderSeq: event.seq };
      remember(entry, intents);
      opened(f, intents);
      sends.set(f, { intents, logId: entry.id });
    }
    return sends;
  };

  // ── Orders ───────────────────────────────────────────────────────────────────────────────────

  const track = (p: Promise<unknown>): void => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  };

  const refused = (i: Intent): boolean => i.status === 'unsent' || (i.status === 'done' && i.filledQty === 0 && i.reason !== null);

  /**
   * Sends an entry's orders, then announces it. A symbol's legs go one after the other (a flip
   * closes before it opens); when one is refused, the rest of that symbol's are not sent and say
   * why. Other symbols' orders are independent: one halted market never stops another's close.
   * `neverSent`: decided in this run and committed just now, so the broker need not be asked first.
   */
  const sendLegs = async (f: LiveFollow, intents: readonly Intent[], logId: number, neverSent = false): Promise<CopyLogEntry> => {
    if (intents.length === 1) await send(intents[0]!, neverSent);
    else await sendEachSymbol(intents, neverSent);
    const entry = view(logId)!;
    deps.signal(entry);
    emitUpdate(f.record.id);
    return entry;
  };
  const sendEachSymbol = async (intents: readonly Intent[], neverSent: boolean): Promise<void> => {
    const bySymbol = new Map<string, Intent[]>();
    for (const i of intents) bySymbol.set(i.symbol, [...(bySymbol.get(i.symbol) ?? []), i]);
    await Promise.all(
      [...bySymbol.values()].map(async (legs) => {
        for (let k = 0; k < legs.length; k++) {
          const placed = await send(legs[k]!, neverSent);
          if (!refused(placed)) continue;
          for (const rest of legs.slice(k + 1)) unsend(rest, `not sent: the ${placed.side} ${placed.qty} before it was refused`);
          break;
        }
      }),
    );
  };

  const send = async (intent: Intent, neverSent: boolean): Promise<Intent> => {
    hold(intent.symbol);
    try {
      const order = await trading.place(
        intent.accountId,
        {
          clientOrderId: intent.clientOrderId,
          symbol: intent.symbol,
          side: intent.side,
          type: intent.type,
          qty: intent.qty,
          ...(intent.type === 'limit' && intent.price !== null ? { price: intent.price } : {}),
          tif: intent.type === 'market' ? 'IOC' : 'GTC',
          reduceOnly: false,
        },
        { neverSent },
      );
      return acknowledge(intent, order, clock.now());
    } catch (error) {
      // Refused before any broker acknowledged it: no latency sample (METRICS.md times acknowledgements).
      const reason = error instanceof Error ? error.message : String(error);
      const order = error instanceof ApiError ? orderOf(error.data) : undefined;
      return finish({ ...latest(intent), orderStatus: order?.status ?? 'rejected', orderId: order?.id ?? null, reason });
    }
  };

  /** The first acknowledgement of an order (at `at`): its latency joins the follow's samples. */
  const stamp = (intent: Intent, at: number): Intent => {
    if (intent.ackAt !== null) return intent;
    const next = { ...intent, ackAt: at };
    const latency = latencyOf(next);
    if (latency !== null) live.get(intent.followId)?.quality.latencies.push(latency);
    return next;
  };

  /** The broker's answer to a placement (or, after a restart, what it says of the order). */
  const acknowledge = (intent: Intent, order: Order, at: number): Intent => {
    const known = latest(intent);
    // Fills may have answered it first: their state is newer than the placement's reply.
    if (known.status === 'done' || known.status === 'unsent') return save(stamp({ ...known, orderId: known.orderId ?? order.id }, at));
    const next = stamp({ ...known, orderId: order.id, orderStatus: order.status, reason: order.reason ?? known.reason }, at);
    return isWorking(order.status) ? save({ ...next, status: 'working' }) : finish(next);
  };

  /** An intent that will fill no more: what it did not fill leaves the pending quantity. */
  const finish = (intent: Intent): Intent => {
    const f = live.get(intent.followId);
    if (openIntents.has(intent.clientOrderId) && f) {
      const remaining = intent.qty - intent.filledQty;
      addPending(f, intent.symbol, intent.side === 'buy' ? -remaining : remaining);
      const slip = intent.filledQty > 0 ? slippageOf(intent) : null;
      if (slip !== null) f.quality.slippages.push(slip);
    }
    openIntents.delete(intent.clientOrderId);
    return save({ ...intent, status: 'done' });
  };

  const unsend = (intent: Intent, reason: string): Intent => {
    const ended = finish({ ...latest(intent), reason, orderStatus: 'unsent' });
    return save({ ...ended, status: 'unsent' });
  };

  /** Cancels working orders of a follow (of one symbol): each ends as cancelled with `reason`. */
  /** Intents with an order working at the broker that `which` picks. */
  const workingIntents = (which: (i: Intent) => boolean): Intent[] => {
    const out: Intent[] = [];
    for (const i of openIntents.values()) if (i.status === 'working' && i.orderId !== null && which(i)) out.push(i);
    return out;
  };
  const cancelWorking = (f: LiveFollow, reason: string, symbol?: string): Promise<void> =>
    cancelIntents(workingIntents((i) => i.followId === f.record.id && (symbol === undefined || i.symbol === symbol)), reason);
  const cancelIntents = async (working: readonly Intent[], reason: string): Promise<void> => {
    await Promise.all(
      working.map(async (i) => {
        try {
          const order = await trading.cancel(i.accountId, i.orderId!);
          const current = openIntents.get(i.clientOrderId);
          if (current && !isWorking(order.status)) {
            finish({ ...current, orderStatus: order.status, reason: order.status === 'cancelled' ? reason : current.reason });
            announce(i.logId);
          }
        } catch (error) {
          // Filled or ended meanwhile: its fills and final update say how.
          log.info({ clientOrderId: i.clientOrderId, err: error instanceof Error ? error.message : String(error) }, 'copy order could not be cancelled');
        }
      }),
    );
  };

  // ── Fills and order updates from the trading service ─────────────────────────────────────────

  const cursors = new Map<string, number>();
  const cursorOf = (accountId: string): number => {
    let c = cursors.get(accountId);
    if (c === undefined) cursors.set(accountId, (c = repo.fillCursor(accountId)));
    return c;
  };

  const applyFill = (fill: Fill): void => {
    if (!isCopyClientOrderId(fill.clientOrderId)) return;
    if (!(fill.qty > 0 && fill.price > 0 && fill.fxRate > 0 && Number.isFinite(fill.fee))) {
      log.error({ clientOrderId: fill.clientOrderId, seq: fill.seq, qty: fill.qty, price: fill.price }, 'a copy fill without a usable quantity or price was not applied');
      return;
    }
    const intent = openIntents.get(fill.clientOrderId) ?? recent.get(fill.clientOrderId) ?? wb.pendingIntent(fill.clientOrderId) ?? repo.intent(fill.clientOrderId);
    const f = intent ? live.get(intent.followId) : undefined;
    if (!intent || !f || fill.seq <= cursorOf(fill.accountId)) return;
    const inst = instrument(fill.symbol);
    const round = roundFor(inst?.lotStep ?? 1e-9);
    const book = applyCopyFill(bookOf(f, fill.symbol), fill, round);
    const filledQty = round(intent.filledQty + fill.qty);
    const avgFillPrice = ((intent.avgFillPrice ?? 0) * intent.filledQty + fill.price * fill.qty) / filledQty;
    const status = intent.status === 'done' ? intent.orderStatus : filledQty >= intent.qty ? 'filled' : 'partially_filled';
    const next: Intent = stamp({ ...intent, filledQty, avgFillPrice, orderId: fill.orderId, orderStatus: status }, fill.time);
    if (openIntents.has(intent.clientOrderId)) {
      addPending(f, fill.symbol, fill.side === 'buy' ? -fill.qty : fill.qty);
      openIntents.set(intent.clientOrderId, next);
      if (filledQty >= intent.qty) finish(next);
      else save(next);
    } else save(next);
    f.books.set(fill.symbol, book);
    wb.book(f.record.id, fill.symbol);
    cursors.set(fill.accountId, fill.seq);
    wb.fillCursor(fill.accountId, fill.seq);
    wb.mark(f.record.id);
    if (book.qty !== 0) hold(fill.symbol);
    announce(intent.logId);
    emitUpdate(f.record.id);
    protect(f);
  };

  const onOrder = (order: Order): void => {
    if (!isCopyClientOrderId(order.clientOrderId) || isWorking(order.status)) return;
    const intent = openIntents.get(order.clientOrderId);
    if (!intent) return;
    finish({ ...intent, orderId: order.id, orderStatus: order.status, reason: order.reason ?? intent.reason });
    announce(intent.logId);
  };

  // ── Protection: copy stop-loss and take-profit ───────────────────────────────────────────────

  const stopping = new Set<string>();
  const protect = (f: LiveFollow): void => {
    const { stopLoss, takeProfit } = f.record.settings.guards;
    if (f.record.state === 'stopped' || stopping.has(f.record.id) || (stopLoss === null && takeProfit === null)) return;
    const allocation = f.record.settings.allocation;
    const eq = equity(f);
    let guard: GuardName | undefined;
    let why = '';
    if (stopLoss !== null && eq < stopLoss * allocation) {
      guard = 'stopLoss';
      why = `Copy stop-loss: equity ${fmtMoney(eq)} fell below ${Math.round(stopLoss * 100)} % of the ${fmtMoney(allocation)} allocation`;
    } else if (takeProfit !== null && eq >= takeProfit * allocation) {
      guard = 'takeProfit';
      why = `Copy take-profit: equity ${fmtMoney(eq)} reached ${Math.round(takeProfit * 100)} % of the ${fmtMoney(allocation)} allocation`;
    }
    if (!guard) return;
    stopping.add(f.record.id);
    log.warn({ followId: f.record.id, guard, equity: eq }, 'copy protection stops a follow');
    const record: FollowRecord = { ...f.record, state: 'stopped', settings: { ...f.record.settings, stateReason: why } };
    const targets = new Map([...symbolsOf(f)].map((s) => [s, 0]));
    track(rebalance(f, targets, `stop:${guard}`, `${why}: closing every copied position and stopping`, { guard, record }).finally(() => stopping.delete(record.id)));
  };

  // ── Rebalancing (stop, fixes, copying open positions) ────────────────────────────────────────

  const rebalance = async (f: LiveFollow, targets: ReadonlyMap<string, number>, cause: string, message: string, options: { guard?: GuardName; record?: FollowRecord } = {}): Promise<CopyLogEntry> => {
    await cancelWorking(f, 'cancelled: the copy is being rebalanced', targets.size === 1 ? [...targets.keys()][0] : undefined);
    const orders: PlannedOrder[] = [];
    for (const [symbol, target] of targets) {
      const inst = instrument(symbol);
      if (!inst) continue;
      const round = roundFor(inst.lotStep);
      const { reduce, add } = splitChange(intended(f, symbol), round(target));
      if (reduce !== 0) orders.push({ symbol, side: reduce > 0 ? 'buy' : 'sell', qty: Math.abs(round(reduce)), type: 'market', price: null, reduces: true });
      if (add !== 0 && Math.abs(add) >= inst.minQty) orders.push({ symbol, side: add > 0 ? 'buy' : 'sell', qty: Math.abs(round(add)), type: 'market', price: null, reduces: false });
    }
    const now = clock.now();
    const entry: StoredLogEntry = { id: newLogId(), followId: f.record.id, time: now, leaderSeq: null, leader: null, outcome: orders.length > 0 ? 'copied' : 'skipped', guard: options.guard ?? null, message: orders.length > 0 ? message : `${message}: nothing to send` };
    const intents = orders.map((o, leg) => newIntent(f, o, copyClientOrderId(f.record.id, `${cause}:${entry.id}`, leg), null, entry.id, null, now));
    const record = options.record ?? f.record;
    const books = [...targets].map(([symbol, target]) => ({ ...bookOf(f, symbol), ideal: target }));
    // The state change (a stop) and the orders that carry it out are one decision.
    const settle = repo.transaction(() => {
      const done = wb.write();
      repo.insertLogWithId(f.record.id, entry);
      for (const b of books) repo.setIdeal(f.record.id, b.symbol, b.ideal);
      for (const i of intents) repo.insertIntent(i);
      if (options.record) repo.updateFollow(options.record);
      return done;
    });
    settle();
    for (const b of books) f.books.set(b.symbol, b);
    applyRecord(f, record);
    remember(entry, intents);
    opened(f, intents);
    if (intents.length === 0) {
      const out = view(entry.id)!;
      deps.signal(out);
      return out;
    }
    return sendLegs(f, intents, entry.id, true);
  };

  const applyRecord = (f: LiveFollow, record: FollowRecord): void => {
    const wasStopped = f.record.state === 'stopped';
    f.record = record;
    if (record.state === 'stopped' && !wasStopped) detach(f);
    emitUpdate(record.id);
  };

  // ── Daily equity of each copy (copy return, divergence) ──────────────────────────────────────

  /** Once a minute: the copy's equity at the end of today so far (one row per follow and day). */
  const markTimer = setInterval(() => {
    for (const f of live.values()) {
      if (f.record.state === 'stopped' && ![...f.books.values()].some((b) => b.qty !== 0)) continue;
      wb.mark(f.record.id);
      protect(f);
    }
  }, 60_000);
  markTimer.unref();

  // ── Recovery ─────────────────────────────────────────────────────────────────────────────────

  /**
   * What to do with an entry's orders that no broker has: send them, or record why not. Closes a
   * copy decided on its own (a stop, a stop-loss) always go out; anything else only while the
   * follow runs and within the signal's time-to-live.
   */
  const resume = (group: readonly Intent[]): void => {
    const remaining = group.map(latest).filter((i) => i.status === 'pending');
    if (remaining.length === 0) return;
    const first = remaining[0]!;
    const f = live.get(first.followId);
    const closesOnly = first.leaderSeq === null && remaining.every((i) => i.reduces);
    const age = clock.now() - (first.leaderTime ?? first.createdAt);
    const ttl = (f?.record.settings.guards.signalTtlSeconds ?? 0) * 1000;
    let why: string | undefined;
    if (!f) why = 'not sent: its follow is gone';
    else if (closesOnly) why = undefined;
    else if (f.record.state === 'stopped') why = 'not sent: the follow had stopped';
    else if (age > ttl) why = `not sent: the signal expired (${Math.round(age / 1000)} s old) while the terminal was down`;
    if (why !== undefined || !f) {
      for (const i of remaining) unsend(i, why ?? 'not sent');
      announce(first.logId);
      return;
    }
    track(sendLegs(f, remaining, first.logId));
  };

  /** Asks the broker about each intent of an entry; false when it could not be asked. */
  const lookUp = async (group: readonly Intent[]): Promise<boolean> => {
    for (const intent of group) {
      let order: Order | undefined;
      try {
        order = await trading.orderByClientId(intent.accountId, intent.clientOrderId);
      } catch (error) {
        log.warn({ clientOrderId: intent.clientOrderId, err: error instanceof Error ? error.message : String(error) }, 'copy intent could not be looked up; trying again');
        return false;
      }
      if (order) acknowledge(intent, order, order.createdAt);
      else if (intent.status === 'working') unsend(intent, 'ended: the broker does not know this order any more');
    }
    return true;
  };

  /** Looks an entry up until the broker answers; the follow's signals wait meanwhile. */
  const resolveLater = (followId: string, group: readonly Intent[]): void => {
    const previous = blockers.get(followId) ?? Promise.resolve();
    const done = previous.then(async () => {
      for (let delay = LOOKUP_RETRY_MS; !closed; delay = Math.min(delay * 2, 30_000)) {
        await new Promise((resolve) => setTimeout(resolve, delay).unref());
        if (closed) return;
        if (await lookUp(group)) return resume(group);
      }
    });
    blockers.set(followId, done);
    track(done.finally(() => blockers.get(followId) === done && blockers.delete(followId)));
  };

  /**
   * After a restart: every intent written but not known to be answered is looked up by its client
   * order id before anything is sent again, an entry's legs in their order; fills the ledger
   * missed are applied from the account's history.
   */
  const recover = async (): Promise<void> => {
    const open = repo.openIntents();
    for (const intent of open) {
      const f = live.get(intent.followId);
      if (!f) continue;
      openIntents.set(intent.clientOrderId, intent);
      addPending(f, intent.symbol, (intent.side === 'buy' ? 1 : -1) * (intent.qty - intent.filledQty));
    }
    const groups = new Map<number, Intent[]>();
    for (const i of open) if (openIntents.has(i.clientOrderId)) groups.set(i.logId, [...(groups.get(i.logId) ?? []), i]);
    for (const group of groups.values()) {
      if (await lookUp(group)) resume(group);
      else resolveLater(group[0]!.followId, group);
    }
    for (const accountId of new Set([...live.values()].map((f) => f.record.accountId))) {
      let cursor = repo.fillCursor(accountId);
      for (;;) {
        const page = trading.fills(accountId, { cursor: String(cursor), limit: 1000, order: 'asc' });
        for (const fill of page.fills) applyFill(fill);
        if (!page.nextCursor || page.fills.length === 0) break;
        cursor = Number(page.nextCursor);
      }
    }
    wb.flush();
  };

  const catchUp = (strategyId: string): void => {
    const follows = [...(byStrategy.get(strategyId) ?? [])].filter((f) => f.record.state !== 'stopped');
    if (follows.length === 0) return;
    const from = Math.min(...follows.map((f) => f.record.leaderSeq));
    for (let after = from; ; ) {
      const page = deps.leaders.events(strategyId, after, 1000);
      for (const event of page) enqueue(strategyId, event);
      if (page.length < 1000) break;
      after = page.at(-1)!.seq;
    }
  };

  const enqueue = (strategyId: string, event: StrategyEvent): void => {
    const previous = queues.get(strategyId) ?? Promise.resolve();
    const done = previous
      .then(() => handleEvent(strategyId, event))
      .catch((error: unknown) => log.error({ strategyId, seq: event.seq, err: String(error) }, 'copy signal failed; it is taken again with the next one'));
    queues.set(strategyId, done);
    track(done);
  };

  const register = (record: FollowRecord, books: readonly Book[]): LiveFollow => {
    const quality: FollowQuality = { latencies: [], slippages: [], outcomes: repo.countOutcomes(record.id) };
    for (const i of repo.intents(record.id)) {
      const latency = latencyOf(i);
      if (latency !== null) quality.latencies.push(latency);
      const slip = i.filledQty > 0 && (i.status === 'done' || i.status === 'unsent') ? slippageOf(i) : null;
      if (slip !== null) quality.slippages.push(slip);
    }
    const f: LiveFollow = { record, books: new Map(books.map((b) => [b.symbol, b])), pending: new Map(), quality };
    live.set(record.id, f);
    for (const b of books) if (b.qty !== 0) hold(b.symbol);
    if (record.state !== 'stopped') attach(f);
    return f;
  };
  const attach = (f: LiveFollow): void => {
    const { strategyId } = f.record;
    let set = byStrategy.get(strategyId);
    if (!set) byStrategy.set(strategyId, (set = new Set()));
    set.add(f);
    if (!tracked.has(strategyId)) tracked.set(strategyId, deps.leaders.track(strategyId));
  };
  const detach = (f: LiveFollow): void => {
    const set = byStrategy.get(f.record.strategyId);
    set?.delete(f);
    if (set?.size === 0) {
      byStrategy.delete(f.record.strategyId);
      tracked.get(f.record.strategyId)?.();
      tracked.delete(f.record.strategyId);
    }
  };

  return {
    async start() {
      const replayed = replayJournal(repo);
      if (replayed > 0) log.info({ decisions: replayed }, 'copy decisions journaled before a stop were written to the ledger');
      for (const record of repo.follows()) register(record, repo.books(record.id));
      await recover();
      offs.push(deps.leaders.onVerified((strategyId, event) => enqueue(strategyId, event)));
      offs.push(deps.on('fills.new', applyFill));
      offs.push(deps.on('orders.update', onOrder));
      offs.push(
        deps.on('accounts.update', (account) => {
          for (const f of live.values()) if (f.record.accountId === account.id) protect(f);
        }),
      );
      for (const strategyId of byStrategy.keys()) catchUp(strategyId);
    },
    follows: () => [...live.values()],
    follow(followId) {
      const f = live.get(followId);
      if (!f) throw new ApiError('NOT_FOUND', `No follow ${followId}`);
      return f;
    },
    add(record) {
      register(record, []);
      emitUpdate(record.id);
    },
    update(record) {
      const f = live.get(record.id);
      if (!f) throw new ApiError('NOT_FOUND', `No follow ${record.id}`);
      repo.updateFollow(record);
      applyRecord(f, record);
    },
    equity,
    gross,
    rebalance,
    cancelWorking: (f, reason) => cancelWorking(f, reason),
    entry: (logId) => view(logId),
    openOrders(followId) {
      let n = 0;
      for (const i of openIntents.values()) if (i.followId === followId) n++;
      return n;
    },
    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
      wb.flush();
    },
    flush: () => wb.flush(),
    onUpdate(listener) {
      updateListeners.add(listener);
      return () => updateListeners.delete(listener);
    },
    setRiskScale(followId, scale) {
      riskScales.set(followId, scale);
    },
    close() {
      closed = true;
      clearInterval(markTimer);
      for (const off of offs.splice(0)) off();
      for (const release of tracked.values()) release();
      tracked.clear();
      for (const off of holds.values()) off();
      holds.clear();
      emitUpdate.cancel();
      wb.flush();
    },
  };
}

function orderOf(data: unknown): Order | undefined {
  return data && typeof data === 'object' && 'order' in data ? ((data as { order?: Order }).order ?? undefined) : undefined;
}

const fmtMoney = (x: number): string => x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Calls `fn(key)` at most once per `ms` per key, trailing. */
function createThrottle(fn: (key: string) => void, ms: number): ((key: string) => void) & { cancel(): void } {
  const timers = new Map<string, NodeJS.Timeout>();
  const call = (key: string): void => {
    if (timers.has(key)) return;
    const t = setTimeout(() => {
      timers.delete(key);
      fn(key);
    }, ms);
    t.unref();
    timers.set(key, t);
  };
  return Object.assign(call, {
    cancel() {
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
    },
  });
}
