import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { tempDir } from '../../helpers/temp-dir';

vi.mock('electron', () => ({}));
const { createSafeStorageSecretStore } = await import('../../../src/main/safe-storage-secret-store');

/** Stands in for the OS keychain: a reversible transform that is not the identity. */
const keychain = (backend = 'gnome_libsecret', available = true) => ({
  isEncryptionAvailable: () => available,
  getSelectedStorageBackend: () => backend as never,
  encryptString: (s: string) => Buffer.from(Buffer.from(s, 'utf8').map((b) => b ^ 0x5a)),
  decryptString: (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a)).toString('utf8'),
});

describe('safeStorage secret store', () => {
  it('stores only encrypted values and reads them back', async () => {
    const file = path.join(tempDir(), 'secrets.safe.json');
    const store = createSafeStorageSecretStore(file, keychain(), 'linux');
    await store.set('binance.secret', 'my-api-secret');
    expect(fs.readFileSync(file, 'utf8')).not.toContain('my-api-secret');
    expect(await store.get('binance.secret')).toBe('my-api-secret');
    expect(await store.has('binance.secret')).toBe(true);
    await store.delete('binance.secret');
    expect(await store.get('binance.secret')).toBeUndefined();
  });

  it('refuses to store anything with the plaintext "basic_text" backend on Linux', async () => {
    const store = createSafeStorageSecretStore(path.join(tempDir(), 's.json'), keychain('basic_text'), 'linux');
    expect(store.available).toBe(false);
    expect(store.unavailableReason).toMatch(/keyring/);
    await expect(store.set('k', 'v')).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });

  it('refuses when the OS offers no encryption at all', async () => {
    const store = createSafeStorageSecretStore(path.join(tempDir(), 's.json'), keychain('unknown', false), 'darwin');
    expect(store.available).toBe(false);
    await expect(store.get('k')).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });
});
