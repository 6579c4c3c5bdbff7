import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import type { Logger } from '../ports';
import { migrations as allMigrations, type Migration } from './migrations';
import { DatabaseCorruptError, DatabaseFromFutureError } from './store-errors';

export interface OpenDatabaseOptions {
  log: Logger;
  /** For migration tests: apply only these. */
  migrations?: readonly Migration[];
}

/**
 * Opens (creating if needed) a profile database: checks it read-only first so a database from a
 * newer app or a corrupt file is refused without a single byte changed, then migrates.
 */
/** About 40 MB of WAL before a commit checkpoints by itself. */
export const WAL_AUTOCHECKPOINT_PAGES = 10_000;

export function openDatabase(file: string, options: OpenDatabaseOptions): Database {
  const migrations = options.migrations ?? allMigrations;
  const latest = migrations.at(-1)?.version ?? 0;
  if (fs.existsSync(file)) preflight(file, latest);

  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new BetterSqlite3(file);
  try {
    db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode survives an app crash; broker-side idempotency covers power loss.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // Checkpoints run on the core's timer (see checkpointer.ts), not inside some order's commit;
    // this is only the backstop for a WAL that grows between two timer runs.
    db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
    migrate(db, migrations, options.log);
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
    if (version > latest) throw new DatabaseFromFutureError(file, version, latest);
    const rows = db.pragma('quick_check') as Array<{ quick_check: string }>;
    const problems = rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
    if (problems.length > 0) throw new DatabaseCorruptError(file, problems);
  } catch (error) {
    if (error instanceof DatabaseFromFutureError || error instanceof DatabaseCorruptError) throw error;
    // SQLITE_NOTADB, SQLITE_CORRUPT and friends: the file is not a usable database.
    const message = error instanceof Error ? error.message : String(error);
    throw new DatabaseCorruptError(file, [message]);
  } finally {
    db?.close();
  }
}

/** Applies pending migrations, one transaction each, recording the version in `user_version`. */
export function migrate(db: Database, migrations: readonly Migration[], log: Logger): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
    log.info({ version: migration.version, name: migration.name }, 'migration applied');
  }
}

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}
