import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/core/logging/file-logger';
import { LATEST_SCHEMA_VERSION } from '../../../src/core/store/migrations';
import { openDatabase } from '../../../src/core/store/open-database';
import { DatabaseCorruptError, DatabaseFromFutureError } from '../../../src/core/store/store-errors';
import { tempDir } from '../../helpers/temp-dir';

describe('opening the profile database', () => {
  it('creates it in WAL mode with foreign keys and a busy timeout, fully migrated', () => {
    const file = path.join(tempDir(), 'nested', 'profile.db');
    const db = openDatabase(file, { log: silentLogger });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    db.close();
  });

  it('keeps data and version across reopenings', () => {
    const file = path.join(tempDir(), 'profile.db');
    const first = openDatabase(file, { log: silentLogger });
    first.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)').run('k', '1', 1);
    first.close();
    const second = openDatabase(file, { log: silentLogger });
    expect(second.prepare('SELECT value FROM settings WHERE key = ?').get('k')).toEqual({ value: '1' });
    second.close();
  });

  it('refuses a database from a newer app with a clear message and leaves it byte-identical', () => {
    const file = path.join(tempDir(), 'profile.db');
    const future = new BetterSqlite3(file);
    future.exec('CREATE TABLE from_the_future (x); INSERT INTO from_the_future VALUES (1);');
    future.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    future.close();
    const before = fs.readFileSync(file);
    const error = (() => {
      try {
        openDatabase(file, { log: silentLogger });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(DatabaseFromFutureError);
    expect((error as Error).message).toMatch(new RegExp(`schema version ${LATEST_SCHEMA_VERSION + 5}.*only knows up to ${LATEST_SCHEMA_VERSION}.*not modified`, 's'));
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['profile.db']);
  });

  it('refuses a file that is not a database, unchanged, pointing at the backups', () => {
    const file = path.join(tempDir(), 'profile.db');
    fs.writeFileSync(file, 'this is not sqlite'.repeat(100));
    const before = fs.readFileSync(file);
    expect(() => openDatabase(file, { log: silentLogger })).toThrow(DatabaseCorruptError);
    expect(() => openDatabase(file, { log: silentLogger })).toThrow(/backups/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a database whose pages are damaged (quick_check fails)', () => {
    const file = path.join(tempDir(), 'profile.db');
    const db = new BetterSqlite3(file);
    db.pragma('page_size = 4096');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT); CREATE INDEX t_v ON t(v);');
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    db.transaction(() => {
      for (let i = 0; i < 2000; i++) insert.run(`value-${i}-${'x'.repeat(50)}`);
    })();
    db.close();
    // Scribble over a page in the middle of the file (the table/index b-trees), keeping the header.
    const bytes = fs.readFileSync(file);
    bytes.fill(0xff, 4096 * 5, 4096 * 5 + 4096);
    fs.writeFileSync(file, bytes);
    expect(() => openDatabase(file, { log: silentLogger })).toThrow(DatabaseCorruptError);
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  });
});
