import fs from 'node:fs';
import type { Database } from 'better-sqlite3';
import type { Handlers, HostKind, SystemStatus } from '../../shared/contract';
import type { Clock, ProfilePaths } from '../ports';
import type { DatabaseBackups } from '../store/backup';
import { schemaVersion } from '../store/open-database';

export type SystemHandlers = Pick<Handlers, 'system.info' | 'system.backup'>;

export interface SystemDeps {
  db: Database;
  clock: Clock;
  paths: ProfilePaths;
  app: { name: string; version: string; host: HostKind };
  startedAt: number;
  backups: DatabaseBackups;
}

export function createSystemHandlers(deps: SystemDeps): SystemHandlers {
  return {
    'system.info': () => ({
      app: deps.app.name,
      version: deps.app.version,
      host: deps.app.host,
      dataDir: deps.paths.dataDir,
      schemaVersion: schemaVersion(deps.db),
      startedAt: new Date(deps.startedAt).toISOString(),
    }),
    'system.backup': () => deps.backups.run(deps.clock.now()),
  };
}

/** The heartbeat payload of `system.status`. */
export function systemStatus(deps: SystemDeps, state: SystemStatus['state']): SystemStatus {
  const now = deps.clock.now();
  return {
    state,
    time: new Date(now).toISOString(),
    uptimeSeconds: Math.max(0, (now - deps.startedAt) / 1000),
    databaseBytes: fileSize(deps.paths.database) + fileSize(`${deps.paths.database}-wal`),
  };
}

function fileSize(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}
