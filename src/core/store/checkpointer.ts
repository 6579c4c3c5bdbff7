import type { Database } from 'better-sqlite3';
import type { Logger } from '../ports';

/**
 * Folds the WAL back into the database on a timer, between events rather than inside a commit, so
 * no order acknowledgement waits for a checkpoint's fsync. PASSIVE never blocks readers or writers.
 */
export function startCheckpointer(db: Database, log: Logger, everyMs = 2000): () => void {
  const timer = setInterval(() => {
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch (error) {
      log.warn({ err: String(error) }, 'WAL checkpoint failed');
    }
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
