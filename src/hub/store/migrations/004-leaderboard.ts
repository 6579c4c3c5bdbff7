import type { HubMigration } from './migration';

/**
 * One row per (strategy, period) with every sortable figure and every filter field as a column,
 * so a leaderboard page is one query over one period's rows. Rows are recomputed from the verified
 * streams; `eligible` marks strategies with enough history to rank (RANKING_MIN_DAYS,
 * RANKING_MIN_TRIPS). `asset_mask` has one bit per asset class; `search` is the lower-cased name,
 * username and display name. Rows are clustered by period (a sort scans one contiguous range) and
 * kept narrow: sparklines live in their own table, and only a page's sparklines are read.
 */
export const migration004: HubMigration = {
  version: 4,
  name: 'leaderboard',
  up(db) {
    db.exec(`
      CREATE TABLE leaderboard_rows (
        strategy_id         TEXT NOT NULL REFERENCES strategies (strategy_id) ON DELETE CASCADE,
        period              TEXT NOT NULL CHECK (period IN ('1M', '3M', '6M', '1Y', 'all')),
        eligible            INTEGER NOT NULL CHECK (eligible IN (0, 1)),
        name                TEXT NOT NULL,
        search              TEXT NOT NULL,
        asset_mask          INTEGER NOT NULL,
        simulated           INTEGER NOT NULL CHECK (simulated IN (0, 1)),
        total_return        REAL,
        cagr                REAL,
        sharpe              REAL,
        sortino             REAL,
        max_drawdown        REAL,
        volatility          REAL,
        calmar              REAL,
        win_rate            REAL,
        profit_factor       REAL,
        avg_holding_seconds REAL,
        trades              INTEGER NOT NULL,
        risk_score          INTEGER,
        track_record_days   INTEGER NOT NULL,
        copiers             INTEGER NOT NULL DEFAULT 0,
        follower_return     REAL,
        partial             INTEGER NOT NULL CHECK (partial IN (0, 1)),
        updated_at          INTEGER NOT NULL,
        PRIMARY KEY (period, strategy_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX leaderboard_by_strategy ON leaderboard_rows (strategy_id);

      CREATE TABLE leaderboard_sparks (
        strategy_id TEXT NOT NULL,
        period      TEXT NOT NULL,
        spark       TEXT NOT NULL CHECK (json_valid(spark)),
        PRIMARY KEY (period, strategy_id),
        FOREIGN KEY (period, strategy_id) REFERENCES leaderboard_rows (period, strategy_id) ON DELETE CASCADE
      ) STRICT;
    `);
  },
};
