import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';

export interface BackupResult {
  path: string;
  bytes: number;
  createdAt: string;
}

/** Online backup (SQLite's backup API): consistent while the app keeps writing. */
export async function backupDatabase(db: Database, backupsDir: string, now: number): Promise<BackupResult> {
  fs.mkdirSync(backupsDir, { recursive: true });
  const createdAt = new Date(now).toISOString();
  const stamp = createdAt.replace(/[:.]/g, '-');
  let target = path.join(backupsDir, `profile-${stamp}.db`);
  for (let n = 2; fs.existsSync(target); n++) target = path.join(backupsDir, `profile-${stamp}-${n}.db`);
  await db.backup(target);
  return { path: target, bytes: fs.statSync(target).size, createdAt };
}
