import fs from 'node:fs';
import path from 'node:path';
import { ProfileLockedError } from '../store/store-errors';

export interface ProfileLock {
  release(): void;
}

/** Data dirs locked by this process: our own pid in a lock file is only ours if we hold it. */
const heldHere = new Set<string>();

/**
 * One process per profile: two cores on one database would both run the copy executor.
 * A lock left by a dead process is taken over.
 */
export function acquireProfileLock(dataDir: string): ProfileLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'profile.lock');
  if (heldHere.has(file)) throw new ProfileLockedError(dataDir, process.pid);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx', mode: 0o600 });
      heldHere.add(file);
      return {
        release() {
          heldHere.delete(file);
          try {
            if (fs.readFileSync(file, 'utf8') === String(process.pid)) fs.unlinkSync(file);
          } catch {
            // already gone
          }
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number.parseInt(readOr(file, ''), 10);
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) throw new ProfileLockedError(dataDir, pid);
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not lock the data directory ${dataDir}`);
}

function readOr(file: string, fallback: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return fallback;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
