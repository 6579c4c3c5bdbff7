/** Host-specific capabilities handed to the core. The core never reaches for globals. */

export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

export type LogFields = Record<string, unknown>;

/** Structured logger: fields first, then a short message (`log.info({ orderId }, 'order accepted')`). */
export interface Logger {
  debug(fields: LogFields, msg: string): void;
  info(fields: LogFields, msg: string): void;
  warn(fields: LogFields, msg: string): void;
  error(fields: LogFields, msg: string): void;
  child(bindings: LogFields): Logger;
}

/**
 * Encrypted storage for broker credentials and keys. Implementations never fall back to
 * plaintext: when they cannot encrypt, `available` is false and writes throw `UNAVAILABLE`.
 */
export interface SecretStore {
  readonly available: boolean;
  /** Why the store cannot be used, when `available` is false. */
  readonly unavailableReason?: string;
  has(name: string): Promise<boolean>;
  get(name: string): Promise<string | undefined>;
  set(name: string, value: string): Promise<void>;
  delete(name: string): Promise<void>;
}

/** Where the profile keeps its files. */
export interface ProfilePaths {
  readonly dataDir: string;
  readonly database: string;
  readonly logsDir: string;
  readonly backupsDir: string;
}

export interface CorePorts {
  clock: Clock;
  logger: Logger;
  secrets: SecretStore;
  paths: ProfilePaths;
}

export const systemClock: Clock = { now: () => Date.now() };
