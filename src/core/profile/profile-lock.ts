import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { ProfileLockedError } from '../store/store-errors';

export interface ProfileLock {
  release(): void;
}

const LOCK_FILE = 'profile.lock';
const PID_FILE = 'profile.pid';

/**
 * One process per profile: two cores on one database would both run the copy executor. The lock
 * is an exclusive SQLite lock (fcntl / LockFileEx) held for the life of the process, so the OS
 * drops it when the process dies — no stale locks, no pid races. `profile.pid` only names the
 * holder in the message.
 */
export function acquireProfileLock(dataDir: string): ProfileLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockFile = path.join(dataDir, LOCK_FILE);
  const pidFile = path.join(dataDir, PID_FILE);
  let db: Database | undefined;
  try {
    db = openLockDatabase(lockFile);
    db.pragma('locking_mode = EXCLUSIVE');
    // The first write takes the exclusive lock; EXCLUSIVE locking mode keeps it until close.
    db.exec('CREATE TABLE IF NOT EXISTS holder (pid INTEGER NOT NULL); DELETE FROM holder;');
    db.prepare('INSERT INTO holder (pid) VALUES (?)').run(process.pid);
  } catch (error) {
    db?.close();
    if (isBusy(error)) throw new ProfileLockedError(dataDir, readPid(pidFile));
    throw error;
  }
  fs.writeFileSync(pidFile, String(process.pid), { mode: 0o600 });
  const held = db;
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      if (readPid(pidFile) === process.pid) fs.rmSync(pidFile, { force: true });
      held.close();
    },
  };
}

function openLockDatabase(file: string): Database {
  try {
    const db = new BetterSqlite3(file, { timeout: 0 });
    db.pragma('schema_version'); // touches the file: fails here if it is not a database
    return db;
  } catch (error) {
    if (isBusy(error)) throw error;
    // A lock file from an older version (plain text) or a damaged one: nothing in it to keep.
    fs.rmSync(file, { force: true });
    return new BetterSqlite3(file, { timeout: 0 });
  }
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}

function readPid(file: string): number {
  try {
    const pid = Number.parseInt(fs.readFileSync(file, 'utf8'), 10);
    return Number.isInteger(pid) ? pid : 0;
  } catch {
    return 0;
  }
}
