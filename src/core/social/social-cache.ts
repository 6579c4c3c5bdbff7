import type { Database } from 'better-sqlite3';
import { z } from 'zod';

/** A cached hub read and when it was fetched. */
export interface CachedEntry {
  value: unknown;
  fetchedAt: number;
}

/** Hub reads kept in SQLite for offline reading; the oldest go first past the size bound. */
export interface SocialCache {
  get(key: string): CachedEntry | undefined;
  put(key: string, value: unknown, fetchedAt: number): void;
  /** Entries and bytes held now. */
  size(): { entries: number; bytes: number };
}

export interface SocialCacheLimits {
  /** Total JSON bytes kept (default 64 MB). */
  maxBytes: number;
  /** Entries kept (default 20,000). */
  maxEntries: number;
}

const DEFAULT_LIMITS: SocialCacheLimits = { maxBytes: 64 * 1024 * 1024, maxEntries: 20_000 };
const rowSchema = z.object({ value: z.string(), fetched_at: z.int() });
const sizeSchema = z.object({ entries: z.int(), bytes: z.int().nullable() });

export function createSocialCache(db: Database, limits: Partial<SocialCacheLimits> = {}, onDamaged?: (key: string) => void): SocialCache {
  const { maxBytes, maxEntries } = { ...DEFAULT_LIMITS, ...limits };
  const select = db.prepare('SELECT value, fetched_at FROM social_cache WHERE key = ?');
  const upsert = db.prepare(
    'INSERT INTO social_cache (key, value, bytes, fetched_at) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, bytes = excluded.bytes, fetched_at = excluded.fetched_at',
  );
  const selectBytes = db.prepare('SELECT bytes FROM social_cache WHERE key = ?').pluck();
  const remove = db.prepare('DELETE FROM social_cache WHERE key = ?');
  const totals = db.prepare('SELECT COUNT(*) AS entries, SUM(bytes) AS bytes FROM social_cache');
  const oldest = db.prepare('SELECT key, bytes FROM social_cache ORDER BY fetched_at, key LIMIT 200');
  const oldestRow = z.object({ key: z.string(), bytes: z.int() });

  // Running totals, read once: every put would otherwise sum the table.
  let { entries, bytes } = readTotals();
  function readTotals(): { entries: number; bytes: number } {
    const t = sizeSchema.parse(totals.get());
    return { entries: t.entries, bytes: t.bytes ?? 0 };
  }

  const evict = db.transaction(() => {
    while (entries > maxEntries || bytes > maxBytes) {
      const rows = z.array(oldestRow).parse(oldest.all());
      if (rows.length === 0) break;
      for (const row of rows) {
        if (entries <= maxEntries && bytes <= maxBytes) break;
        remove.run(row.key);
        entries--;
        bytes -= row.bytes;
      }
    }
  });

  return {
    get(key) {
      const row = select.get(key);
      if (row === undefined) return undefined;
      const parsed = rowSchema.parse(row);
      try {
        return { value: JSON.parse(parsed.value) as unknown, fetchedAt: parsed.fetched_at };
      } catch {
        // The CHECK keeps the JSON valid; anything else is damage: the entry is simply not cached.
        onDamaged?.(key);
        return undefined;
      }
    },
    put(key, value, fetchedAt) {
      const text = JSON.stringify(value);
      const size = Buffer.byteLength(text);
      const previous = z.int().optional().parse(selectBytes.get(key));
      upsert.run(key, text, size, fetchedAt);
      if (previous === undefined) entries++;
      bytes += size - (previous ?? 0);
      if (entries > maxEntries || bytes > maxBytes) evict();
    },
    size: () => ({ entries, bytes }),
  };
}
