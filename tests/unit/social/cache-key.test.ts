import { describe, expect, it } from 'vitest';
import { feedQuerySchema } from '../../../src/shared/social/hub-methods';
import { leaderboardQuerySchema } from '../../../src/shared/social/leaderboard';
import { cacheKey } from '../../../src/core/social/cache-key';

const scope = { hub: 'embedded', userId: 'u_abcdef' };

describe('cache keys', () => {
  it('do not depend on the order the request was written in', () => {
    expect(cacheKey(scope, 'feed.get', { tab: 'symbol', symbol: 'BTC', limit: 30 })).toBe(cacheKey(scope, 'feed.get', { limit: 30, symbol: 'BTC', tab: 'symbol' }));
  });

  it('are taken after validation, so defaults and normalisation give one entry per request', () => {
    const written = feedQuerySchema.parse({ tab: 'symbol', symbol: '$btc' });
    const spelled = feedQuerySchema.parse({ tab: 'symbol', symbol: 'BTC', limit: 30 });
    expect(cacheKey(scope, 'feed.get', written)).toBe(cacheKey(scope, 'feed.get', spelled));
    const board = leaderboardQuerySchema.parse({ period: '1Y' });
    expect(cacheKey(scope, 'leaderboard.query', board)).toBe(cacheKey(scope, 'leaderboard.query', leaderboardQuerySchema.parse({ period: '1Y', sort: 'return', dir: 'desc', filters: {}, limit: 50 })));
  });

  it('separate pages, methods, members and hubs', () => {
    const page1 = cacheKey(scope, 'feed.get', { tab: 'trending', limit: 30 });
    expect(cacheKey(scope, 'feed.get', { tab: 'trending', limit: 30, cursor: 'c2' })).not.toBe(page1);
    expect(cacheKey(scope, 'posts.get', { tab: 'trending', limit: 30 })).not.toBe(page1);
    expect(cacheKey({ ...scope, userId: null }, 'feed.get', { tab: 'trending', limit: 30 })).not.toBe(page1);
    expect(cacheKey({ ...scope, userId: 'u_other1' }, 'feed.get', { tab: 'trending', limit: 30 })).not.toBe(page1);
    expect(cacheKey({ ...scope, hub: 'wss://hub.example.org/hub/v1' }, 'feed.get', { tab: 'trending', limit: 30 })).not.toBe(page1);
  });

  it('ignore members left undefined, as the wire does', () => {
    expect(cacheKey(scope, 'feed.get', { tab: 'trending', limit: 30, cursor: undefined })).toBe(cacheKey(scope, 'feed.get', { tab: 'trending', limit: 30 }));
  });
});
