import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEncryptedFileSecretStore, WrongPassphraseError } from '../../../src/core/secrets/encrypted-file-secret-store';
import { tempDir } from '../../helpers/temp-dir';

describe('headless secret store (scrypt + AES-256-GCM)', () => {
  it('round-trips secrets across restarts and never writes them in plaintext', async () => {
    const file = path.join(tempDir(), 'secrets.enc.json');
    const store = createEncryptedFileSecretStore(file, 'pass phrase');
    await store.set('okx.secret', 'very-secret-value');
    const onDisk = fs.readFileSync(file, 'utf8');
    expect(onDisk).not.toContain('very-secret-value');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const reopened = createEncryptedFileSecretStore(file, 'pass phrase');
    expect(await reopened.get('okx.secret')).toBe('very-secret-value');
    await reopened.delete('okx.secret');
    expect(await reopened.has('okx.secret')).toBe(false);
  });

  it('refuses to open with the wrong passphrase, leaving the file as it was', async () => {
    const file = path.join(tempDir(), 'secrets.enc.json');
    await createEncryptedFileSecretStore(file, 'right').set('k', 'v');
    const before = fs.readFileSync(file);
    expect(() => createEncryptedFileSecretStore(file, 'wrong')).toThrow(WrongPassphraseError);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('is unavailable without a passphrase and says how to give one', async () => {
    const file = path.join(tempDir(), 'secrets.enc.json');
    const store = createEncryptedFileSecretStore(file, undefined);
    expect(store.available).toBe(false);
    expect(store.unavailableReason).toMatch(/--passphrase-file or IST_PASSPHRASE/);
    await expect(store.set('k', 'v')).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(fs.existsSync(file)).toBe(false);
  });

  it('binds each ciphertext to its name, so entries cannot be swapped on disk', async () => {
    const file = path.join(tempDir(), 'secrets.enc.json');
    const store = createEncryptedFileSecretStore(file, 'p');
    await store.set('a', 'alpha');
    await store.set('b', 'beta');
    const json = JSON.parse(fs.readFileSync(file, 'utf8')) as { entries: Record<string, unknown> };
    [json.entries.a, json.entries.b] = [json.entries.b, json.entries.a];
    fs.writeFileSync(file, JSON.stringify(json));
    await expect(createEncryptedFileSecretStore(file, 'p').get('a')).rejects.toThrow();
  });
});
