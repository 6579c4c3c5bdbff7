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
import { latencyOf, logView, slippageOf, type StoredLogEntry } from './copy-log-view';
import { decodeJournal, encodeJournal, type JournalEntry } from './copy-journal';
import { mapSymbol, planSignal, splitChange, type Plan, type PlannedOrder } from './copy-plan';
import type { Book, CopyRepository, FollowRecord, Intent, NewLogEntry } from './copy-repository';

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
  trading: Pick<TradingService, 'account' | 'place' | 'orderByClientId' | 'fills'>;
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
  /** Leader fill → acknowledgement, ms, one per order. */
  latencies: number[];
  /** Per filled order, bps. */
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
  /** Sends orders taking the copy from what it holds to `targets` (symbol → signed qty); logs `message`. */
  rebalance(live: LiveFollow, targets: ReadonlyMap<string, number>, cause: string, message: string): Promise<CopyLogEntry>;
  /** Resolves when every order sent so far has been answered by its broker. */
  idle(): Promise<void>;
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

const DAY_MS = 86_400_000;

/**
 * The copy-trade executor: verified leader fill → my target position → guards → the intent in the
 * copy ledger (one SQLite transaction with the leader seq it answers) → the order with a client
 * order id derived from (follow, leader seq, leg) → acknowledgements and fills back into the
 * copy's sub-ledger. One leader event is written for all its follows in one transaction, then
 * their orders go out together.
 */
export function createCopyExecutor(deps: CopyExecutorDeps): CopyExecutor {
  const { repo, trading, market, fx, clock, log } = deps;
  const quoteTimeoutMs = deps.quoteTimeoutMs ?? 5000;
  const live = new Map<string, LiveFollow>();
  const byStrategy = new Map<string, Set<LiveFollow>>();
  const tracked = new Map<string, () => void>();
  const holds = new Map<string, () => void>();
  const openIntents = new Map<string, Intent>();
  const inFlight = new Set<Promise<unknown>>();
  /** Per strategy: events are handled one after another, in seq order. */
  const queues = new Map<string, Promise<void>>();
  const offs: Array<() => void> = [];
  const rounders = new Map<number, (q: number) => number>();
  const roundFor = (step: number): ((q: number) => number) => {
    let r = rounders.get(step);
    if (!r) rounders.set(step, (r = gridRounder(step)));
    return r;
  };

  const instrument = (symbol: string): Instrument | undefined => {
    try {
      return market.instrument(symbol);
    } catch {
      return undefined;
    }
  };
  const currencyOf = (accountId: string): string => trading.account(accountId).currency;
  const fxRate = (inst: Instrument, accountId: string): number | undefined => {
    const currency = currencyOf(accountId);
    if (inst.quoteCurrency === currency) return 1;
    fx.follow(inst.quoteCurrency, currency);
    return fx.rate(inst.quoteCurrency, currency);
  };
  const markOf = (symbol: string, accountId: string): { price: number; fxRate: number } | undefined => {
    const inst = instrument(symbol);
    const quote = market.lastQuote(symbol);
    const rate = inst ? fxRate(inst, accountId) : undefined;
    return inst && quote && rate !== undefined ? { price: quote.last, fxRate: rate } : undefined;
  };

  /**
   * Keeps a symbol's quotes live for the life of the executor once a leader trades it or a copy
   * holds it: copies stay marked, and the next signal finds its price without waiting.
   */
  const hold = (symbol: string): void => {
    if (!holds.has(symbol) && instrument(symbol)) holds.set(symbol, market.watchQuotes(symbol, () => undefined));
  };
  const releaseAll = (): void => {
    for (const off of holds.values()) off();
    holds.clear();
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
  const openSymbols = (f: LiveFollow): number => {
    let n = 0;
    for (const b of f.books.values()) if (b.qty !== 0 || (f.pending.get(b.symbol) ?? 0) !== 0) n++;
    return n;
  };
  const bookOf = (f: LiveFollow, symbol: string): Book => {
    let b = f.books.get(symbol);
    if (!b) {
      b = emptyBook(symbol);
      f.books.set(symbol, b);
    }
    return b;
  };
  /** What the copy will hold once what is on its way has filled. */
  const intended = (f: LiveFollow, symbol: string): number => {
    const inst = instrument(symbol);
    const q = (f.books.get(symbol)?.qty ?? 0) + (f.pending.get(symbol) ?? 0);
    return inst ? roundFor(inst.lotStep)(q) : q;
  };
  const addPending = (f: LiveFollow, symbol: string, signed: number): void => {
    const inst = instrument(symbol);
    const next = (f.pending.get(symbol) ?? 0) + signed;
    f.pending.set(symbol, inst ? roundFor(inst.lotStep)(next) : next);
  };

  const emitUpdate = createThrottle((followId: string) => {
    const f = live.get(followId);
    if (f) updateListeners.forEach((l) => l(f));
  }, 250);
  const updateListeners = new Set<(f: LiveFollow) => void>();

  // ── Leader events ────────────────────────────────────────────────────────────────────────────

  interface Decision {
    follow: LiveFollow;
    entry: NewLogEntry;
    /** Its id once written. */
    logId?: number;
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

  const decide = (f: LiveFollow, event: StrategyEvent, body: FillBody): Decision => {
    const { settings } = f.record;
    const symbol = mapSymbol(settings.guards, body.symbol);
    const inst = instrument(symbol);
    const quote = inst ? market.lastQuote(symbol) : undefined;
    const rate = inst ? fxRate(inst, f.record.accountId) : undefined;
    const book = bookOf(f, symbol);
    const now = clock.now();
    const leader = { symbol: body.symbol, side: body.side, qty: body.qty, price: body.price, time: body.time, positionQty: body.positionQty };
    const base = { time: now, leaderSeq: event.seq, leader };
    if (inst && (!quote || rate === undefined)) {
      const message = `No ${quote ? `${inst.quoteCurrency} rate` : `price for ${symbol}`} yet: signal not copied`;
      return { follow: f, symbol, plan: { outcome: 'skipped', guard: null, message, ideal: book.ideal }, entry: { ...base, outcome: 'skipped', guard: null, message } };
    }
    const allocationEquity = equity(f);
    const plan = planSignal({
      sizing: settings.sizing,
      guards: settings.guards,
      state: f.record.state,
      leaderSymbol: body.symbol,
      trade: leaderTrade(body),
      signedAt: event.ts,
      now,
      instrument: inst ? { symbol: inst.symbol, lotStep: inst.lotStep, minQty: inst.minQty, tickSize: inst.tickSize } : undefined,
      me: { allocationEquity, price: quote ? quote.last : 0, fxRate: rate ?? 1, riskScale: riskScales.get(f.record.id) ?? 1 },
      book: { ideal: book.ideal, actual: intended(f, symbol), openSymbols: openSymbols(f), grossExposure: gross(f) },
    });
    const guard: GuardName | null = plan.outcome === 'copied' ? (plan.blockedPart?.guard ?? null) : plan.guard;
    return { follow: f, symbol, plan, entry: { ...base, outcome: plan.outcome, guard, message: plan.message } };
  };

  /** Risk-mode scales, refreshed by the service from the leader's volatility. */
  const riskScales = new Map<string, number>();

  /**
   * Handles one leader event for every follow of its strategy that has not seen it: decisions
   * first, then one transaction with every intent, log entry, book and leader seq, then the orders.
   */
  const handleEvent = async (strategyId: string, event: StrategyEvent): Promise<void> => {
    const follows = [...(byStrategy.get(strategyId) ?? [])].filter((f) => f.record.state !== 'stopped' && event.seq > f.record.leaderSeq);
    if (follows.length === 0) return;
    // A gap (events verified while this follow was busy or away): take them in order first.
    const behind = follows.filter((f) => event.seq > f.record.leaderSeq + 1);
    if (behind.length > 0) {
      const from = Math.min(...behind.map((f) => f.record.leaderSeq));
      for (const missed of deps.leaders.events(strategyId, from, event.seq - from - 1)) await handleEvent(strategyId, missed);
    }
    const todo = follows.filter((f) => event.seq === f.record.leaderSeq + 1);
    if (todo.length === 0) return;
    const body = event.body;
    if (body.type !== 'fill') {
      for (const f of todo) {
        f.record = { ...f.record, leaderSeq: event.seq };
        dirtySeqs.set(f.record.id, event.seq);
      }
      schedule();
      return;
    }
    const symbols = new Set(todo.map((f) => mapSymbol(f.record.settings.guards, body.symbol)));
    symbols.forEach(hold);
    if ([...symbols].some((s) => !market.lastQuote(s))) await ensureQuotes(symbols);
    const decisions = todo.map((f) => decide(f, event, body));
    const sends = commit(decisions, event, body);
    for (const d of decisions) {
      if (!sends.has(d.follow)) announce(d.logId!);
      emitUpdate(d.follow.record.id);
    }
    for (const [f, batch] of sends) track(sendLegs(f, batch.intents, batch.logId));
  };

  /**
   * The durable decision on one event for all its follows: one journal row, written with the
   * pending writes before it, and the same state in memory; the ledger's own tables get it in
   * the next write-behind. Returns the intents to send per follow.
   */
  const commit = (decisions: readonly Decision[], event: StrategyEvent, body: FillBody) => {
    const sends = new Map<LiveFollow, { intents: Intent[]; logId: number }>();
    const now = clock.now();
    const leader = { symbol: body.symbol, side: body.side, qty: body.qty, price: body.price, time: body.time, positionQty: body.positionQty };
    const journal: JournalEntry = { time: now, leaderSeq: event.seq, leader, decisions: [] };
    repo.transaction(() => {
      writeBehind();
      for (const d of decisions) {
        const f = d.follow;
        const logId = newLogId();
        const entry: StoredLogEntry = { ...d.entry, id: logId, followId: f.record.id };
        d.logId = logId;
        if (d.symbol) f.books.set(d.symbol, { ...bookOf(f, d.symbol), ideal: d.plan.ideal });
        f.record = { ...f.record, leaderSeq: event.seq };
        const intents = d.plan.outcome === 'copied' ? d.plan.orders.map((o, leg) => newIntent(f, o, event.seq, String(event.seq), leg, logId, body, now)) : [];
        journal.decisions.push({ entry, accountId: f.record.accountId, symbol: d.symbol ?? null, ideal: d.plan.ideal, intents });
        remember(entry, intents);
        for (const i of intents) {
          openIntents.set(i.clientOrderId, i);
          addPending(f, i.symbol, i.side === 'buy' ? i.qty : -i.qty);
        }
        if (intents.length > 0) sends.set(f, { intents, logId });
      }
      pendingJournal.push({ id: repo.appendJournal(encodeJournal(journal)), entry: journal });
    });
    schedule();
    return sends;
  };

  const newIntent = (f: LiveFollow, o: PlannedOrder, leaderSeq: number | null, cause: string, leg: number, logId: number, body: FillBody | null, now: number): Intent => ({
    clientOrderId: copyClientOrderId(f.record.id, cause, leg),
    followId: f.record.id,
    accountId: f.record.accountId,
    leaderSeq,
    status: 'pending',
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
    orderId: null,
    orderStatus: 'pending',
    filledQty: 0,
    avgFillPrice: null,
    ackAt: null,
    reason: null,
  });

  // ── Orders ───────────────────────────────────────────────────────────────────────────────────

  const track = (p: Promise<unknown>): void => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  };

  /** Sends a follow's legs in order (a flip closes before it opens), then announces the entry. */
  const sendLegs = async (f: LiveFollow, intents: readonly Intent[], logId: number): Promise<CopyLogEntry> => {
    for (const intent of intents) {
      const placed = await send(intent);
      if (placed.status === 'unsent' || (placed.filledQty === 0 && placed.reason)) break;
    }
    const entry = view(logId)!;
    deps.signal(entry);
    emitUpdate(f.record.id);
    return entry;
  };

  const send = async (intent: Intent): Promise<Intent> => {
    hold(intent.symbol);
    try {
      const order = await trading.place(intent.accountId, {
        clientOrderId: intent.clientOrderId,
        symbol: intent.symbol,
        side: intent.side,
        type: intent.type,
        qty: intent.qty,
        ...(intent.type === 'limit' && intent.price !== null ? { price: intent.price } : {}),
        tif: intent.type === 'market' ? 'IOC' : 'GTC',
        reduceOnly: false,
      });
      return acknowledge(intent, order);
    } catch (error) {
      const reason = error instanceof ApiError || error instanceof Error ? error.message : String(error);
      const order = error instanceof ApiError ? orderOf(error.data) : undefined;
      return finish(stamp({ ...latest(intent), orderStatus: order?.status ?? 'rejected', orderId: order?.id ?? null, reason }));
    }
  };

  /** The newest state of an intent: fills may have answered it before its placement returned. */
  const latest = (intent: Intent): Intent => openIntents.get(intent.clientOrderId) ?? recent.get(intent.clientOrderId) ?? repo.intent(intent.clientOrderId) ?? intent;

  /** The first acknowledgement of an order: its latency joins the follow's samples. */
  const stamp = (intent: Intent): Intent => {
    if (intent.ackAt !== null) return intent;
    const next = { ...intent, ackAt: clock.now() };
    const latency = latencyOf(next);
    if (latency !== null) live.get(intent.followId)?.quality.latencies.push(latency);
    return next;
  };

  const acknowledge = (intent: Intent, order: Order): Intent => {
    const known = latest(intent);
    const next: Intent = stamp({ ...known, orderId: order.id, orderStatus: order.status, reason: order.reason ?? known.reason });
    if (known.status === 'done' || known.status === 'unsent') return save(next);
    return isWorking(order.status) ? save({ ...next, status: 'working' }) : finish(next);
  };

  /** An intent that will fill no more: what it did not fill leaves the pending quantity. */
  const finish = (intent: Intent): Intent => {
    const f = live.get(intent.followId);
    if (openIntents.has(intent.clientOrderId) && f) {
      const remaining = intent.qty - intent.filledQty;
      addPending(f, intent.symbol, intent.side === 'buy' ? -remaining : remaining);
    }
    openIntents.delete(intent.clientOrderId);
    return save({ ...intent, status: 'done' });
  };

  /**
   * Everything after the decision is written behind, in one transaction per turn of the event
   * loop: intents' answers, books changed by fills with the account's fill cursor, and marks. A
   * crash loses none of it for good: open intents are looked up by client order id, and fills
   * after the stored cursor are applied again at the next start.
   */
  const dirty = new Map<string, Intent>();
  const dirtyBooks = new Map<string, { f: LiveFollow; symbol: string }>();
  const dirtyCursors = new Map<string, number>();
  const dirtyMarks = new Set<LiveFollow>();
  /** Leader seqs moved by events that decide nothing (marks, flows): re-reading one is harmless. */
  const dirtySeqs = new Map<string, number>();
  const pendingJournal: Array<{ id: number; entry: JournalEntry }> = [];
  /** Log ids are given here, so a journal row can name the entries it will become. */
  let nextLogId: number | undefined;
  const newLogId = (): number => {
    nextLogId ??= repo.nextLogId();
    return nextLogId++;
  };
  /** Intents answered this run, newest last (bounded): log views read them without the database. */
  const recent = new Map<string, Intent>();
  const RECENT_KEPT = 5000;
  let flushScheduled = false;
  const schedule = (): void => {
    if (flushScheduled) return;
    flushScheduled = true;
    setImmediate(flush);
  };
  const save = (intent: Intent): Intent => {
    if (openIntents.has(intent.clientOrderId)) openIntents.set(intent.clientOrderId, intent);
    recent.delete(intent.clientOrderId);
    recent.set(intent.clientOrderId, intent);
    if (recent.size > RECENT_KEPT) recent.delete(recent.keys().next().value!);
    dirty.set(intent.clientOrderId, intent);
    schedule();
    return intent;
  };
  const flush = (): void => {
    flushScheduled = false;
    if (pendingJournal.length === 0 && dirty.size === 0 && dirtyBooks.size === 0 && dirtyCursors.size === 0 && dirtyMarks.size === 0 && dirtySeqs.size === 0) return;
    repo.transaction(writeBehind);
  };
  /**
   * The pending writes, inside the caller's transaction. A decision writes them first: a book it
   * stores must never get ahead of the fill cursor that says which fills it holds.
   */
  const writeBehind = (): void => {
    // Journal rows first: the intents and books they create are what the updates below touch.
    for (const { id, entry } of pendingJournal.splice(0)) {
      for (const d of entry.decisions) {
        const f = live.get(d.entry.followId);
        repo.insertLogWithId(d.entry.followId, d.entry);
        for (const i of d.intents) repo.insertIntentIfAbsent(latest(i));
        if (d.symbol && f?.books.has(d.symbol)) dirtyBooks.set(`${d.entry.followId}|${d.symbol}`, { f, symbol: d.symbol });
        if (entry.leaderSeq !== null) repo.setLeaderSeq(d.entry.followId, entry.leaderSeq);
      }
      repo.deleteJournal(id);
    }
    const intents = [...dirty.values()];
    const books = [...dirtyBooks.values()];
    const cursorsNow = [...dirtyCursors];
    const marks = [...dirtyMarks];
    dirty.clear();
    dirtyBooks.clear();
    dirtyCursors.clear();
    dirtyMarks.clear();
    const now = clock.now();
    for (const i of intents) repo.updateIntent(i);
    for (const { f, symbol } of books) repo.saveBook(f.record.id, f.books.get(symbol)!);
    for (const [accountId, seq] of cursorsNow) repo.setFillCursor(accountId, seq);
    for (const [followId, seq] of dirtySeqs) repo.setLeaderSeq(followId, seq);
    dirtySeqs.clear();
    for (const f of marks) repo.upsertMark(f.record.id, Math.floor(now / DAY_MS) * DAY_MS + DAY_MS - 1, equity(f), gross(f));
  };
  const cursors = new Map<string, number>();
  const cursorOf = (accountId: string): number => {
    let c = cursors.get(accountId);
    if (c === undefined) cursors.set(accountId, (c = repo.fillCursor(accountId)));
    return c;
  };

  /** A log entry with its orders as they stand now (unflushed states included). */
  const view = (logId: number): CopyLogEntry | undefined => {
    const cached = logs.get(logId);
    if (cached) return logView(cached.entry, cached.intents.map(latest));
    const entry = repo.logEntry(logId);
    return entry && logView(entry, repo.intentsOfLog(logId).map(latest));
  };
  /** Log entries written this run, with their intents (bounded, oldest dropped first). */
  const logs = new Map<number, { entry: StoredLogEntry; intents: Intent[] }>();
  const remember = (entry: StoredLogEntry, intents: Intent[]): void => {
    logs.set(entry.id, { entry, intents });
    if (logs.size > RECENT_KEPT) logs.delete(logs.keys().next().value!);
    const q = live.get(entry.followId)?.quality;
    if (q) q.outcomes[entry.outcome]++;
  };
  const announce = (logId: number): void => {
    const entry = view(logId);
    if (entry) deps.signal(entry);
  };

  // ── Fills and order updates from the trading service ─────────────────────────────────────────

  const applyFill = (fill: Fill): void => {
    if (!isCopyClientOrderId(fill.clientOrderId)) return;
    const intent = openIntents.get(fill.clientOrderId) ?? recent.get(fill.clientOrderId) ?? repo.intent(fill.clientOrderId);
    const f = intent ? live.get(intent.followId) : undefined;
    if (!intent || !f || fill.seq <= cursorOf(fill.accountId)) return;
    const inst = instrument(fill.symbol);
    const round = roundFor(inst?.lotStep ?? 1e-9);
    const book = applyCopyFill(bookOf(f, fill.symbol), fill, round);
    const filledQty = round(intent.filledQty + fill.qty);
    const avgFillPrice = ((intent.avgFillPrice ?? 0) * intent.filledQty + fill.price * fill.qty) / filledQty;
    const next: Intent = stamp({ ...intent, filledQty, avgFillPrice, orderId: fill.orderId, orderStatus: filledQty >= intent.qty ? 'filled' : 'partially_filled' });
    const wasOpen = openIntents.has(intent.clientOrderId);
    if (wasOpen) addPending(f, fill.symbol, fill.side === 'buy' ? -fill.qty : fill.qty);
    const done = filledQty >= intent.qty;
    if (done) openIntents.delete(intent.clientOrderId);
    else if (wasOpen) openIntents.set(intent.clientOrderId, next);
    const stored: Intent = done ? { ...next, status: 'done' } : next;
    if (done) {
      const slip = slippageOf(stored);
      if (slip !== null) f.quality.slippages.push(slip);
    }
    f.books.set(fill.symbol, book);
    save(stored);
    dirtyBooks.set(`${f.record.id}|${fill.symbol}`, { f, symbol: fill.symbol });
    cursors.set(fill.accountId, fill.seq);
    dirtyCursors.set(fill.accountId, fill.seq);
    dirtyMarks.add(f);
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
    const record: FollowRecord = { ...f.record, state: 'stopped', settings: { ...f.record.settings, stateReason: why } };
    repo.updateFollow(record);
    f.record = record;
    log.warn({ followId: record.id, guard, equity: eq }, 'copy protection stopped a follow');
    track(
      rebalance(f, new Map([...f.books.keys()].map((s) => [s, 0])), `stop:${guard}`, `${why}: closing every copied position and stopping`, guard).finally(() => stopping.delete(record.id)),
    );
  };

  // ── Rebalancing (stop, fixes, copying open positions) ────────────────────────────────────────

  const rebalance = async (f: LiveFollow, targets: ReadonlyMap<string, number>, cause: string, message: string, guard: GuardName | null = null): Promise<CopyLogEntry> => {
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
    const intents: Intent[] = [];
    const logId = repo.transaction(() => {
      writeBehind();
      const entry: StoredLogEntry = { id: newLogId(), followId: f.record.id, time: now, leaderSeq: null, leader: null, outcome: orders.length > 0 ? 'copied' : 'skipped', guard, message: orders.length > 0 ? message : `${message}: nothing to send` };
      repo.insertLogWithId(f.record.id, entry);
      for (const [symbol, target] of targets) {
        const book = { ...bookOf(f, symbol), ideal: target };
        f.books.set(symbol, book);
        repo.saveBook(f.record.id, book);
      }
      orders.forEach((o, leg) => {
        const i = newIntent(f, o, null, `${cause}:${entry.id}`, leg, entry.id, null, now);
        repo.insertIntent(i);
        openIntents.set(i.clientOrderId, i);
        addPending(f, i.symbol, i.side === 'buy' ? i.qty : -i.qty);
        intents.push(i);
      });
      remember(entry, intents);
      return entry.id;
    });
    if (intents.length === 0) {
      const entry = view(logId)!;
      deps.signal(entry);
      return entry;
    }
    return sendLegs(f, intents, logId);
  };

  // ── Daily equity of each copy (copy return, divergence) ──────────────────────────────────────

  /** Once a minute: the copy's equity at the end of today so far (one row per follow and day). */
  const markTimer = setInterval(() => {
    for (const f of live.values()) {
      if (f.record.state === 'stopped') continue;
      dirtyMarks.add(f);
      protect(f);
    }
    schedule();
  }, 60_000);
  markTimer.unref();

  // ── Recovery ─────────────────────────────────────────────────────────────────────────────────

  /**
   * After a restart: every intent written but not known to be answered is looked up by its client
   * order id before anything is sent again; fills the ledger missed are applied from the account's
   * history; leader events verified while away are handled in order (stale ones skipped by TTL).
   */
  const recover = async (): Promise<void> => {
    for (const intent of repo.openIntents()) {
      openIntents.set(intent.clientOrderId, intent);
      const f = live.get(intent.followId);
      if (f) addPending(f, intent.symbol, (intent.side === 'buy' ? 1 : -1) * (intent.qty - intent.filledQty));
    }
    for (const intent of [...openIntents.values()]) {
      let order: Order | undefined;
      try {
        order = await trading.orderByClientId(intent.accountId, intent.clientOrderId);
      } catch (error) {
        log.warn({ clientOrderId: intent.clientOrderId, err: String(error) }, 'copy intent could not be looked up; it stays open');
        continue;
      }
      if (order) {
        acknowledge(intent, order);
        continue;
      }
      if (intent.status === 'working') continue;
      const f = live.get(intent.followId);
      const ttl = (f?.record.settings.guards.signalTtlSeconds ?? 0) * 1000;
      const age = intent.leaderTime === null ? 0 : clock.now() - intent.leaderTime;
      if (f && f.record.state !== 'stopped' && age <= ttl) {
        track(sendLegs(f, [intent], intent.logId));
      } else {
        const unsent = finish({ ...intent, reason: `not sent: the signal expired (${Math.round(age / 1000)} s old) while the terminal was down` });
        save({ ...unsent, status: 'unsent' });
        announce(intent.logId);
      }
    }
    const accounts = new Set([...live.values()].map((f) => f.record.accountId));
    for (const accountId of accounts) {
      let cursor = repo.fillCursor(accountId);
      for (;;) {
        const page = trading.fills(accountId, { cursor: String(cursor), limit: 1000, order: 'asc' });
        for (const fill of page.fills) applyFill(fill);
        if (!page.nextCursor || page.fills.length === 0) break;
        cursor = Number(page.nextCursor);
      }
    }
    flush();
  };

  /** Decisions journaled by a process that died before spreading them into the ledger. */
  const replayJournal = (): void => {
    const rows = repo.journal();
    if (rows.length === 0) return;
    repo.transaction(() => {
      for (const row of rows) {
        const j = decodeJournal(row.data);
        for (const d of j.decisions) {
          repo.insertLogWithId(d.entry.followId, d.entry);
          for (const i of d.intents) repo.insertIntentIfAbsent(i);
          if (d.symbol) repo.setIdeal(d.entry.followId, d.symbol, d.ideal);
          if (j.leaderSeq !== null) repo.setLeaderSeq(d.entry.followId, j.leaderSeq);
        }
        repo.deleteJournal(row.id);
      }
    });
    log.info({ decisions: rows.length }, 'copy decisions journaled before a stop were written to the ledger');
  };

  const catchUp = (strategyId: string): void => {
    const follows = [...(byStrategy.get(strategyId) ?? [])].filter((f) => f.record.state !== 'stopped');
    if (follows.length === 0) return;
    const from = Math.min(...follows.map((f) => f.record.leaderSeq));
    for (const event of deps.leaders.events(strategyId, from, 10_000)) enqueue(strategyId, event);
  };

  const enqueue = (strategyId: string, event: StrategyEvent): void => {
    const previous = queues.get(strategyId) ?? Promise.resolve();
    const next = previous.then(
      () => handleEvent(strategyId, event),
      () => handleEvent(strategyId, event),
    );
    const done = next.catch((error: unknown) => log.error({ strategyId, seq: event.seq, err: String(error) }, 'copy signal failed'));
    queues.set(strategyId, done);
    track(done);
  };

  const register = (record: FollowRecord, books: readonly Book[]): LiveFollow => {
    const quality: FollowQuality = { latencies: [], slippages: [], outcomes: repo.countOutcomes(record.id) };
    for (const i of repo.intents(record.id)) {
      const latency = latencyOf(i);
      if (latency !== null) quality.latencies.push(latency);
      const slip = i.filledQty > 0 ? slippageOf(i) : null;
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
      replayJournal();
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
      const wasStopped = f.record.state === 'stopped';
      repo.updateFollow(record);
      f.record = record;
      if (record.state === 'stopped' && !wasStopped) detach(f);
      emitUpdate(record.id);
    },
    equity,
    gross,
    entry: (logId) => view(logId),
    openOrders(followId) {
      let n = 0;
      for (const i of openIntents.values()) if (i.followId === followId) n++;
      return n;
    },
    rebalance: (f, targets, cause, message) => rebalance(f, targets, cause, message),
    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
      flush();
    },
    close() {
      clearInterval(markTimer);
      for (const off of offs.splice(0)) off();
      for (const release of tracked.values()) release();
      tracked.clear();
      releaseAll();
      emitUpdate.cancel();
      flush();
    },
    onUpdate(listener) {
      updateListeners.add(listener);
      return () => updateListeners.delete(listener);
    },
    setRiskScale(followId, scale) {
      riskScales.set(followId, scale);
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
