import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';

export interface BackupResult {
  path: string;
  bytes: number;
  createdAt: string;
}

export interface DatabaseBackups {
  /** Online backup (SQLite's backup API): consistent while the app keeps writing. */
  run(now: number): Promise<BackupResult>;
  /** Resolves when no backup is running (before the database closes). */
  idle(): Promise<void>;
}

/**
 * Backups run one at a time and are written as `.partial` first, so a crash never leaves a
 * truncated file that looks like a good backup.
 */
export function createDatabaseBackups(db: Database, backupsDir: string): DatabaseBackups {
  let chain: Promise<unknown> = Promise.resolve();
  const runOne = async (now: number): Promise<BackupResult> => {
    fs.mkdirSync(backupsDir, { recursive: true });
    const createdAt = new Date(now).toISOString();
    const stamp = createdAt.replace(/[:.]/g, '-');
    let target = path.join(backupsDir, `profile-${stamp}.db`);
    for (let n = 2; fs.existsSync(target); n++) target = path.join(backupsDir, `profile-${stamp}-${n}.db`);
    const partial = `${target}.partial`;
    try {
      await db.backup(partial);
      fs.renameSync(partial, target);
    } catch (error) {
      fs.rmSync(partial, { force: true });
      throw error;
    }
    return { path: target, bytes: fs.statSync(target).size, createdAt };
  };
  return {
    run(now) {
      const next = chain.then(() => runOne(now));
      chain = next.catch(() => undefined);
      return next;
    },
    idle: () => chain.then(() => undefined),
  };
}
