import type { HubLimits } from '../hub-api';

/** Limits of a hub on the internet: generous for a person, tight for a script. */
export const DEFAULT_HUB_LIMITS: HubLimits = {
  perConnection: { burst: 200, perSecond: 50 },
  perIp: { burst: 1000, perSecond: 200 },
  writesPerMinute: 60,
  authPerMinute: 20,
  connectionsPerIp: 20,
  sessionTtlMs: 30 * 24 * 60 * 60_000,
};

/**
 * An embedded hub listens on 127.0.0.1 only, where every client of the machine shares one address:
 * per-IP limits there would throttle the app's own processes against each other. Per-connection
 * and per-account limits stay as they are.
 */
export const EMBEDDED_HUB_LIMITS: Pick<HubLimits, 'perIp' | 'authPerMinute' | 'connectionsPerIp'> = {
  perIp: { burst: 1_000_000, perSecond: 1_000_000 },
  authPerMinute: 600,
  connectionsPerIp: 10_000,
};

/** The limits a hub runs with: defaults, embedded relaxations, then what the caller set. */
export function resolveHubLimits(embedded: boolean, overrides: Partial<HubLimits> = {}): HubLimits {
  return { ...DEFAULT_HUB_LIMITS, ...(embedded ? EMBEDDED_HUB_LIMITS : {}), ...overrides };
}
