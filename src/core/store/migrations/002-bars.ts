import type { Migration } from './migration';

/**
 * The bar cache: one row per (symbol, timeframe, bar start), clustered on that key so a range
 * read is one index walk. `bar_coverage` records the spans already fetched from a feed, so a
 * closed market (no bars) is not mistaken for a gap.
 */
export const migration002: Migration = {
  version: 2,
  name: 'bars',
  up(db) {
    db.exec(`
      CREATE TABLE bars (
        symbol    TEXT    NOT NULL,
        timeframe TEXT    NOT NULL,
        time      INTEGER NOT NULL,
        open      REAL    NOT NULL,
        high      REAL    NOT NULL,
        low       REAL    NOT NULL,
        close     REAL    NOT NULL,
        volume    REAL    NOT NULL CHECK (volume >= 0),
        PRIMARY KEY (symbol, timeframe, time)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE bar_coverage (
        symbol    TEXT    NOT NULL,
        timeframe TEXT    NOT NULL,
        from_time INTEGER NOT NULL,
        to_time   INTEGER NOT NULL CHECK (to_time > from_time),
        PRIMARY KEY (symbol, timeframe, from_time)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
