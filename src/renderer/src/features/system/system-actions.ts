import type { ApiClient } from '../../api/api-client';
import { errorMessage } from '../../api/error-message';
import { useActivity } from '../activity/activity-store';
import { useToasts } from '../toasts/toast-store';

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
}

/** Backs up the profile database and reports the outcome in a toast and the activity log. */
export async function backupProfile(api: ApiClient): Promise<void> {
  const { push } = useToasts.getState();
  const { add } = useActivity.getState();
  add('info', 'Backup started');
  try {
    const result = await api.call('system.backup');
    push({ kind: 'success', title: 'Backup written', detail: `${result.path} (${formatBytes(result.bytes)})` });
    add('info', `Backup written: ${result.path}`);
  } catch (error) {
    const message = errorMessage(error);
    push({ kind: 'error', title: 'Backup failed', detail: message });
    add('error', `Backup failed: ${message}`);
  }
}
