import { canonicalJson } from '../../shared/social/canonical-json';

/**
 * The key a hub read is cached under: the hub, the member it was read as (a feed, `likedByMe` and
 * `followedByMe` differ per member), the method, and the request after validation (defaults
 * applied), in canonical JSON — so `{ tab, limit: 30 }` and `{ limit: 30, tab }` share one entry.
 */
export function cacheKey(scope: { hub: string; userId: string | null }, method: string, params: unknown): string {
  return `${scope.hub}\n${scope.userId ?? '-'}\n${method}\n${canonicalJson(params ?? {})}`;
}
