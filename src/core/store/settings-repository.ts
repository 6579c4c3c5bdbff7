import type { Database } from 'better-sqlite3';
import { z } from 'zod';

const rowSchema = z.object({ value: z.string() });

/** Profile settings as JSON values; callers parse what they read with their own schema. */
export interface SettingsRepository {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

export function createSettingsRepository(db: Database, now: () => number): SettingsRepository {
  const select = db.prepare('SELECT value FROM settings WHERE key = ?');
  const upsert = db.prepare(
    'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
  );
  const remove = db.prepare('DELETE FROM settings WHERE key = ?');
  return {
    get(key) {
      const row = select.get(key);
      return row === undefined ? undefined : (JSON.parse(rowSchema.parse(row).value) as unknown);
    },
    set(key, value) {
      upsert.run(key, JSON.stringify(value), now());
    },
    delete(key) {
      remove.run(key);
    },
  };
}
