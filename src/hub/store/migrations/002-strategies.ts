import type { HubMigration } from './migration';

/**
 * Strategies bound to Ed25519 keys, their verified event streams (unique by strategy and seq, so a
 * stream reads back in one index range) and the copy reports of copier cores. Events are rowid rows:
 * a few hundred bytes each is too wide for a WITHOUT ROWID table.
 */
export const migration002: HubMigration = {
  version: 2,
  name: 'strategies',
  up(db) {
    db.exec(`
      CREATE TABLE strategies (
        strategy_id    TEXT PRIMARY KEY NOT NULL,
        owner_id       TEXT NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
        name           TEXT NOT NULL,
        description    TEXT NOT NULL,
        public_key     TEXT NOT NULL UNIQUE,
        currency       TEXT NOT NULL,
        asset_classes  TEXT NOT NULL CHECK (json_valid(asset_classes)),
        created_at     INTEGER NOT NULL,
        head_seq       INTEGER NOT NULL DEFAULT 0 CHECK (head_seq >= 0),
        head_hash      TEXT NOT NULL,
        head_ts        INTEGER NOT NULL DEFAULT 0,
        head_body_time INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX strategies_by_owner ON strategies (owner_id, created_at);

      CREATE TABLE strategy_events (
        event_id    INTEGER PRIMARY KEY,
        strategy_id TEXT NOT NULL REFERENCES strategies (strategy_id) ON DELETE CASCADE,
        seq         INTEGER NOT NULL CHECK (seq >= 1),
        prev_hash   TEXT NOT NULL,
        hash        TEXT NOT NULL,
        ts          INTEGER NOT NULL,
        type        TEXT NOT NULL CHECK (type IN ('fill', 'mark', 'flow')),
        body        TEXT NOT NULL,
        sig         TEXT NOT NULL,
        received_at INTEGER NOT NULL,
        UNIQUE (strategy_id, seq)
      ) STRICT;

      CREATE TABLE copy_reports (
        user_id            TEXT NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
        follow_id          TEXT NOT NULL,
        strategy_id        TEXT NOT NULL REFERENCES strategies (strategy_id) ON DELETE CASCADE,
        active             INTEGER NOT NULL CHECK (active IN (0, 1)),
        return_since_start REAL,
        updated_at         INTEGER NOT NULL,
        PRIMARY KEY (user_id, follow_id)
      ) STRICT;
      CREATE INDEX copy_reports_by_strategy ON copy_reports (strategy_id, active);
    `);
  },
};
