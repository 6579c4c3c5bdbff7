import type { SafeStorage } from 'electron';
import { z } from 'zod';
import { ApiError } from '../shared/contract';
import { readFileIfExists, writeFileAtomic } from '../core/fs/write-file-atomic';
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
    const text = readFileIfExists(file);
    if (text === undefined) return {};
    // A damaged file is refused, never overwritten: it holds keys we cannot recreate.
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const parsed = fileSchema.safeParse(json);
    if (!parsed.success) throw new ApiError('UNAVAILABLE', `The secrets file ${file} is damaged and was left as it is; restore it from a backup or move it away.`);
    return parsed.data;
  };
  const write = (entries: Record<string, string>): void => writeFileAtomic(file, JSON.stringify(entries));
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
      const entries = read();
      if (!Object.hasOwn(entries, name)) return undefined;
      try {
        return safeStorage.decryptString(Buffer.from(entries[name]!, 'base64'));
      } catch {
        throw new ApiError('UNAVAILABLE', `The stored secret "${name}" cannot be decrypted (the OS keychain changed?); enter it again.`);
      }
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
