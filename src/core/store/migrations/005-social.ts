import type { Migration } from './migration';

/**
 * The social client's state: an offline cache of hub reads, the verified events of strategies this
 * profile reads (and the head each chain was verified to), and the strategies it publishes with
 * their signed events — written in the same transaction that advances the chain, and kept after the
 * hub acknowledged them, so a hub that lost events can be sent them again.
 */
export const migration005: Migration = {
  version: 5,
  name: 'social',
  up(db) {
    db.exec(`
      -- hub reads keyed by their normalised request; the oldest are evicted past a size bound
      CREATE TABLE social_cache (
        key        TEXT PRIMARY KEY NOT NULL,
        value      TEXT NOT NULL CHECK (json_valid(value)),
        bytes      INTEGER NOT NULL CHECK (bytes >= 0),
        fetched_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX social_cache_age ON social_cache (fetched_at);

      -- only events whose signature and chain this core checked
      CREATE TABLE strategy_events (
        strategy_id TEXT    NOT NULL,
        seq         INTEGER NOT NULL CHECK (seq >= 1),
        prev_hash   TEXT    NOT NULL,
        hash        TEXT    NOT NULL,
        ts          INTEGER NOT NULL,
        type        TEXT    NOT NULL CHECK (type IN ('fill', 'mark', 'flow')),
        time        INTEGER NOT NULL,
        body        TEXT    NOT NULL CHECK (json_valid(body)),
        sig         TEXT    NOT NULL,
        PRIMARY KEY (strategy_id, seq)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE strategy_heads (
        strategy_id  TEXT PRIMARY KEY NOT NULL,
        public_key   TEXT    NOT NULL,
        seq          INTEGER NOT NULL CHECK (seq >= 0),
        hash         TEXT    NOT NULL,
        ts           INTEGER NOT NULL,
        body_time    INTEGER NOT NULL,
        -- the head the hub last claimed, and what the last check found (null: nothing wrong)
        hub_head_seq INTEGER NOT NULL CHECK (hub_head_seq >= 0),
        problem      TEXT CHECK (problem IS NULL OR json_valid(problem)),
        checked_at   INTEGER
      ) STRICT;

      CREATE TABLE published_strategies (
        strategy_id TEXT PRIMARY KEY NOT NULL,
        account_id  TEXT    NOT NULL REFERENCES accounts (id),
        -- the hub it was created at ('embedded' or its URL) and the member who owns it there
        hub         TEXT    NOT NULL,
        owner_id    TEXT    NOT NULL,
        public_key  TEXT    NOT NULL,
        active      INTEGER NOT NULL CHECK (active IN (0, 1)),
        created_at  INTEGER NOT NULL,
        stopped_at  INTEGER,
        seq         INTEGER NOT NULL CHECK (seq >= 0),
        head_hash   TEXT    NOT NULL,
        head_ts     INTEGER NOT NULL,
        body_time   INTEGER NOT NULL,
        -- metadata and publishing state (positions, last fill, last mark day) as JSON
        state       TEXT    NOT NULL CHECK (json_valid(state))
      ) STRICT;
      CREATE UNIQUE INDEX published_strategies_active_account ON published_strategies (account_id) WHERE active = 1;

      CREATE TABLE strategy_outbox (
        strategy_id TEXT    NOT NULL REFERENCES published_strategies (strategy_id),
        seq         INTEGER NOT NULL CHECK (seq >= 1),
        event       TEXT    NOT NULL CHECK (json_valid(event)),
        created_at  INTEGER NOT NULL,
        acked_at    INTEGER,
        PRIMARY KEY (strategy_id, seq)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX strategy_outbox_pending ON strategy_outbox (strategy_id, seq) WHERE acked_at IS NULL;
    `);
  },
};
