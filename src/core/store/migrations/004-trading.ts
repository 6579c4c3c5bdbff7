import type { Migration } from './migration';

/**
 * Trading accounts and their orders, fills and positions — the source of trade history. Orders,
 * fills and positions keep their full record as JSON beside the columns queries filter on.
 */
export const migration004: Migration = {
  version: 4,
  name: 'trading',
  up(db) {
    db.exec(`
      CREATE TABLE accounts (
        id          TEXT PRIMARY KEY NOT NULL,
        kind        TEXT NOT NULL,
        created_at  INTEGER NOT NULL,
        -- settings and money as JSON: they change together and are read together
        data        TEXT NOT NULL CHECK (json_valid(data))
      ) STRICT;

      -- ids are UUIDv7 (time-ordered): the clustered key lists an account's orders newest first
      CREATE TABLE orders (
        account_id      TEXT NOT NULL REFERENCES accounts (id),
        id              TEXT NOT NULL,
        client_order_id TEXT NOT NULL,
        symbol          TEXT NOT NULL,
        status          TEXT NOT NULL,
        created_at      INTEGER NOT NULL,
        data            TEXT NOT NULL CHECK (json_valid(data)),
        PRIMARY KEY (account_id, id),
        UNIQUE (account_id, client_order_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX orders_working ON orders (account_id) WHERE status IN ('new', 'partially_filled');

      CREATE TABLE fills (
        account_id TEXT NOT NULL REFERENCES accounts (id),
        seq        INTEGER NOT NULL,
        order_id   TEXT NOT NULL,
        symbol     TEXT NOT NULL,
        time       INTEGER NOT NULL,
        data       TEXT NOT NULL CHECK (json_valid(data)),
        PRIMARY KEY (account_id, seq),
        FOREIGN KEY (account_id, order_id) REFERENCES orders (account_id, id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX fills_by_symbol ON fills (account_id, symbol, seq);
      CREATE INDEX fills_by_time ON fills (account_id, time);

      CREATE TABLE positions (
        account_id TEXT NOT NULL REFERENCES accounts (id),
        symbol     TEXT NOT NULL,
        data       TEXT NOT NULL CHECK (json_valid(data)),
        PRIMARY KEY (account_id, symbol)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
