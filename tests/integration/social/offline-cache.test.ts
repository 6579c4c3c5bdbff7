import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHub, type Hub } from '../../../src/hub';
import type { Core } from '../../../src/core/create-core';
import { silentLogger } from '../../../src/core/logging/file-logger';
import { createSocialCache } from '../../../src/core/social/social-cache';
import { openDatabase } from '../../../src/core/store/open-database';
import { tempDir } from '../../helpers/temp-dir';
import { createSocialCore, hubStatus, online } from './social-core';

const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

let hub: Hub | undefined;
let core: Core | undefined;
afterEach(async () => {
  await core?.close();
  await hub?.close();
  core = undefined;
  hub = undefined;
});

describe('offline reading', () => {
  it('serves every read from the cache, marked stale with when it was fetched, while the hub is down', async () => {
    const hubDir = tempDir();
    hub = await startHub({ dataDir: hubDir, port: 0 });
    const port = hub.port;
    core = createSocialCore(tempDir(), { hubUrl: hub.url, passphrase: 'pw for the test' });
    await online(core);
    await core.call('hub.signUp', { username: 'erin', password: 'erin password' });
    const post = (await core.call('social.post', { text: 'Long $BTC into the weekend', image: PNG })) as { postId: string; imageId: string };
    await core.call('social.comment', { postId: post.postId, text: 'Noted' });

    const reads: Array<[string, Record<string, unknown>]> = [
      ['social.feed', { tab: 'following' }],
      ['social.feed', { tab: 'symbol', symbol: '$btc' }],
      ['social.thread', { postId: post.postId }],
      ['social.profile', { username: 'erin' }],
      ['social.notifications', {}],
      ['leaderboard.list', { period: 'all' }],
    ];
    const fresh = [];
    for (const [method, params] of reads) {
      const r = (await core.call(method, params)) as { stale: boolean; fetchedAt: number };
      expect(r.stale).toBe(false);
      fresh.push(r);
    }
    expect(await core.call('social.image', { imageId: post.imageId })).toEqual({ dataUrl: PNG });

    const offline = hubStatus(core, (s) => s.state === 'offline');
    await hub.close();
    hub = undefined;
    expect((await offline).detail).toMatch(/Cannot reach the hub at 127\.0\.0\.1:\d+/);

    for (const [i, [method, params]] of reads.entries()) {
      // The same answer as before, marked stale, with when it was fetched; `symbol: '$btc'` and
      // `'BTC'` are the same request once normalised.
      const stale = await core.call(method, method === 'social.feed' && params.tab === 'symbol' ? { tab: 'symbol', symbol: 'BTC', limit: 30 } : params);
      expect(stale).toEqual({ ...fresh[i], stale: true });
    }
    expect(await core.call('social.image', { imageId: post.imageId })).toEqual({ dataUrl: PNG });
    await expect(core.call('social.feed', { tab: 'trending' })).rejects.toMatchObject({ code: 'UNAVAILABLE', message: expect.stringMatching(/Cannot reach the hub.*no copy to show/s) });

    // Writes need the hub: refused with a message that says so, nothing queued.
    await expect(core.call('social.post', { text: 'while offline' })).rejects.toMatchObject({ code: 'UNAVAILABLE', message: expect.stringMatching(/^Posting needs the hub, which cannot be reached now/) });
    await expect(core.call('social.like', { postId: post.postId })).rejects.toMatchObject({ code: 'UNAVAILABLE', message: expect.stringMatching(/^Liking a post needs the hub/) });
    await expect(core.call('social.follow', { target: { kind: 'user', id: 'u_abcdefgh' } })).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    await expect(core.call('hub.signIn', { username: 'erin', password: 'erin password' })).rejects.toMatchObject({ code: 'UNAVAILABLE' });

    // The hub returns on the same address: the core reconnects, resumes the session, reads fresh.
    hub = await startHub({ dataDir: hubDir, port });
    const back = await hubStatus(core, (s) => s.state === 'online');
    expect(back.user).toMatchObject({ username: 'erin' });
    expect(await core.call('social.thread', { postId: post.postId })).toMatchObject({ stale: false, comments: [{ text: 'Noted' }] });
    expect(await core.call('social.like', { postId: post.postId })).toMatchObject({ likes: 1, likedByMe: true });
  });
});

describe('the social cache', () => {
  it('evicts the oldest entries past its size bound, and survives a reopen', () => {
    const file = path.join(tempDir(), 'profile.db');
    let db = openDatabase(file, { log: silentLogger });
    let cache = createSocialCache(db, { maxEntries: 3, maxBytes: 1_000_000 });
    for (let i = 1; i <= 5; i++) cache.put(`k${i}`, { page: i }, 1000 + i);
    expect(cache.size().entries).toBe(3);
    expect(cache.get('k1')).toBeUndefined();
    expect(cache.get('k2')).toBeUndefined();
    expect(cache.get('k5')).toEqual({ value: { page: 5 }, fetchedAt: 1005 });
    // Replacing an entry refreshes it: k3 is now the newest, so k4 goes next.
    cache.put('k3', { page: 33 }, 2000);
    cache.put('k6', { page: 6 }, 2001);
    expect(cache.get('k4')).toBeUndefined();
    expect(cache.get('k3')).toEqual({ value: { page: 33 }, fetchedAt: 2000 });
    db.close();

    db = openDatabase(file, { log: silentLogger });
    cache = createSocialCache(db, { maxEntries: 100, maxBytes: 40 });
    expect(cache.size()).toEqual({ entries: 3, bytes: expect.any(Number) });
    cache.put('big', { text: 'x'.repeat(20) }, 3000);
    expect(cache.size().bytes).toBeLessThanOrEqual(40);
    expect(cache.get('big')).toBeDefined();
    db.close();
  });
});
