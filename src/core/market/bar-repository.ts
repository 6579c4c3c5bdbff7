import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { barSchema, type Bar } from '../../shared/market/bar';
import type { Timeframe } from '../../shared/market/timeframes';

const coverageRow = z.object({ from_time: z.int(), to_time: z.int() });
const countRow = z.object({ n: z.int() });

export interface Span {
  from: number;
  to: number;
}

/** The SQLite bar cache: prepared statements, rows parsed at the boundary. */
export interface BarRepository {
  /** Inserts or replaces (live bars and imports are authoritative). */
  upsert(symbol: string, tf: Timeframe, bars: readonly Bar[]): void;
  /** Inserts only where no bar exists yet (history never overwrites a bar built from live trades). */
  insertMissing(symbol: string, tf: Timeframe, bars: readonly Bar[]): void;
  /** The last `limit` bars starting before `before`, ascending. */
  latestBefore(symbol: string, tf: Timeframe, before: number, limit: number): Bar[];
  count(symbol: string, tf: Timeframe, from: number, to: number): number;
  /** Parts of [from, to) not yet fetched from the feed. */
  uncovered(symbol: string, tf: Timeframe, from: number, to: number): Span[];
  addCoverage(symbol: string, tf: Timeframe, span: Span): void;
  /** Drops bars of `tf` (all symbols) starting before `time`, and forgets that they were fetched. */
  pruneBefore(tf: Timeframe, time: number): number;
  /** Runs `fn` in one transaction. */
  transaction<T>(fn: () => T): T;
}

export function createBarRepository(db: Database): BarRepository {
  const upsertStmt = db.prepare(
    `INSERT INTO bars (symbol, timeframe, time, open, high, low, close, volume) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (symbol, timeframe, time) DO UPDATE SET open = excluded.open, high = excluded.high, low = excluded.low, close = excluded.close, volume = excluded.volume`,
  );
  const insertStmt = db.prepare('INSERT OR IGNORE INTO bars (symbol, timeframe, time, open, high, low, close, volume) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  // Newest first through the primary key, then reversed: one index walk of `limit` rows.
  const latestStmt = db.prepare('SELECT time, open, high, low, close, volume FROM bars WHERE symbol = ? AND timeframe = ? AND time < ? ORDER BY time DESC LIMIT ?');
  const countStmt = db.prepare('SELECT count(*) AS n FROM bars WHERE symbol = ? AND timeframe = ? AND time >= ? AND time < ?');
  const coverageStmt = db.prepare('SELECT from_time, to_time FROM bar_coverage WHERE symbol = ? AND timeframe = ? AND to_time >= ? AND from_time <= ? ORDER BY from_time');
  const deleteCoverageStmt = db.prepare('DELETE FROM bar_coverage WHERE symbol = ? AND timeframe = ? AND to_time >= ? AND from_time <= ?');
  const insertCoverageStmt = db.prepare('INSERT INTO bar_coverage (symbol, timeframe, from_time, to_time) VALUES (?, ?, ?, ?)');
  latestStmt.raw(true);
  const pruneBarsStmt = db.prepare('DELETE FROM bars WHERE timeframe = ? AND time < ?');
  const pruneCoverageStmt = db.prepare('DELETE FROM bar_coverage WHERE timeframe = ? AND to_time <= ?');
  const trimCoverageStmt = db.prepare('UPDATE bar_coverage SET from_time = ? WHERE timeframe = ? AND from_time < ? AND to_time > ?');

  const write = (stmt: typeof upsertStmt, symbol: string, tf: Timeframe, bars: readonly Bar[]): void => {
    for (const b of bars) stmt.run(symbol, tf, b.time, b.open, b.high, b.low, b.close, b.volume);
  };
  const spans = (symbol: string, tf: Timeframe, from: number, to: number): Span[] =>
    coverageStmt.all(symbol, tf, from, to).map((row) => {
      const r = coverageRow.parse(row);
      return { from: r.from_time, to: r.to_time };
    });

  return {
    upsert: db.transaction((symbol: string, tf: Timeframe, bars: readonly Bar[]) => write(upsertStmt, symbol, tf, bars)),
    insertMissing: db.transaction((symbol: string, tf: Timeframe, bars: readonly Bar[]) => write(insertStmt, symbol, tf, bars)),
    latestBefore(symbol, tf, before, limit) {
      const rows = latestStmt.all(symbol, tf, before, limit) as unknown[][];
      const out: Bar[] = new Array(rows.length);
      for (let i = 0; i < rows.length; i++) {
        const r = rows[rows.length - 1 - i]!;
        out[i] = { time: r[0] as number, open: r[1] as number, high: r[2] as number, low: r[3] as number, close: r[4] as number, volume: r[5] as number };
      }
      // Rows come from our own STRICT table; spot-check the shape rather than parse 5,000 objects.
      if (out.length > 0) barSchema.parse(out[0]);
      return out;
    },
    count: (symbol, tf, from, to) => countRow.parse(countStmt.get(symbol, tf, from, to)).n,
    uncovered(symbol, tf, from, to) {
      const gaps: Span[] = [];
      let cursor = from;
      for (const s of spans(symbol, tf, from, to)) {
        if (s.from > cursor) gaps.push({ from: cursor, to: Math.min(s.from, to) });
        cursor = Math.max(cursor, s.to);
        if (cursor >= to) break;
      }
      if (cursor < to) gaps.push({ from: cursor, to });
      return gaps.filter((g) => g.to > g.from);
    },
    addCoverage: db.transaction((symbol: string, tf: Timeframe, span: Span) => {
      if (span.to <= span.from) return;
      let from = span.from;
      let to = span.to;
      for (const s of spans(symbol, tf, from, to)) {
        from = Math.min(from, s.from);
        to = Math.max(to, s.to);
      }
      deleteCoverageStmt.run(symbol, tf, span.from, span.to);
      insertCoverageStmt.run(symbol, tf, from, to);
    }),
    pruneBefore: db.transaction((tf: Timeframe, time: number) => {
      const removed = pruneBarsStmt.run(tf, time).changes;
      pruneCoverageStmt.run(tf, time);
      trimCoverageStmt.run(time, tf, time, time);
      return removed;
    }),
    transaction: <T>(fn: () => T): T => db.transaction(fn)(),
  };
}
