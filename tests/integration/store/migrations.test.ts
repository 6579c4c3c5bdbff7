import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/core/logging/file-logger';
import { LATEST_SCHEMA_VERSION, migrations } from '../../../src/core/store/migrations';
import { openDatabase } from '../../../src/core/store/open-database';
import { tempDir } from '../../helpers/temp-dir';

/** Opens a database migrated up to (and including) `version`. */
function databaseAt(version: number) {
  return openDatabase(path.join(tempDir(), 'profile.db'), { log: silentLogger, migrations: migrations.filter((m) => m.version <= version) });
}

describe('migrations', () => {
  it('are numbered 1..N without gaps, and N is the schema this build writes', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    expect(LATEST_SCHEMA_VERSION).toBe(migrations.length);
  });

  it('apply one after another from an older database', () => {
    const file = path.join(tempDir(), 'profile.db');
    openDatabase(file, { log: silentLogger, migrations: migrations.slice(0, 0) }).close();
    const db = openDatabase(file, { log: silentLogger });
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    db.close();
  });

  it('roll back a failing migration whole, leaving the version where it was', () => {
    const file = path.join(tempDir(), 'profile.db');
    const broken = { version: 2, name: 'broken', up: (db: BetterSqlite3.Database) => db.exec('CREATE TABLE half (x); SELECT * FROM missing_table;') };
    expect(() => openDatabase(file, { log: silentLogger, migrations: [...migrations.slice(0, 1), broken] })).toThrow(/missing_table/);
    const db = new BetterSqlite3(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
    db.close();
  });

  describe('001 settings', () => {
    it('creates a STRICT key/value table that only accepts JSON values', () => {
      const db = databaseAt(1);
      expect(db.pragma('user_version', { simple: true })).toBe(1);
      db.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)').run('ui.theme', '"dark"', 1);
      expect(() => db.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)').run('bad', 'not json', 1)).toThrow(/CHECK constraint/);
      expect(() => db.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)').run('ui.theme', '"light"', 1)).toThrow(/UNIQUE/);
      expect(() => db.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)').run('t', '1', 'yesterday')).toThrow(/cannot store TEXT value in INTEGER column/);
      db.close();
    });
  });
});

describe('002 bars', () => {
  it('keys bars by symbol, timeframe and time, rejects negative volume, and records coverage spans', () => {
    const db = openDatabase(path.join(tempDir(), 'profile.db'), { log: silentLogger, migrations: migrations.filter((m) => m.version <= 2) });
    const insert = db.prepare('INSERT INTO bars (symbol, timeframe, time, open, high, low, close, volume) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    insert.run('BTC/USDT', '1m', 60_000, 1, 2, 0.5, 1.5, 10);
    insert.run('BTC/USDT', '5m', 60_000, 1, 2, 0.5, 1.5, 10);
    expect(() => insert.run('BTC/USDT', '1m', 60_000, 1, 2, 0.5, 1.5, 10)).toThrow(/UNIQUE/);
    expect(() => insert.run('BTC/USDT', '1m', 120_000, 1, 2, 0.5, 1.5, -1)).toThrow(/CHECK/);
    const cover = db.prepare('INSERT INTO bar_coverage (symbol, timeframe, from_time, to_time) VALUES (?, ?, ?, ?)');
    cover.run('BTC/USDT', '1m', 0, 60_000);
    expect(() => cover.run('BTC/USDT', '1m', 100, 100)).toThrow(/CHECK/);
    db.close();
  });
});

describe('003 workspaces', () => {
  it('stores named workspaces as JSON, one per name', () => {
    const db = openDatabase(path.join(tempDir(), 'profile.db'), { log: silentLogger, migrations: migrations.filter((m) => m.version <= 3) });
    const insert = db.prepare('INSERT INTO workspaces (name, state, saved_at) VALUES (?, ?, ?)');
    insert.run('Day trading', '{"version":1}', 1);
    expect(() => insert.run('Day trading', '{}', 2)).toThrow(/UNIQUE/);
    expect(() => insert.run('Broken', '{not json', 2)).toThrow(/CHECK/);
    db.close();
  });
});

describe('004 trading', () => {
  it('keeps one client order id per account, ties fills to stored orders, and numbers fills per account', () => {
    const db = databaseAt(4);
    const json = JSON.stringify({});
    db.prepare('INSERT INTO accounts (id, kind, created_at, data) VALUES (?, ?, ?, ?)').run('a1', 'paper', 1, json);
    db.prepare('INSERT INTO accounts (id, kind, created_at, data) VALUES (?, ?, ?, ?)').run('a2', 'paper', 1, json);
    const order = db.prepare('INSERT INTO orders (account_id, id, client_order_id, symbol, status, created_at, data) VALUES (?, ?, ?, ?, ?, ?, ?)');
    order.run('a1', 'o1', 'c1', 'BTC/USDT', 'new', 1, json);
    order.run('a2', 'o2', 'c1', 'BTC/USDT', 'new', 1, json); // the same client id in another account is fine
    expect(() => order.run('a1', 'o3', 'c1', 'BTC/USDT', 'new', 1, json)).toThrow(/UNIQUE/);
    expect(() => order.run('a1', 'o4', 'c4', 'BTC/USDT', 'new', 1, 'not json')).toThrow(/CHECK/);
    const fill = db.prepare('INSERT INTO fills (account_id, seq, order_id, symbol, time, data) VALUES (?, ?, ?, ?, ?, ?)');
    fill.run('a1', 1, 'o1', 'BTC/USDT', 1, json);
    expect(() => fill.run('a1', 2, 'o2', 'BTC/USDT', 1, json)).toThrow(/FOREIGN KEY/); // o2 is another account's
    expect(() => fill.run('a1', 1, 'o1', 'BTC/USDT', 1, json)).toThrow(/UNIQUE|PRIMARY/);
    db.prepare('INSERT INTO positions (account_id, symbol, data) VALUES (?, ?, ?)').run('a1', 'BTC/USDT', json);
    expect(db.prepare("SELECT id FROM orders WHERE account_id = 'a1' AND status IN ('new', 'partially_filled')").pluck().all()).toEqual(['o1']);
    db.close();
  });
});

describe('005 social', () => {
  it('caches JSON reads, keeps one verified event per strategy and seq, and one active publication per account', () => {
    const db = databaseAt(5);
    const cache = db.prepare('INSERT INTO social_cache (key, value, bytes, fetched_at) VALUES (?, ?, ?, ?)');
    cache.run('embedded\n-\nfeed.get\n{}', '{"posts":[]}', 12, 1);
    expect(() => cache.run('k2', 'not json', 8, 1)).toThrow(/CHECK/);
    expect(() => cache.run('embedded\n-\nfeed.get\n{}', '{}', 2, 2)).toThrow(/UNIQUE|PRIMARY/);

    const event = db.prepare('INSERT INTO strategy_events (strategy_id, seq, prev_hash, hash, ts, type, time, body, sig) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    event.run('st_a', 1, '0'.repeat(64), 'h1', 1, 'mark', 1, '{"type":"mark"}', 's');
    expect(() => event.run('st_a', 1, 'h1', 'h2', 2, 'mark', 2, '{}', 's')).toThrow(/UNIQUE|PRIMARY/);
    expect(() => event.run('st_a', 2, 'h1', 'h2', 2, 'trade', 2, '{}', 's')).toThrow(/CHECK/);
    expect(() => event.run('st_a', 0, 'h1', 'h2', 2, 'mark', 2, '{}', 's')).toThrow(/CHECK/);
    db.prepare('INSERT INTO strategy_heads (strategy_id, public_key, seq, hash, ts, body_time, hub_head_seq, problem, checked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run('st_a', 'k', 1, 'h1', 1, 1, 1, null, 1);

    db.prepare('INSERT INTO accounts (id, kind, created_at, data) VALUES (?, ?, ?, ?)').run('a1', 'paper', 1, '{}');
    const publish = db.prepare(
      'INSERT INTO published_strategies (strategy_id, account_id, hub, owner_id, public_key, active, created_at, stopped_at, seq, head_hash, head_ts, body_time, state) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, 0, ?, 0, 0, ?)',
    );
    publish.run('st_1', 'a1', 'embedded', 'u_1', 'k1', 1, 1, '0'.repeat(64), '{}');
    expect(() => publish.run('st_2', 'a1', 'embedded', 'u_1', 'k2', 1, 2, '0'.repeat(64), '{}')).toThrow(/UNIQUE/);
    publish.run('st_3', 'a1', 'embedded', 'u_1', 'k3', 0, 3, '0'.repeat(64), '{}'); // a stopped one may share the account
    expect(() => publish.run('st_4', 'nope', 'embedded', 'u_1', 'k4', 1, 4, '0'.repeat(64), '{}')).toThrow(/FOREIGN KEY/);

    const outbox = db.prepare('INSERT INTO strategy_outbox (strategy_id, seq, event, created_at, acked_at) VALUES (?, ?, ?, ?, ?)');
    outbox.run('st_1', 1, '{}', 1, null);
    outbox.run('st_1', 2, '{}', 1, null);
    expect(() => outbox.run('st_1', 2, '{}', 1, null)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => outbox.run('st_missing', 1, '{}', 1, null)).toThrow(/FOREIGN KEY/);
    expect(db.prepare('SELECT seq FROM strategy_outbox WHERE strategy_id = ? AND acked_at IS NULL ORDER BY seq').pluck().all('st_1')).toEqual([1, 2]);
    db.close();
  });
});

describe('006 copytrade', () => {
  it('ties follows to accounts, keeps one book per follow and symbol, and one intent per client order id', () => {
    const db = databaseAt(6);
    db.prepare('INSERT INTO accounts (id, kind, created_at, data) VALUES (?, ?, ?, ?)').run('a1', 'paper', 1, '{}');
    const follow = db.prepare('INSERT INTO copy_follows (id, strategy_id, account_id, state, created_at, leader_seq, start_seq, settings) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    follow.run('f_1', 'st_a', 'a1', 'active', 1, 0, 0, '{}');
    expect(() => follow.run('f_2', 'st_a', 'nope', 'active', 1, 0, 0, '{}')).toThrow(/FOREIGN KEY/);
    expect(() => follow.run('f_3', 'st_a', 'a1', 'running', 1, 0, 0, '{}')).toThrow(/CHECK/);
    expect(() => follow.run('f_4', 'st_a', 'a1', 'active', 1, -1, 0, '{}')).toThrow(/CHECK/);

    const book = db.prepare('INSERT INTO copy_books (follow_id, symbol, ideal, qty, lots, realized, fees) VALUES (?, ?, ?, ?, ?, ?, ?)');
    book.run('f_1', 'BTC/USD', 0.1, 0.1, '[]', 0, 0);
    expect(() => book.run('f_1', 'BTC/USD', 0.2, 0.2, '[]', 0, 0)).toThrow(/UNIQUE|PRIMARY/);

    const intent = db.prepare('INSERT INTO copy_intents (client_order_id, follow_id, account_id, leader_seq, status, created_at, log_id, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    intent.run('cp_x', 'f_1', 'a1', 7, 'pending', 1, 1, '{}');
    expect(() => intent.run('cp_x', 'f_1', 'a1', 8, 'pending', 1, 1, '{}')).toThrow(/UNIQUE|PRIMARY/);
    expect(() => intent.run('cp_y', 'f_1', 'a1', 8, 'lost', 1, 1, '{}')).toThrow(/CHECK/);
    expect(db.prepare("SELECT client_order_id FROM copy_intents WHERE status IN ('pending', 'working')").pluck().all()).toEqual(['cp_x']);
    db.close();
  });
});
