import { WrongPassphraseError } from '../core/secrets/encrypted-file-secret-store';
import { DatabaseCorruptError, DatabaseFromFutureError, ProfileLockedError } from '../core/store/store-errors';

/** Title and exit code for a core that refused to open, shown in an error dialog. */
export function describeOpenFailure(error: unknown): { title: string; message: string; exitCode: number } {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof DatabaseFromFutureError) return { title: 'Profile from a newer version', message, exitCode: 2 };
  if (error instanceof DatabaseCorruptError) return { title: 'Profile database damaged', message, exitCode: 3 };
  if (error instanceof ProfileLockedError) return { title: 'Profile in use', message, exitCode: 4 };
  if (error instanceof WrongPassphraseError) return { title: 'Wrong passphrase', message, exitCode: 5 };
  return { title: 'Instant Social Trading could not start', message, exitCode: 1 };
}
