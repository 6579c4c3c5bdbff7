import path from 'node:path';
import type { ProfilePaths } from '../ports';

/** The standard layout of a profile's data directory. */
export function profilePaths(dataDir: string): ProfilePaths {
  const root = path.resolve(dataDir);
  return {
    dataDir: root,
    database: path.join(root, 'profile.db'),
    logsDir: path.join(root, 'logs'),
    backupsDir: path.join(root, 'backups'),
  };
}
