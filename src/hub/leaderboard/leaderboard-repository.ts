import crypto from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import { z } from 'zod';
import { ApiError } from '../../shared/contract/errors';
import { ASSET_CLASSES, assetClassSchema, type AssetClass } from '../../shared/market/instrument';
import type { LeaderboardQuery, LeaderboardRow, LeaderboardSort } from '../../shared/social/leaderboard';
import type { PeriodFigures, StrategyFigures } from './strategy-figures';

/** What a row shows and filters on besides the figures: the strategy's listing. */
export interface LeaderboardListing {
  name: string;
  /** Lower-cased name, owner username and display name: what `search` matches. */
  search: string;
  assetMask: number;
  simulated: boolean;
  copiers: number;
  followerReturn: number | null;
}

/** One stored row: a strategy's figures for one period, with what the filters look at. */
export interface LeaderboardRowInput extends PeriodFigures, LeaderboardListing {
  strategyId: string;
  eligible: boolean;
  riskScore: number | null;
  trackRecordDays: number;
  updatedAt: number;
}

/** The search text of a strategy: its name and its owner's names, lower case. */
export const searchText = (name: string, username: string, displayName: string): string => `${name} ${username} ${displayName}`.toLowerCase();

/** Bit of each asset class in `asset_mask`. */
export function assetMask(classes: readonly AssetClass[]): number {
  let mask = 0;
  for (const c of classes) mask |= 1 << ASSET_CLASSES.indexOf(c);
  return mask;
}

/** The column (and the ordering expression) behind each sort. */
const SORTS: Readonly<Record<LeaderboardSort, { column: string; order: string }>> = {
  return: { column: 'total_return', order: 'r.total_return' },
  cagr: { column: 'cagr', order: 'r.cagr' },
  sharpe: { column: 'sharpe', order: 'r.sharpe' },
  sortino: { column: 'sortino', order: 'r.sortino' },
  maxDrawdown: { column: 'max_drawdown', order: 'r.max_drawdown' },
  volatility: { column: 'volatility', order: 'r.volatility' },
  calmar: { column: 'calmar', order: 'r.calmar' },
  winRate: { column: 'win_rate', order: 'r.win_rate' },
  profitFactor: { column: 'profit_factor', order: 'r.profit_factor' },
  avgHoldingSeconds: { column: 'avg_holding_seconds', order: 'r.avg_holding_seconds' },
  trades: { column: 'trades', order: 'r.trades' },
  riskScore: { column: 'risk_score', order: 'r.risk_score' },
  trackRecordDays: { column: 'track_record_days', order: 'r.track_record_days' },
  copiers: { column: 'copiers', order: 'r.copiers' },
  followerReturn: { column: 'follower_return', order: 'r.follower_return' },
  name: { column: 'name', order: 'r.name COLLATE NOCASE' },
};

const figure = z.number().nullable();
const bool = z.union([z.literal(0), z.literal(1)]).transform((v) => v === 1);
const rowSchema = z.object({
  strategy_id: z.string(),
  name: z.string(),
  simulated: bool,
  total_return: figure,
  cagr: figure,
  sharpe: figure,
  sortino: figure,
  max_drawdown: figure,
  volatility: figure,
  calmar: figure,
  win_rate: figure,
  profit_factor: figure,
  avg_holding_seconds: figure,
  trades: z.int(),
  risk_score: z.int().nullable(),
  track_record_days: z.int(),
  copiers: z.int(),
  follower_return: figure,
  partial: bool,
  spark: z.string().transform((s) => z.array(z.number()).parse(JSON.parse(s))),
  updated_at: z.int(),
  currency: z.string(),
  asset_classes: z.string().transform((s) => z.array(assetClassSchema).parse(JSON.parse(s))),
  owner_id: z.string(),
  username: z.string(),
  display_name: z.string(),
  avatar_color: z.string(),
});

export interface LeaderboardRepository {
  /** Replaces a strategy's rows (one per period) with freshly computed figures. */
  upsertFigures(strategyId: string, figures: StrategyFigures, listing: LeaderboardListing, updatedAt: number): void;
  /** One row as given (benchmarks fill a board without signing streams). */
  upsertRow(row: LeaderboardRowInput): void;
  /** Copier count and follower return of a strategy, on all its rows. */
  setCopies(strategyId: string, copiers: number, followerReturn: number | null): void;
  /** A strategy's name and search text on all its rows (after its owner changed names). */
  setSearch(strategyId: string, name: string, search: string): void;
  /** Strategies without rows, or with rows computed before `before`. */
  staleIds(before: number): string[];
  lastUpdated(): number | null;
  query(q: LeaderboardQuery): { rows: LeaderboardRow[]; nextCursor: string | null; total: number };
}

export function createLeaderboardRepository(db: Database): LeaderboardRepository {
  const upsert = db.prepare(`
    INSERT INTO leaderboard_rows (strategy_id, period, eligible, name, search, asset_mask, simulated, total_return, cagr, sharpe, sortino, max_drawdown,
      volatility, calmar, win_rate, profit_factor, avg_holding_seconds, trades, risk_score, track_record_days, copiers, follower_return, partial, updated_at)
    VALUES (@strategyId, @period, @eligible, @name, @search, @assetMask, @simulated, @return, @cagr, @sharpe, @sortino, @maxDrawdown,
      @volatility, @calmar, @winRate, @profitFactor, @avgHoldingSeconds, @trades, @riskScore, @trackRecordDays, @copiers, @followerReturn, @partial, @updatedAt)
    ON CONFLICT (period, strategy_id) DO UPDATE SET
      eligible = excluded.eligible, name = excluded.name, search = excluded.search, asset_mask = excluded.asset_mask, simulated = excluded.simulated,
      total_return = excluded.total_return, cagr = excluded.cagr, sharpe = excluded.sharpe, sortino = excluded.sortino, max_drawdown = excluded.max_drawdown,
      volatility = excluded.volatility, calmar = excluded.calmar, win_rate = excluded.win_rate, profit_factor = excluded.profit_factor,
      avg_holding_seconds = excluded.avg_holding_seconds, trades = excluded.trades, risk_score = excluded.risk_score, track_record_days = excluded.track_record_days,
      copiers = excluded.copiers, follower_return = excluded.follower_return, partial = excluded.partial, updated_at = excluded.updated_at`);
  const upsertSpark = db.prepare(
    'INSERT INTO leaderboard_sparks (strategy_id, period, spark) VALUES (@strategyId, @period, @spark) ON CONFLICT (period, strategy_id) DO UPDATE SET spark = excluded.spark',
  );
  const setCopies = db.prepare('UPDATE leaderboard_rows SET copiers = ?, follower_return = ? WHERE strategy_id = ?');
  const setSearch = db.prepare('UPDATE leaderboard_rows SET name = ?, search = ? WHERE strategy_id = ?');
  const staleIds = db
    .prepare(
      `SELECT s.strategy_id FROM strategies s LEFT JOIN leaderboard_rows r ON r.strategy_id = s.strategy_id AND r.period = 'all'
       WHERE r.strategy_id IS NULL OR r.updated_at < ? ORDER BY s.created_at, s.strategy_id`,
    )
    .pluck();
  const lastUpdated = db.prepare("SELECT MAX(updated_at) FROM leaderboard_rows WHERE period = 'all'").pluck();
  const cursorValue = new Map<LeaderboardSort, Statement>();
  // Sorts × directions × filter combinations make thousands of possible statements: keep the recent ones.
  const pages = createStatementCache(db, 256);
  const totals = createStatementCache(db, 128);

  const writeRow = (row: LeaderboardRowInput): void => {
    const { spark, ...figures } = row;
    upsert.run({ ...figures, eligible: row.eligible ? 1 : 0, simulated: row.simulated ? 1 : 0, partial: row.partial ? 1 : 0 });
    upsertSpark.run({ strategyId: row.strategyId, period: row.period, spark: JSON.stringify(spark) });
  };

  return {
    upsertFigures: db.transaction((strategyId: string, figures: StrategyFigures, listing: LeaderboardListing, updatedAt: number) => {
      for (const p of figures.periods) {
        writeRow({ ...p, ...listing, strategyId, eligible: figures.eligible, riskScore: figures.riskScore, trackRecordDays: figures.trackRecordDays, updatedAt });
      }
    }),
    upsertRow: writeRow,
    setCopies: (strategyId, copiers, followerReturn) => void setCopies.run(copiers, followerReturn, strategyId),
    setSearch: (strategyId, name, search) => void setSearch.run(name, search, strategyId),
    staleIds: (before) => z.array(z.string()).parse(staleIds.all(before)),
    lastUpdated: () => z.int().nullable().parse(lastUpdated.get()),

    query(q) {
      const { column, order } = SORTS[q.sort];
      const f = q.filters;
      if (f.riskMin !== undefined && f.riskMax !== undefined && f.riskMin > f.riskMax) {
        throw new ApiError('INVALID_PARAMS', `The risk range ${f.riskMin}–${f.riskMax} is empty: riskMin is above riskMax`, { fields: [{ path: 'filters.riskMin', message: 'above riskMax' }] });
      }
      const where = ['r.period = @period', 'r.eligible = 1'];
      const params: Record<string, unknown> = { period: q.period, limit: q.limit + 1 };
      const add = (condition: string, name: string, value: unknown): void => {
        where.push(condition);
        params[name] = value;
      };
      if (f.assetClass !== undefined) add('(r.asset_mask & @mask) <> 0', 'mask', assetMask([f.assetClass]));
      if (f.minAgeDays !== undefined) add('r.track_record_days >= @minAge', 'minAge', f.minAgeDays);
      if (f.maxDrawdown !== undefined) add('r.max_drawdown <= @maxDrawdown', 'maxDrawdown', f.maxDrawdown);
      if (f.riskMin !== undefined) add('r.risk_score >= @riskMin', 'riskMin', f.riskMin);
      if (f.riskMax !== undefined) add('r.risk_score <= @riskMax', 'riskMax', f.riskMax);
      if (f.minTrades !== undefined) add('r.trades >= @minTrades', 'minTrades', f.minTrades);
      if (f.search) add("r.search LIKE @search ESCAPE '\\'", 'search', `%${f.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      const filterKey = where.join(' AND ');

      let offset = 0;
      let keyset = '';
      const fingerprint = queryFingerprint(q);
      if (q.cursor) {
        const cursor = parseCursor(q.cursor, fingerprint);
        let valueOf = cursorValue.get(q.sort);
        if (!valueOf) cursorValue.set(q.sort, (valueOf = db.prepare(`SELECT ${column} AS v FROM leaderboard_rows WHERE strategy_id = ? AND period = ?`)));
        const at = valueOf.get(cursor.strategyId, q.period) as { v: number | string | null } | undefined;
        if (at === undefined) throw staleCursor();
        offset = cursor.rank;
        params.cid = cursor.strategyId;
        params.cv = at.v;
        const op = q.dir === 'desc' ? '<' : '>';
        keyset = at.v === null ? ` AND (${order} IS NULL AND r.strategy_id > @cid)` : ` AND (${order} IS NULL OR ${order} ${op} @cv OR (${order} = @cv AND r.strategy_id > @cid))`;
      }

      const direction = q.dir === 'desc' ? 'DESC' : 'ASC';
      // Nulls last in both directions, then the strategy id: a total, stable order to page through.
      // The sort runs over the period's narrow rows alone (a top-N heap); only the page is joined.
      const orderBy = `(${order} IS NULL), ${order} ${direction}, r.strategy_id`;
      const page = pages.get(`
          SELECT r.*, k.spark, s.currency, s.asset_classes, s.owner_id, u.username, u.display_name, u.avatar_color
          FROM (SELECT r.period, r.strategy_id FROM leaderboard_rows r WHERE ${filterKey}${keyset} ORDER BY ${orderBy} LIMIT @limit) p
          JOIN leaderboard_rows r ON r.period = p.period AND r.strategy_id = p.strategy_id
          JOIN leaderboard_sparks k ON k.period = r.period AND k.strategy_id = r.strategy_id
          JOIN strategies s ON s.strategy_id = r.strategy_id
          JOIN users u ON u.user_id = s.owner_id
          ORDER BY ${orderBy}`);
      const total = totals.get(`SELECT COUNT(*) FROM leaderboard_rows r WHERE ${filterKey}`).pluck();

      const raw = page.all(params);
      const more = raw.length > q.limit;
      const rows = raw.slice(0, q.limit).map((r, i): LeaderboardRow => {
        const p = rowSchema.parse(r);
        return {
          rank: offset + i + 1,
          strategyId: p.strategy_id,
          name: p.name,
          owner: { userId: p.owner_id, username: p.username, displayName: p.display_name, avatarColor: p.avatar_color },
          assetClasses: p.asset_classes,
          simulated: p.simulated,
          currency: p.currency,
          return: p.total_return,
          cagr: p.cagr,
          sharpe: p.sharpe,
          sortino: p.sortino,
          maxDrawdown: p.max_drawdown,
          volatility: p.volatility,
          calmar: p.calmar,
          winRate: p.win_rate,
          profitFactor: p.profit_factor,
          avgHoldingSeconds: p.avg_holding_seconds,
          trades: p.trades,
          riskScore: p.risk_score,
          trackRecordDays: p.track_record_days,
          copiers: p.copiers,
          followerReturn: p.follower_return,
          spark: p.spark,
          partial: p.partial,
          updatedAt: p.updated_at,
        };
      });
      const last = rows.at(-1);
      const { period: _p, limit: _l, cid: _c, cv: _v, ...filterParams } = params;
      return {
        rows,
        nextCursor: more && last ? `${fingerprint}.${last.rank}.${last.strategyId}` : null,
        total: z.int().parse(total.get({ period: q.period, ...filterParams })),
      };
    },
  };
}

/** Prepared statements by SQL text, the least recently used dropped beyond `max`. */
function createStatementCache(db: Database, max: number): { get(sql: string): Statement } {
  const cache = new Map<string, Statement>();
  return {
    get(sql) {
      let statement = cache.get(sql);
      if (statement) cache.delete(sql);
      else statement = db.prepare(sql);
      cache.set(sql, statement);
      if (cache.size > max) cache.delete(cache.keys().next().value!);
      return statement;
    },
  };
}

/** Ties a cursor to the listing it came from (period, sort, direction, filters). */
function queryFingerprint(q: LeaderboardQuery): string {
  const filters = Object.fromEntries(Object.entries(q.filters).filter(([, v]) => v !== undefined && v !== '').sort(([a], [b]) => a.localeCompare(b)));
  return crypto.createHash('sha256').update(JSON.stringify([q.period, q.sort, q.dir, filters])).digest('base64url').slice(0, 8);
}

function parseCursor(text: string, fingerprint: string): { rank: number; strategyId: string } {
  const m = /^([A-Za-z0-9_-]{8})\.(\d{1,9})\.(st_[A-Za-z0-9_-]{24})$/.exec(text);
  if (!m) throw badLeaderboardCursor('This page cursor was not made by this hub');
  if (m[1] !== fingerprint) throw badLeaderboardCursor('This page cursor belongs to another listing (period, sort or filters changed): start again from the first page');
  return { rank: Number(m[2]), strategyId: m[3]! };
}

const badLeaderboardCursor = (message: string): ApiError => new ApiError('INVALID_PARAMS', message, { fields: [{ path: 'cursor', message }] });
const staleCursor = (): ApiError => badLeaderboardCursor('The strategy this page cursor points at left the leaderboard: start again from the first page');
