import type { CopyLogEntry, Follow } from '../../../../shared/contract/copy';

/** A follow's log as loaded so far: newest first, one row per entry id. */
export interface FollowLog {
  entries: CopyLogEntry[];
  /** Where the next (older) page starts; null at the end. */
  nextCursor: string | null;
  status: 'loading' | 'ready' | 'error';
  loadingMore: boolean;
  error: string | null;
}

export const EMPTY_LOG: FollowLog = { entries: [], nextCursor: null, status: 'loading', loadingMore: false, error: null };

/** The follows in the panel's order: running ones first (active, then paused), newest first within each. */
export function orderFollows(byId: Readonly<Record<string, Follow>>): Follow[] {
  const rank = (f: Follow): number => (f.state === 'stopped' ? 1 : 0);
  return Object.values(byId).sort((a, b) => rank(a) - rank(b) || b.createdAt - a.createdAt || (a.followId < b.followId ? -1 : 1));
}

/** Replaces every follow with a fresh list (copy.list), keeping nothing stale. */
export function followsById(list: readonly Follow[]): Record<string, Follow> {
  return Object.fromEntries(list.map((f) => [f.followId, f]));
}

/**
 * Merges log entries into a follow's log: an entry already shown is replaced (its orders fill in
 * after it is first announced), a new one takes its place by id, newest first.
 */
export function mergeEntries(entries: readonly CopyLogEntry[], incoming: readonly CopyLogEntry[]): CopyLogEntry[] {
  if (incoming.length === 0) return entries as CopyLogEntry[];
  const byId = new Map(entries.map((e) => [e.id, e]));
  for (const e of incoming) byId.set(e.id, e);
  return [...byId.values()].sort((a, b) => b.id - a.id);
}

/** A live entry into a loaded log; a log not loaded yet stays unloaded (its first page will have it). */
export function applySignal(logs: Readonly<Record<string, FollowLog>>, entry: CopyLogEntry): Record<string, FollowLog> {
  const log = logs[entry.followId];
  if (!log) return logs as Record<string, FollowLog>;
  return { ...logs, [entry.followId]: { ...log, entries: mergeEntries(log.entries, [entry]) } };
}

