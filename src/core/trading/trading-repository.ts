import type { Database, Statement } from 'better-sqlite3';
import { z } from 'zod';
import { accountCurrencySchema } from '../../shared/trading/account';
import { fillSchema, type Fill } from '../../shared/trading/fill';
import { orderSchema, type Order, type OrderStatus } from '../../shared/trading/order';
import { lotSchema } from '../../shared/trading/position';
import type { PositionState } from '../brokers/broker';

/** An account's stored settings and money (the `data` column of `accounts`). */
export const accountRecordSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['paper', 'ccxt']),
  type: z.enum(['cash', 'margin']),
  currency: accountCurrencySchema,
  leverage: z.number(),
  startingBalance: z.number(),
  makerFeeBps: z.number(),
  takerFeeBps: z.number(),
  maxOrderValue: z.number().nullable(),
  balance: z.number(),
  realizedPnl: z.number(),
  /** Last fill sequence number used; never reused, not even after a reset. */
  fillSeq: z.int().nonnegative(),
  createdAt: z.int(),
  resetAt: z.int().nullable(),
  /** Fills with a higher seq belong to the account's current life (since its last reset). */
  resetSeq: z.int().nonnegative(),
  /** Live accounts: where they trade. Keys are kept in the secret store, never here. */
  live: z
    .object({
      exchange: z.string(),
      venue: z.string(),
      endpoints: z.object({ rest: z.string().optional(), ws: z.string().optional() }).nullable(),
      hasCredentials: z.boolean(),
      lastFillTime: z.int().nullable(),
    })
    .optional(),
});
export type AccountRecord = z.infer<typeof accountRecordSchema>;

const positionStateSchema = z.object({ symbol: z.string(), lots: z.array(lotSchema), realizedPnl: z.number(), openedAt: z.int().nullable(), updatedAt: z.int() });

export interface FillQuery {
  symbol?: string | undefined;
  from?: number | undefined;
  to?: number | undefined;
  /** Fills past this seq in the direction of `order` (0 = from the start; for desc, from the newest). */
  cursorSeq: number;
  order: 'asc' | 'desc';
  limit: number;
}

export interface TradingRepository {
  transaction<T>(fn: () => T): T;
  accounts(): AccountRecord[];
  saveAccount(account: AccountRecord): void;
  saveOrder(order: Order): void;
  /** Records a refused order unless its client order id is taken (then the other order stands). */
  saveRejectedOrder(order: Order): void;
  order(accountId: string, id: string): Order | undefined;
  orderByClientId(accountId: string, clientOrderId: string): Order | undefined;
  workingOrders(accountId: string): Order[];
  orders(accountId: string, status: OrderStatus | 'working' | undefined, symbol: string | undefined, limit: number): Order[];
  insertFill(fill: Fill): void;
  fills(accountId: string, query: FillQuery): Fill[];
  savePosition(accountId: string, position: PositionState): void;
  /** Stored positions, and the symbols whose row is damaged (rebuild those from the fills). */
  positions(accountId: string): { states: PositionState[]; damaged: string[] };
}

/** A stored row that no longer parses (hand-edited, damaged): reported, skipped, left untouched. */
export type OnDamagedRow = (what: string, key: string, problem: string, stored: string) => void;

/** Prepared statements over the trading tables; rows are validated as they are read back. */
export function createTradingRepository(db: Database, onDamaged: OnDamagedRow): TradingRepository {
  const parseJson = <T>(schema: z.ZodType<T>, text: string, what: string, key: string): T | undefined => {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      onDamaged(what, key, String(error), text);
      return undefined;
    }
    const parsed = schema.safeParse(raw);
    if (parsed.success) return parsed.data;
    onDamaged(what, key, parsed.error.issues[0]?.message ?? 'invalid', text);
    return undefined;
  };
  const parseAll = <T>(schema: z.ZodType<T>, rows: ReadonlyArray<{ data: string }>, what: string, key: string): T[] => {
    const out: T[] = [];
    for (const [i, r] of rows.entries()) {
      const value = parseJson(schema, r.data, what, `${key} #${i + 1}`);
      if (value !== undefined) out.push(value);
    }
    return out;
  };
  const selectAccounts = db.prepare<[], { data: string }>('SELECT data FROM accounts ORDER BY created_at, id');
  const upsertAccount = db.prepare('INSERT INTO accounts (id, kind, created_at, data) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET data = excluded.data');
  const upsertOrder = db.prepare(
    'INSERT INTO orders (account_id, id, client_order_id, symbol, status, created_at, data) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(account_id, id) DO UPDATE SET status = excluded.status, data = excluded.data',
  );
  const insertRejected = db.prepare('INSERT OR IGNORE INTO orders (account_id, id, client_order_id, symbol, status, created_at, data) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const selectOrder = db.prepare<[string, string], { data: string }>('SELECT data FROM orders WHERE account_id = ? AND id = ?');
  const selectByClientId = db.prepare<[string, string], { data: string }>('SELECT data FROM orders WHERE account_id = ? AND client_order_id = ?');
  const selectWorking = db.prepare<[string], { data: string }>("SELECT data FROM orders WHERE account_id = ? AND status IN ('new', 'partially_filled') ORDER BY id");
  const insertFillStmt = db.prepare('INSERT INTO fills (account_id, seq, order_id, symbol, time, data) VALUES (?, ?, ?, ?, ?, ?)');
  const upsertPosition = db.prepare('INSERT INTO positions (account_id, symbol, data) VALUES (?, ?, ?) ON CONFLICT(account_id, symbol) DO UPDATE SET data = excluded.data');
  const selectPositions = db.prepare<[string], { symbol: string; data: string }>('SELECT symbol, data FROM positions WHERE account_id = ? ORDER BY symbol');
  // Filtered lists: a handful of distinct shapes, each prepared on first use and then reused.
  const filtered = new Map<string, Statement<Array<string | number>, { data: string }>>();
  const select = (sql: string): Statement<Array<string | number>, { data: string }> => {
    let stmt = filtered.get(sql);
    if (!stmt) {
      stmt = db.prepare<Array<string | number>, { data: string }>(sql);
      filtered.set(sql, stmt);
    }
    return stmt;
  };

  return {
    transaction: (fn) => db.transaction(fn)(),
    accounts: () => parseAll(accountRecordSchema, selectAccounts.all(), 'account', 'accounts'),
    saveAccount: (a) => void upsertAccount.run(a.id, a.kind, a.createdAt, JSON.stringify(a)),
    saveOrder: (o) => void upsertOrder.run(o.accountId, o.id, o.clientOrderId, o.symbol, o.status, o.createdAt, JSON.stringify(o)),
    saveRejectedOrder: (o) => void insertRejected.run(o.accountId, o.id, o.clientOrderId, o.symbol, o.status, o.createdAt, JSON.stringify(o)),
    order(accountId, id) {
      const row = selectOrder.get(accountId, id);
      return row ? parseJson(orderSchema, row.data, 'order', id) : undefined;
    },
    orderByClientId(accountId, clientOrderId) {
      const row = selectByClientId.get(accountId, clientOrderId);
      return row ? parseJson(orderSchema, row.data, 'order', clientOrderId) : undefined;
    },
    workingOrders: (accountId) => parseAll(orderSchema, selectWorking.all(accountId), 'working order', accountId),
    orders(accountId, status, symbol, limit) {
      const where = ['account_id = ?'];
      const args: Array<string | number> = [accountId];
      if (status === 'working') where.push("status IN ('new', 'partially_filled')");
      else if (status) {
        where.push('status = ?');
        args.push(status);
      }
      if (symbol) {
        where.push('symbol = ?');
        args.push(symbol);
      }
      args.push(limit);
      const rows = select(`SELECT data FROM orders WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT ?`).all(...args);
      return parseAll(orderSchema, rows, 'order', accountId);
    },
    insertFill: (f) => void insertFillStmt.run(f.accountId, f.seq, f.orderId, f.symbol, f.time, JSON.stringify(f)),
    fills(accountId, q) {
      const desc = q.order === 'desc';
      const where = ['account_id = ?', desc ? 'seq < ?' : 'seq > ?'];
      const args: Array<string | number> = [accountId, desc && q.cursorSeq === 0 ? Number.MAX_SAFE_INTEGER : q.cursorSeq];
      if (q.symbol) {
        where.push('symbol = ?');
        args.push(q.symbol);
      }
      if (q.from !== undefined) {
        where.push('time >= ?');
        args.push(q.from);
      }
      if (q.to !== undefined) {
        where.push('time < ?');
        args.push(q.to);
      }
      args.push(q.limit);
      const rows = select(`SELECT data FROM fills WHERE ${where.join(' AND ')} ORDER BY seq ${desc ? 'DESC' : 'ASC'} LIMIT ?`).all(...args);
      return parseAll(fillSchema, rows, 'fill', accountId);
    },
    savePosition: (accountId, p) => void upsertPosition.run(accountId, p.symbol, JSON.stringify(p)),
    positions(accountId) {
      const states: PositionState[] = [];
      const damaged: string[] = [];
      for (const r of selectPositions.all(accountId)) {
        const state = parseJson(positionStateSchema, r.data, 'position', `${accountId} ${r.symbol}`);
        if (state) states.push(state);
        else damaged.push(r.symbol);
      }
      return { states, damaged };
    },
  };
}
