import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { followStateSchema, guardsSchema, sizingSchema, type FollowState, type Guards, type Sizing } from '../../shared/copy/copy-settings';
import { copyLogEntrySchema } from '../../shared/contract/copy';
import { lotSchema, type Lot } from '../../shared/trading/position';
import type { StoredLogEntry } from './copy-log-view';
import { sideSchema, type Side } from '../../shared/trading/order';

export interface FollowSettings {
  allocation: number;
  sizing: Sizing;
  guards: Guards;
  strategyName: string;
  stateReason: string | null;
}

export interface FollowRecord {
  id: string;
  strategyId: string;
  accountId: string;
  state: FollowState;
  createdAt: number;
  leaderSeq: number;
  startSeq: number;
  settings: FollowSettings;
}

/** The copy's holding of one symbol. */
export interface Book {
  symbol: string;
  /** Unrounded target (see copy-sizing's `nextIdeal`). */
  ideal: number;
  /** Filled quantity, signed. */
  qty: number;
  lots: Lot[];
  realized: number;
  fees: number;
}

export type IntentStatus = 'pending' | 'working' | 'done' | 'unsent';

export interface Intent {
  clientOrderId: string;
  followId: string;
  accountId: string;
  leaderSeq: number | null;
  status: IntentStatus;
  createdAt: number;
  logId: number;
  symbol: string;
  side: Side;
  qty: number;
  type: 'market' | 'limit';
  price: number | null;
  reduces: boolean;
  /** The leader fill it copies: its price and its time inside the signed event. */
  leaderPrice: number | null;
  leaderTime: number | null;
  orderId: string | null;
  orderStatus: string;
  filledQty: number;
  avgFillPrice: number | null;
  ackAt: number | null;
  reason: string | null;
}

/** What a decision fixes about an intent; the rest is its state at the moment it was decided. */
export type IntentDecision = Pick<Intent, 'clientOrderId' | 'followId' | 'accountId' | 'leaderSeq' | 'createdAt' | 'logId' | 'symbol' | 'side' | 'qty' | 'type' | 'price' | 'reduces' | 'leaderPrice' | 'leaderTime'>;

/** A just-decided intent: pending, nothing sent, nothing filled. */
export function pendingIntent(d: IntentDecision): Intent {
  return { ...d, status: 'pending', orderId: null, orderStatus: 'pending', filledQty: 0, avgFillPrice: null, ackAt: null, reason: null };
}

const settingsSchema = z.object({ allocation: z.number(), sizing: sizingSchema, guards: guardsSchema, strategyName: z.string(), stateReason: z.string().nullable() });
const followRowSchema = z.object({ id: z.string(), strategy_id: z.string(), account_id: z.string(), state: followStateSchema, created_at: z.int(), leader_seq: z.int(), start_seq: z.int(), settings: z.string() });
const bookRowSchema = z.object({ symbol: z.string(), ideal: z.number(), qty: z.number(), lots: z.string(), realized: z.number(), fees: z.number() });
const intentDataSchema = z.object({
  symbol: z.string(),
  side: sideSchema,
  qty: z.number(),
  type: z.enum(['market', 'limit']),
  price: z.number().nullable(),
  reduces: z.boolean(),
  leaderPrice: z.number().nullable(),
  leaderTime: z.int().nullable(),
  orderId: z.string().nullable(),
  orderStatus: z.string(),
  filledQty: z.number(),
  avgFillPrice: z.number().nullable(),
  ackAt: z.int().nullable(),
  reason: z.string().nullable(),
});
const intentRowSchema = z.object({ client_order_id: z.string(), follow_id: z.string(), account_id: z.string(), leader_seq: z.int().nullable(), status: z.enum(['pending', 'working', 'done', 'unsent']), created_at: z.int(), log_id: z.int(), data: z.string() });
const logDataSchema = copyLogEntrySchema.omit({ id: true, followId: true, orders: true });
const logRowSchema = z.object({ id: z.int(), follow_id: z.string(), data: z.string() });
const lotsSchema = z.array(lotSchema);
const outcomeRowSchema = z.object({ outcome: z.enum(['copied', 'skipped', 'blocked', 'failed']), n: z.int() });
const flowRowSchema = z.object({ time: z.int(), amount: z.number() });
const markRowSchema = z.object({ time: z.int(), equity: z.number(), gross: z.number() });
const cursorSchema = z.int().optional();
const journalRowSchema = z.object({ id: z.int(), data: z.string() });

export type NewLogEntry = Omit<StoredLogEntry, 'id' | 'followId'>;

/** The copy ledger's tables (migration 006): statements prepared once, rows parsed on the way out. */
export interface CopyRepository {
  transaction<T>(fn: () => T): T;
  follows(): FollowRecord[];
  insertFollow(record: FollowRecord): void;
  updateFollow(record: FollowRecord): void;
  /** Moves the last leader event handled forward (never back). */
  setLeaderSeq(followId: string, seq: number): void;
  books(followId: string): Book[];
  saveBook(followId: string, book: Book): void;
  insertIntent(intent: Intent): void;
  updateIntent(intent: Intent): void;
  intent(clientOrderId: string): Intent | undefined;
  openIntents(): Intent[];
  intents(followId: string): Intent[];
  logEntry(id: number): StoredLogEntry | undefined;
  log(followId: string, beforeId: number | undefined, limit: number): StoredLogEntry[];
  /** The intents written with a log entry, in the order they were decided. */
  intentsOfLog(logId: number): Intent[];
  countOutcomes(followId: string): Record<'copied' | 'skipped' | 'blocked' | 'failed', number>;
  insertFlow(followId: string, time: number, amount: number): void;
  flows(followId: string): Array<{ time: number; amount: number }>;
  upsertMark(followId: string, time: number, equity: number, gross: number): void;
  marks(followId: string): Array<{ time: number; equity: number; grossExposure: number }>;
  /** The next id a log entry will get (ids are assigned here so a journal can name them). */
  nextLogId(): number;
  insertLogWithId(followId: string, entry: StoredLogEntry): void;
  /** False when the intent was there already (nothing written). */
  insertIntentIfAbsent(intent: Intent): boolean;
  /** Sets a book's ideal, keeping what it holds (a new book holds nothing). */
  setIdeal(followId: string, symbol: string, ideal: number): void;
  appendJournal(data: string): number;
  journal(): Array<{ id: number; data: string }>;
  deleteJournal(id: number): void;
  fillCursor(accountId: string): number;
  setFillCursor(accountId: string, seq: number): void;
}

export function createCopyRepository(db: Database): CopyRepository {
  const q = {
    follows: db.prepare('SELECT id, strategy_id, account_id, state, created_at, leader_seq, start_seq, settings FROM copy_follows ORDER BY created_at'),
    insertFollow: db.prepare('INSERT INTO copy_follows (id, strategy_id, account_id, state, created_at, leader_seq, start_seq, settings) VALUES (@id, @strategyId, @accountId, @state, @createdAt, @leaderSeq, @startSeq, @settings)'),
    updateFollow: db.prepare('UPDATE copy_follows SET state = @state, leader_seq = @leaderSeq, settings = @settings WHERE id = @id'),
    setLeaderSeq: db.prepare('UPDATE copy_follows SET leader_seq = max(leader_seq, ?) WHERE id = ?'),
    books: db.prepare('SELECT symbol, ideal, qty, lots, realized, fees FROM copy_books WHERE follow_id = ?'),
    saveBook: db.prepare(`INSERT INTO copy_books (follow_id, symbol, ideal, qty, lots, realized, fees) VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (follow_id, symbol) DO UPDATE SET ideal = excluded.ideal, qty = excluded.qty, lots = excluded.lots, realized = excluded.realized, fees = excluded.fees`),
    insertIntent: db.prepare('INSERT INTO copy_intents (client_order_id, follow_id, account_id, leader_seq, status, created_at, log_id, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    updateIntent: db.prepare('UPDATE copy_intents SET status = ?, data = ? WHERE client_order_id = ?'),
    intent: db.prepare('SELECT client_order_id, follow_id, account_id, leader_seq, status, created_at, log_id, data FROM copy_intents WHERE client_order_id = ?'),
    openIntents: db.prepare("SELECT client_order_id, follow_id, account_id, leader_seq, status, created_at, log_id, data FROM copy_intents WHERE status IN ('pending', 'working') ORDER BY rowid"),
    intents: db.prepare('SELECT client_order_id, follow_id, account_id, leader_seq, status, created_at, log_id, data FROM copy_intents WHERE follow_id = ? ORDER BY created_at'),
    intentsOfLog: db.prepare('SELECT client_order_id, follow_id, account_id, leader_seq, status, created_at, log_id, data FROM copy_intents WHERE log_id = ? ORDER BY rowid'),
    logEntry: db.prepare('SELECT id, follow_id, data FROM copy_log WHERE id = ?'),
    log: db.prepare('SELECT id, follow_id, data FROM copy_log WHERE follow_id = ? AND id < ? ORDER BY id DESC LIMIT ?'),
    outcomes: db.prepare('SELECT outcome, count(*) AS n FROM copy_log WHERE follow_id = ? GROUP BY outcome'),
    insertFlow: db.prepare('INSERT INTO copy_flows (follow_id, time, amount) VALUES (?, ?, ?)'),
    flows: db.prepare('SELECT time, amount FROM copy_flows WHERE follow_id = ? ORDER BY time'),
    upsertMark: db.prepare('INSERT INTO copy_marks (follow_id, time, equity, gross) VALUES (?, ?, ?, ?) ON CONFLICT (follow_id, time) DO UPDATE SET equity = excluded.equity, gross = excluded.gross'),
    marks: db.prepare('SELECT time, equity, gross FROM copy_marks WHERE follow_id = ? ORDER BY time'),
    fillCursor: db.prepare('SELECT seq FROM copy_fill_cursor WHERE account_id = ?').pluck(),
    maxLogId: db.prepare('SELECT coalesce(max(id), 0) FROM copy_log').pluck(),
    insertLogWithId: db.prepare('INSERT OR IGNORE INTO copy_log (id, follow_id, time, leader_seq, outcome, data) VALUES (?, ?, ?, ?, ?, ?)'),
    insertIntentIfAbsent: db.prepare('INSERT OR IGNORE INTO copy_intents (client_order_id, follow_id, account_id, leader_seq, status, created_at, log_id, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    setIdeal: db.prepare(`INSERT INTO copy_books (follow_id, symbol, ideal, qty, lots, realized, fees) VALUES (?, ?, ?, 0, '[]', 0, 0)
      ON CONFLICT (follow_id, symbol) DO UPDATE SET ideal = excluded.ideal`),
    appendJournal: db.prepare('INSERT INTO copy_journal (data) VALUES (?)'),
    journal: db.prepare('SELECT id, data FROM copy_journal ORDER BY id'),
    deleteJournal: db.prepare('DELETE FROM copy_journal WHERE id = ?'),
    setFillCursor: db.prepare('INSERT INTO copy_fill_cursor (account_id, seq) VALUES (?, ?) ON CONFLICT (account_id) DO UPDATE SET seq = max(seq, excluded.seq)'),
  };

  const toFollow = (raw: unknown): FollowRecord => {
    const r = followRowSchema.parse(raw);
    return { id: r.id, strategyId: r.strategy_id, accountId: r.account_id, state: r.state, createdAt: r.created_at, leaderSeq: r.leader_seq, startSeq: r.start_seq, settings: settingsSchema.parse(JSON.parse(r.settings)) };
  };
  const toIntent = (raw: unknown): Intent => {
    const r = intentRowSchema.parse(raw);
    return { clientOrderId: r.client_order_id, followId: r.follow_id, accountId: r.account_id, leaderSeq: r.leader_seq, status: r.status, createdAt: r.created_at, logId: r.log_id, ...intentDataSchema.parse(JSON.parse(r.data)) };
  };
  const intentData = (i: Intent): string =>
    JSON.stringify({ symbol: i.symbol, side: i.side, qty: i.qty, type: i.type, price: i.price, reduces: i.reduces, leaderPrice: i.leaderPrice, leaderTime: i.leaderTime, orderId: i.orderId, orderStatus: i.orderStatus, filledQty: i.filledQty, avgFillPrice: i.avgFillPrice, ackAt: i.ackAt, reason: i.reason });
  const toLog = (raw: unknown): StoredLogEntry => {
    const r = logRowSchema.parse(raw);
    return { id: r.id, followId: r.follow_id, ...logDataSchema.parse(JSON.parse(r.data)) };
  };
  const logData = (e: NewLogEntry): string => JSON.stringify({ time: e.time, leaderSeq: e.leaderSeq, leader: e.leader, outcome: e.outcome, guard: e.guard, message: e.message });

  return {
    transaction: (fn) => db.transaction(fn)(),
    follows: () => q.follows.all().map(toFollow),
    insertFollow: (f) => void q.insertFollow.run({ id: f.id, strategyId: f.strategyId, accountId: f.accountId, state: f.state, createdAt: f.createdAt, leaderSeq: f.leaderSeq, startSeq: f.startSeq, settings: JSON.stringify(f.settings) }),
    updateFollow: (f) => void q.updateFollow.run({ id: f.id, state: f.state, leaderSeq: f.leaderSeq, settings: JSON.stringify(f.settings) }),
    setLeaderSeq: (followId, seq) => void q.setLeaderSeq.run(seq, followId),
    books: (followId) =>
      q.books.all(followId).map((raw) => {
        const r = bookRowSchema.parse(raw);
        return { symbol: r.symbol, ideal: r.ideal, qty: r.qty, lots: lotsSchema.parse(JSON.parse(r.lots)), realized: r.realized, fees: r.fees };
      }),
    saveBook: (followId, b) => void q.saveBook.run(followId, b.symbol, b.ideal, b.qty, JSON.stringify(b.lots), b.realized, b.fees),
    insertIntent: (i) => void q.insertIntent.run(i.clientOrderId, i.followId, i.accountId, i.leaderSeq, i.status, i.createdAt, i.logId, intentData(i)),
    updateIntent: (i) => void q.updateIntent.run(i.status, intentData(i), i.clientOrderId),
    intent: (clientOrderId) => {
      const raw = q.intent.get(clientOrderId);
      return raw === undefined ? undefined : toIntent(raw);
    },
    openIntents: () => q.openIntents.all().map(toIntent),
    intents: (followId) => q.intents.all(followId).map(toIntent),
    intentsOfLog: (logId) => q.intentsOfLog.all(logId).map(toIntent),
    logEntry: (id) => {
      const raw = q.logEntry.get(id);
      return raw === undefined ? undefined : toLog(raw);
    },
    log: (followId, beforeId, limit) => q.log.all(followId, beforeId ?? Number.MAX_SAFE_INTEGER, limit).map(toLog),
    countOutcomes(followId) {
      const out = { copied: 0, skipped: 0, blocked: 0, failed: 0 };
      for (const raw of q.outcomes.all(followId)) {
        const r = outcomeRowSchema.parse(raw);
        out[r.outcome] = r.n;
      }
      return out;
    },
    insertFlow: (followId, time, amount) => void q.insertFlow.run(followId, time, amount),
    flows: (followId) => q.flows.all(followId).map((raw) => flowRowSchema.parse(raw)),
    upsertMark: (followId, time, equity, gross) => void q.upsertMark.run(followId, time, equity, gross),
    marks: (followId) =>
      q.marks.all(followId).map((raw) => {
        const r = markRowSchema.parse(raw);
        return { time: r.time, equity: r.equity, grossExposure: r.gross };
      }),
    nextLogId: () => Number(z.int().parse(q.maxLogId.get())) + 1,
    insertLogWithId: (followId, e) => void q.insertLogWithId.run(e.id, followId, e.time, e.leaderSeq, e.outcome, logData(e)),
    insertIntentIfAbsent: (i) => q.insertIntentIfAbsent.run(i.clientOrderId, i.followId, i.accountId, i.leaderSeq, i.status, i.createdAt, i.logId, intentData(i)).changes > 0,
    setIdeal: (followId, symbol, ideal) => void q.setIdeal.run(followId, symbol, ideal),
    appendJournal: (data) => Number(q.appendJournal.run(data).lastInsertRowid),
    journal: () => q.journal.all().map((raw) => journalRowSchema.parse(raw)),
    deleteJournal: (id) => void q.deleteJournal.run(id),
    fillCursor: (accountId) => cursorSchema.parse(q.fillCursor.get(accountId)) ?? 0,
    setFillCursor: (accountId, seq) => void q.setFillCursor.run(accountId, seq),
  };
}
