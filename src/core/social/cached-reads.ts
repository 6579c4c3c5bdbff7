import { ApiError } from '../../shared/contract';
import { hubMethods, type HubMethodName, type HubParamsIn, type HubResult } from '../../shared/social/hub-methods';
import type { Clock, Logger } from '../ports';
import { cacheKey } from './cache-key';
import type { HubClient } from './hub-client';
import type { SocialCache } from './social-cache';

/** A hub read: fresh from the hub, or the cached copy (`stale`) when the hub cannot be reached. */
export interface ReadResult<T> {
  value: T;
  stale: boolean;
  fetchedAt: number;
}

export interface CachedReads {
  read<M extends HubMethodName>(method: M, params: HubParamsIn<M>): Promise<ReadResult<HubResult<M>>>;
}

/** Errors after which a cached copy is better than nothing. */
const FALL_BACK_ON = new Set(['UNAVAILABLE', 'RATE_LIMITED']);

/**
 * Every hub read goes through here: answered by the hub and cached under its normalised request
 * (`cacheKey`), or — when the hub cannot be reached — served from the cache with `stale: true`.
 * What the hub refuses (not found, invalid) is passed on, never masked by an old copy.
 */
export function createCachedReads(hub: HubClient, cache: SocialCache, clock: Clock, log: Logger): CachedReads {
  const keyOf = (method: HubMethodName, params: unknown): string => cacheKey({ hub: hub.hubKey(), userId: hub.user()?.userId ?? null }, method, params);

  const peek = <M extends HubMethodName>(method: M, params: HubParamsIn<M>): ReadResult<HubResult<M>> | undefined => {
    const key = keyOf(method, params);
    const entry = cache.get(key);
    if (!entry) return undefined;
    // The cache is read back like any outside input: an entry from an older build may not fit.
    const parsed = hubMethods[method].result.safeParse(entry.value);
    if (!parsed.success) {
      log.warn({ method }, 'a cached hub read no longer matches the protocol; ignored');
      return undefined;
    }
    return { value: parsed.data as HubResult<M>, stale: true, fetchedAt: entry.fetchedAt };
  };

  return {
    async read(method, params) {
      try {
        const value = await hub.call(method, params);
        const fetchedAt = clock.now();
        cache.put(keyOf(method, params), value, fetchedAt);
        return { value, stale: false, fetchedAt };
      } catch (error) {
        if (!(error instanceof ApiError) || !FALL_BACK_ON.has(error.code)) throw error;
        const cached = peek(method, params);
        if (cached) return cached;
        throw new ApiError(error.code, `${error.message}. Nothing of this was read before, so there is no copy to show.`);
      }
    },
  };
}
