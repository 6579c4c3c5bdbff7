import crypto from 'node:crypto';
import { z } from 'zod';
import { ApiError } from '../../shared/contract';
import { readFileIfExists, writeFileAtomic } from '../fs/write-file-atomic';
import type { SecretStore } from '../ports';

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const SCRYPT = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const CHECK_NAME = '__passphrase_check__';

const sealedSchema = z.object({ iv: z.string(), tag: z.string(), data: z.string() });
const fileSchema = z.object({
  version: z.literal(1),
  salt: z.string(),
  entries: z.record(z.string(), sealedSchema),
});
type SecretsFile = z.infer<typeof fileSchema>;
type Sealed = z.infer<typeof sealedSchema>;

export class WrongPassphraseError extends Error {
  constructor(file: string) {
    super(`The passphrase does not open ${file}. Start with the passphrase the secrets were saved with.`);
    this.name = 'WrongPassphraseError';
  }
}

/**
 * The headless host's secret store: AES-256-GCM with a key derived by scrypt from a passphrase
 * given at start. Without a passphrase it is unavailable — never a plaintext fallback.
 */
export function createEncryptedFileSecretStore(file: string, passphrase: string | undefined): SecretStore {
  if (!passphrase) {
    const reason = 'No passphrase was given at start (use --passphrase-file or IST_PASSPHRASE), so secrets cannot be stored or read.';
    const refuse = (): never => {
      throw new ApiError('UNAVAILABLE', reason);
    };
    return { available: false, unavailableReason: reason, has: async () => refuse(), get: async () => refuse(), set: async () => refuse(), delete: async () => refuse() };
  }

  let state: SecretsFile;
  const existing = readFileIfExists(file);
  if (existing === undefined) {
    state = { version: 1, salt: crypto.randomBytes(16).toString('base64'), entries: {} };
  } else {
    // A damaged file is refused, never replaced: it holds keys we cannot recreate.
    const parsed = fileSchema.safeParse(safeJson(existing));
    if (!parsed.success) throw new Error(`The secrets file ${file} is damaged and was left as it is; restore it from a backup or move it away to start without stored keys.`);
    state = parsed.data;
  }
  const key = crypto.scryptSync(passphrase, Buffer.from(state.salt, 'base64'), 32, SCRYPT);

  const seal = (name: string, value: string): Sealed => {
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(name));
    const data = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
    return { iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
  };
  const open = (name: string, sealed: Sealed): string => {
    const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(Buffer.from(name));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8');
  };
  const persist = (): void => writeFileAtomic(file, JSON.stringify(state));

  const check = state.entries[CHECK_NAME];
  if (check) {
    try {
      open(CHECK_NAME, check);
    } catch {
      throw new WrongPassphraseError(file);
    }
  } else {
    state.entries[CHECK_NAME] = seal(CHECK_NAME, 'ok');
    persist();
  }

  const userName = (name: string): string => {
    if (name === CHECK_NAME || name.length === 0) throw new ApiError('INVALID_PARAMS', `"${name}" is not a valid secret name`);
    return name;
  };

  return {
    available: true,
    has: async (name) => Object.hasOwn(state.entries, userName(name)),
    get: async (name) => {
      const key = userName(name);
      const sealed = Object.hasOwn(state.entries, key) ? state.entries[key] : undefined;
      if (!sealed) return undefined;
      try {
        return open(key, sealed);
      } catch {
        throw new ApiError('UNAVAILABLE', `The stored secret "${key}" cannot be decrypted; enter it again.`);
      }
    },
    set: async (name, value) => {
      state.entries[userName(name)] = seal(name, value);
      persist();
    },
    delete: async (name) => {
      const key = userName(name);
      state = { ...state, entries: Object.fromEntries(Object.entries(state.entries).filter(([k]) => k !== key)) };
      persist();
    },
  };
}
