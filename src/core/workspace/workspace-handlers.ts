import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { ApiError, type Handlers } from '../../shared/contract';
import { workspaceStateSchema, type WorkspaceState } from '../../shared/workspace/workspace-schema';
import type { Clock, Logger } from '../ports';
import type { SettingsRepository } from '../store/settings-repository';

export type WorkspaceHandlers = Pick<Handlers, 'workspace.current' | 'workspace.saveCurrent' | 'workspace.list' | 'workspace.save' | 'workspace.load' | 'workspace.delete'>;

const CURRENT_KEY = 'workspace.current';
const rowSchema = z.object({ name: z.string(), state: z.string(), saved_at: z.int() });

export function createWorkspaceHandlers(db: Database, settings: SettingsRepository, clock: Clock, log: Logger): WorkspaceHandlers {
  const list = db.prepare('SELECT name, state, saved_at FROM workspaces ORDER BY saved_at DESC, name');
  const get = db.prepare('SELECT name, state, saved_at FROM workspaces WHERE name = ?');
  const upsert = db.prepare('INSERT INTO workspaces (name, state, saved_at) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE SET state = excluded.state, saved_at = excluded.saved_at');
  const remove = db.prepare('DELETE FROM workspaces WHERE name = ?');

  /** A stored workspace that no longer parses (hand-edited, damaged) is reported, not trusted. */
  const parseStored = (raw: unknown, what: string): WorkspaceState => {
    const parsed = workspaceStateSchema.safeParse(raw);
    if (!parsed.success) {
      log.warn({ what, issues: parsed.error.issues.length }, 'stored workspace is invalid');
      throw new ApiError('CONFLICT', `The stored workspace ${what} is damaged and cannot be opened`);
    }
    return parsed.data;
  };

  return {
    'workspace.current': () => {
      const raw = settings.get(CURRENT_KEY);
      if (raw === undefined) return null;
      const parsed = workspaceStateSchema.safeParse(raw);
      // A damaged current workspace must not keep the app from starting: fall back to the default.
      return parsed.success ? parsed.data : null;
    },
    'workspace.saveCurrent': ({ workspace }) => {
      const now = clock.now();
      settings.set(CURRENT_KEY, workspace);
      return { savedAt: new Date(now).toISOString() };
    },
    'workspace.list': () =>
      list.all().map((r) => {
        const row = rowSchema.parse(r);
        return { name: row.name, savedAt: new Date(row.saved_at).toISOString() };
      }),
    'workspace.save': ({ name, workspace }) => {
      const now = clock.now();
      upsert.run(name, JSON.stringify(workspace), now);
      return { name, savedAt: new Date(now).toISOString() };
    },
    'workspace.load': ({ name }) => {
      const r = get.get(name);
      if (r === undefined) throw new ApiError('NOT_FOUND', `There is no workspace named "${name}"`);
      const row = rowSchema.parse(r);
      return parseStored(JSON.parse(row.state), `"${name}"`);
    },
    'workspace.delete': ({ name }) => ({ deleted: remove.run(name).changes > 0 }),
  };
}
