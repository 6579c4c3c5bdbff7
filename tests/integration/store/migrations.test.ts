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
