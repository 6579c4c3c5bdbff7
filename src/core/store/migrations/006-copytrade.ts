import type { Migration } from './migration';

/**
 * The copy ledger. The decisions on a leader event — every follow's log entry, intents, ideal
 * and leader seq — are written in one transaction before any order leaves, so a restart resumes
 * every open intent by its deterministic client order id: never a duplicate, never a miss.
 */
export const migration006: Migration = {
  version: 6,
  name: 'copytrade',
  up(db) {
    db.exec(`
      CREATE TABLE copy_follows (
        id            TEXT PRIMARY KEY NOT NULL,
        strategy_id   TEXT    NOT NULL,
        account_id    TEXT    NOT NULL REFERENCES accounts (id),
        state         TEXT    NOT NULL CHECK (state IN ('active', 'paused', 'stopped')),
        created_at    INTEGER NOT NULL,
        -- the last leader event handled, and the leader's head when the follow began
        leader_seq    INTEGER NOT NULL CHECK (leader_seq >= 0),
        start_seq     INTEGER NOT NULL CHECK (start_seq >= 0),
        -- allocation, sizing, guards, strategy name, state reason
        settings      TEXT    NOT NULL CHECK (json_valid(settings))
      ) STRICT;
      CREATE INDEX copy_follows_strategy ON copy_follows (strategy_id) WHERE state <> 'stopped';

      -- the copy's own sub-ledger: per follow and symbol, what it holds (FIFO lots) and what it wants
      CREATE TABLE copy_books (
        follow_id TEXT NOT NULL REFERENCES copy_follows (id),
        symbol    TEXT NOT NULL,
        ideal     REAL NOT NULL,
        qty       REAL NOT NULL,
        lots      TEXT NOT NULL CHECK (json_valid(lots)),
        realized  REAL NOT NULL,
        fees      REAL NOT NULL,
        PRIMARY KEY (follow_id, symbol)
      ) STRICT, WITHOUT ROWID;

      -- one row per order the executor decided to send
      CREATE TABLE copy_intents (
        client_order_id TEXT PRIMARY KEY NOT NULL,
        follow_id       TEXT    NOT NULL REFERENCES copy_follows (id),
        account_id      TEXT    NOT NULL,
        leader_seq      INTEGER,
        status          TEXT    NOT NULL CHECK (status IN ('pending', 'working', 'done', 'unsent')),
        created_at      INTEGER NOT NULL,
        log_id          INTEGER NOT NULL,
        data            TEXT    NOT NULL CHECK (json_valid(data))
      ) STRICT;
      CREATE INDEX copy_intents_open ON copy_intents (follow_id) WHERE status IN ('pending', 'working');
      CREATE INDEX copy_intents_log ON copy_intents (log_id);

      -- the decision on each leader signal; its orders are the intents with its log_id
      CREATE TABLE copy_log (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        follow_id  TEXT    NOT NULL REFERENCES copy_follows (id),
        time       INTEGER NOT NULL,
        leader_seq INTEGER,
        outcome    TEXT    NOT NULL,
        data       TEXT    NOT NULL CHECK (json_valid(data))
      ) STRICT;
      CREATE INDEX copy_log_follow ON copy_log (follow_id, id);

      -- allocation changes (flows of the sub-ledger) and the end-of-day equity of each copy
      CREATE TABLE copy_flows (
        follow_id TEXT    NOT NULL REFERENCES copy_follows (id),
        time      INTEGER NOT NULL,
        amount    REAL    NOT NULL
      ) STRICT;
      CREATE TABLE copy_marks (
        follow_id TEXT    NOT NULL REFERENCES copy_follows (id),
        time      INTEGER NOT NULL,
        equity    REAL    NOT NULL,
        gross     REAL    NOT NULL,
        PRIMARY KEY (follow_id, time)
      ) STRICT, WITHOUT ROWID;

      -- decisions on one leader event for every follow, written as one row before the orders
      -- leave; spread into copy_log, copy_intents, copy_books and leader seqs soon after (and at
      -- the next start if the process died first), then deleted
      CREATE TABLE copy_journal (
        id   INTEGER PRIMARY KEY,
        data TEXT NOT NULL CHECK (json_valid(data))
      ) STRICT;

      -- the last fill of each account attributed to copies (fills are replayed from here after a crash)
      CREATE TABLE copy_fill_cursor (
        account_id TEXT PRIMARY KEY NOT NULL,
        seq        INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
