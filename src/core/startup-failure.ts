import { WrongPassphraseError } from './secrets/encrypted-file-secret-store';
import { DatabaseCorruptError, DatabaseFromFutureError, ProfileLockedError } from './store/store-errors';

export interface StartupFailure {
  /** Stable code for scripts and logs. */
  code: 'DATABASE_FROM_FUTURE' | 'DATABASE_CORRUPT' | 'PROFILE_LOCKED' | 'WRONG_PASSPHRASE' | 'STARTUP_FAILED';
  title: string;
  message: string;
  /** Process exit code, the same for both hosts (documented in the user guide). */
  exitCode: number;
}

/** Why a core could not open, for the headless CLI (stderr + exit code) and Electron (dialog + exit code). */
export function describeStartupFailure(error: unknown): StartupFailure {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof DatabaseFromFutureError) return { code: 'DATABASE_FROM_FUTURE', title: 'Profile from a newer version', message, exitCode: 2 };
  if (error instanceof DatabaseCorruptError) return { code: 'DATABASE_CORRUPT', title: 'Profile database damaged', message, exitCode: 3 };
  if (error instanceof ProfileLockedError) return { code: 'PROFILE_LOCKED', title: 'Profile in use', message, exitCode: 4 };
  if (error instanceof WrongPassphraseError) return { code: 'WRONG_PASSPHRASE', title: 'Wrong passphrase', message, exitCode: 5 };
  return { code: 'STARTUP_FAILED', title: 'Instant Social Trading could not start', message, exitCode: 1 };
}
