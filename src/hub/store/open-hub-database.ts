import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import type { HubLogger } from '../hub-api';
import { hubMigrations, type HubMigration } from './migrations';
import { HubDatabaseCorruptError, HubDatabaseFromFutureError } from './hub-store-errors';

/** The hub's database file in its data directory. */
export const HUB_DB_FILE = 'hub.db';

export interface OpenHubDatabaseOptions {
  log: HubLogger;
  /** For migration tests: apply only these. */
  migrations?: readonly HubMigration[];
}

/**
 * Opens (creating if needed) `hub.db`: checks it read-only first, so a database from a newer hub
 * or a damaged file is refused without a byte changed, then applies pending migrations.
 */
export function openHubDatabase(file: string, options: OpenHubDatabaseOptions): Database {
  const migrations = options.migrations ?? hubMigrations;
  const latest = migrations.at(-1)?.version ?? 0;
  if (fs.existsSync(file)) preflight(file, latest);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new BetterSqlite3(file);
  try {
    db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode survives a hub crash; a publisher re-sends what was not acknowledged.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrateHubDatabase(db, migrations, options.log);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function preflight(file: string, latest: number): void {
  let db: Database | undefined;
  try {
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > latest) throw new HubDatabaseFromFutureError(file, version, latest);
    const rows = db.pragma('quick_check') as Array<{ quick_check: string }>;
    const problems = rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
    if (problems.length > 0) throw new HubDatabaseCorruptError(file, problems);
  } catch (error) {
    if (error instanceof HubDatabaseFromFutureError || error instanceof HubDatabaseCorruptError) throw error;
    throw new HubDatabaseCorruptError(file, [error instanceof Error ? error.message : String(error)]);
  } finally {
    db?.close();
  }
}

/** Applies pending migrations, one transaction each, recording the version in `user_version`. */
export function migrateHubDatabase(db: Database, migrations: readonly HubMigration[], log: HubLogger): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
    log.info({ version: migration.version, name: migration.name }, 'hub migration applied');
  }
}
