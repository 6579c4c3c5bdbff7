import fs from 'node:fs';
import type { SafeStorage } from 'electron';
import { z } from 'zod';
import { ApiError } from '../shared/contract';
import type { SecretStore } from '../core/ports';

const fileSchema = z.record(z.string(), z.string());

/**
 * Secrets encrypted by the OS keychain through `safeStorage`. Where only the "basic_text" backend
 * exists (no keyring on Linux) the store refuses, as Signal does: no plaintext fallback.
 */
export function createSafeStorageSecretStore(file: string, safeStorage: Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'>, platform: NodeJS.Platform): SecretStore {
  const weakBackend = platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text';
  const available = safeStorage.isEncryptionAvailable() && !weakBackend;
  const unavailableReason = available ? undefined : 'The operating system offers no secure key storage (install and unlock a keyring such as GNOME Keyring or KWallet), so broker keys cannot be saved.';

  const read = (): Record<string, string> => {
    try {
      return fileSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
    } catch {
      return {};
    }
  };
  const write = (entries: Record<string, string>): void => {
    const tmp = `${file}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(entries), { mode: 0o600 });
    fs.renameSync(tmp, file);
  };
  const guard = (): void => {
    if (!available) throw new ApiError('UNAVAILABLE', unavailableReason ?? 'Secure storage is unavailable');
  };

  return {
    available,
    ...(unavailableReason ? { unavailableReason } : {}),
    has: async (name) => {
      guard();
      return Object.hasOwn(read(), name);
    },
    get: async (name) => {
      guard();
      const sealed = read()[name];
      return sealed === undefined ? undefined : safeStorage.decryptString(Buffer.from(sealed, 'base64'));
    },
    set: async (name, value) => {
      guard();
      write({ ...read(), [name]: safeStorage.encryptString(value).toString('base64') });
    },
    delete: async (name) => {
      guard();
      write(Object.fromEntries(Object.entries(read()).filter(([k]) => k !== name)));
    },
  };
}
