import { z } from 'zod';
import { userProfileSchema, type UserProfile } from '../../shared/social/social-types';
import type { Logger, SecretStore } from '../ports';

/** A member's session at one hub. The token is a secret: kept encrypted, never logged. */
export interface StoredSession {
  /** Which hub it belongs to: 'embedded' or the remote hub's URL. */
  hub: string;
  token: string;
  expiresAt: number;
  user: UserProfile;
}

/** Where the session lives between runs: the secret store when it can encrypt, else memory only. */
export interface SessionKeeper {
  /** Whether a restart stays signed in. */
  readonly persistent: boolean;
  /** Why it does not, when not persistent. */
  readonly reason: string | undefined;
  load(): Promise<StoredSession | null>;
  save(session: StoredSession): Promise<void>;
  clear(): Promise<void>;
}

const SECRET_NAME = 'hub.session';
const storedSchema = z.object({ hub: z.string(), token: z.string().min(16).max(128), expiresAt: z.int(), user: userProfileSchema });

export function createSessionKeeper(secrets: SecretStore, log: Logger): SessionKeeper {
  let memory: StoredSession | null = null;
  if (!secrets.available) {
    return {
      persistent: false,
      reason: secrets.unavailableReason ?? 'no secret store',
      load: async () => memory,
      save: async (session) => {
        memory = session;
      },
      clear: async () => {
        memory = null;
      },
    };
  }
  return {
    persistent: true,
    reason: undefined,
    async load() {
      let text: string | undefined;
      try {
        text = await secrets.get(SECRET_NAME);
      } catch (error) {
        log.warn({ err: error instanceof Error ? error.message : String(error) }, 'the stored hub session cannot be read: signed out');
        return null;
      }
      if (text === undefined) return null;
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      const parsed = storedSchema.safeParse(json);
      if (!parsed.success) {
        log.warn({}, 'the stored hub session is damaged: signed out');
        return null;
      }
      return parsed.data;
    },
    save: (session) => secrets.set(SECRET_NAME, JSON.stringify(session)),
    async clear() {
      if (await secrets.has(SECRET_NAME)) await secrets.delete(SECRET_NAME);
    },
  };
}
