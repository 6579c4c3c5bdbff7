import os from 'node:os';
import path from 'node:path';
import { APP_NAME } from '../shared/app-info';

/** The same folder Electron uses for `userData`, so both hosts open the same profile. */
export function defaultDataDir(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, home = os.homedir()): string {
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_NAME);
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), APP_NAME);
}
