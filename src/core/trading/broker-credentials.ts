import { z } from 'zod';
import type { ExchangeCredentials } from '../brokers/ccxt/create-exchange';
import type { SecretStore } from '../ports';

const credentialsSchema = z.object({ apiKey: z.string().min(1), secret: z.string().min(1), passphrase: z.string().min(1).optional() });

export interface BrokerCredentials {
  save(accountId: string, credentials: ExchangeCredentials): Promise<void>;
  /** The account's keys, or undefined when none are stored (or they cannot be read: see the log). */
  load(accountId: string): Promise<ExchangeCredentials | undefined>;
}

const secretName = (accountId: string): string => `broker-keys:${accountId}`;

/** A live account's API keys in the encrypted secret store: never in the database, never logged. */
export function createBrokerCredentials(secrets: SecretStore, onUnreadable: (accountId: string, why: string) => void): BrokerCredentials {
  return {
    async save(accountId, credentials) {
      await secrets.set(secretName(accountId), JSON.stringify(credentialsSchema.parse(credentials)));
    },
    async load(accountId) {
      if (!secrets.available) {
        onUnreadable(accountId, secrets.unavailableReason ?? 'the secret store is unavailable');
        return undefined;
      }
      let text: string | undefined;
      try {
        text = await secrets.get(secretName(accountId));
      } catch (error) {
        onUnreadable(accountId, error instanceof Error ? error.message : String(error));
        return undefined;
      }
      if (text === undefined) return undefined;
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      const parsed = credentialsSchema.safeParse(json);
      if (!parsed.success) {
        onUnreadable(accountId, 'the stored keys are damaged; enter them again');
        return undefined;
      }
      return parsed.data;
    },
  };
}
