import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Benchmark } from './bench-types';
import { withTempDir } from './bench-temp-dir';

const ROWS = 1_000_000;
const RUNS = 5;

/**
 * The storage ceiling: 1,000,000 fill-shaped rows in one transaction with a prepared statement,
 * on a file with the profile database's pragmas (WAL, synchronous=NORMAL).
 */
export const sqliteInsert: Benchmark = {
  name: 'sqlite.insert',
  unit: 'rows/s',
  kind: 'throughput',
  async run() {
    return withTempDir('sqlite', async (dir) => {
      const samples: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        const db = new BetterSqlite3(path.join(dir, `run-${run}.db`));
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = NORMAL');
        db.exec('CREATE TABLE fills (id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL, symbol TEXT NOT NULL, side INTEGER NOT NULL, qty REAL NOT NULL, price REAL NOT NULL, fee REAL NOT NULL, ts INTEGER NOT NULL) STRICT');
        const insert = db.prepare('INSERT INTO fills (account_id, symbol, side, qty, price, fee, ts) VALUES (?, ?, ?, ?, ?, ?, ?)');
        const symbols = ['BTC/USDT', 'ETH/USDT', 'AAPL', 'EUR/USD'];
        const t0 = performance.now();
        db.transaction(() => {
          for (let i = 0; i < ROWS; i++) insert.run(i % 7, symbols[i & 3]!, i & 1, 0.001 * (i % 1000), 100 + (i % 500) * 0.01, 0.0001 * (i % 10), 1_700_000_000_000 + i);
        })();
        const seconds = (performance.now() - t0) / 1000;
        const count = (db.prepare('SELECT count(*) AS n FROM fills').get() as { n: number }).n;
        if (count !== ROWS) throw new Error(`expected ${ROWS} rows, found ${count}`);
        db.close();
        samples.push(ROWS / seconds);
      }
      return samples;
    });
  },
};
