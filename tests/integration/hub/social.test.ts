import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateStrategyKey } from '../../../src/hub';
import type { Comment, Notification, Post } from '../../../src/shared/social/social-types';
import { trendingScore } from '../../../src/hub/social/trending';
import { connect, createParams, DAY, failed, member, nextPush, ok, startTestHub, T0, testClock } from './support';

const HOUR = 3_600_000;

type Page = { posts: Post[]; nextCursor: string | null };
type Notifications = { notifications: Notification[]; unread: number; nextCursor: string | null };

/** A minimal valid PNG header (signature and IHDR) followed by `extra` bytes. */
function pngDataUrl(extra = 64): string {
  const ihdr = Buffer.from([0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 16, 0, 0, 0, 16, 8, 2, 0, 0, 0, 0x90, 0x91, 0x68, 0x36]);
  return `data:image/png;base64,${Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), ihdr, crypto.randomBytes(extra)]).toString('base64')}`;
}

describe('hub posts, comments and likes', () => {
  it('posts text with cashtags, mentions, a trade idea and a chart snapshot, and serves the snapshot back', async () => {
    const hub = await startTestHub();
    const { client } = await member(hub, 'poster');
    const image = pngDataUrl();
    const idea = { symbol: 'BTC/USDT', side: 'long', entry: 60_000, stop: 58_000, target: 66_000, timeframe: '4h' };
    const post = ok<Post>(await client.request('posts.create', { text: '  Long $btc and $ETH here, @poster agrees  ', idea, image }));
    expect(post).toMatchObject({ text: 'Long $btc and $ETH here, @poster agrees', cashtags: ['BTC', 'ETH'], mentions: ['poster'], idea, likes: 0, comments: 0, editedAt: null, likedByMe: false, author: { username: 'poster' } });
    expect(post.imageId).toMatch(/^i_/);
    const anyone = await connect(hub);
    expect(ok(await anyone.request('posts.image', { imageId: post.imageId }))).toEqual({ dataUrl: image });
    expect(failed(await anyone.request('posts.image', { imageId: 'i_doesnotexist' }))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses bad posts with messages that say what is wrong', async () => {
    const hub = await startTestHub();
    const { client } = await member(hub, 'strict');
    const long = failed(await client.request('posts.create', { text: 'x'.repeat(2001) }));
    expect(long).toMatchObject({ code: 'INVALID_PARAMS' });
    expect(long.message).toContain('text: at most 2000 characters');
    expect(failed(await client.request('posts.create', { text: '   ' })).message).toContain('a post needs text');
    const idea = failed(await client.request('posts.create', { text: 'idea', idea: { symbol: 'AAPL', side: 'long', entry: 100, stop: 110, target: 120, timeframe: '1D' } }));
    expect(idea.message).toContain("a long idea's stop is below its entry");
    const fakePng = failed(await client.request('posts.create', { text: 'chart', image: `data:image/png;base64,${Buffer.from('GIF89a not a png at all, really').toString('base64')}` }));
    expect(fakePng.message).toBe('Chart snapshot: the data is not a PNG image');
    const jpegLabel = failed(await client.request('posts.create', { text: 'chart', image: pngDataUrl().replace('image/png', 'image/jpeg') }));
    expect(jpegLabel.message).toBe('Chart snapshot: the data is not a JPEG image');
    // Just over the limit once decoded, and far over it.
    const over = failed(await client.request('posts.create', { text: 'chart', image: pngDataUrl(300 * 1024 - 33 + 1) }));
    expect(over.message).toBe('Chart snapshot: the image is 307,201 bytes; at most 307,200 (300 KB)');
    const huge = failed(await client.request('posts.create', { text: 'chart', image: pngDataUrl(350 * 1024) }));
    expect(huge.message).toContain('image: a chart snapshot of at most 300 KB');
    expect(failed(await client.request('posts.create', { text: 'about', strategyId: generateStrategyKey().strategyId }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(failed(await client.request('comments.create', { postId: 'p_missing01', text: 'hi' }))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('edits within 15 minutes (editedAt), not after, and only the author edits or deletes', async () => {
    const clock = testClock();
    const hub = await startTestHub({ clock });
    const { client: author } = await member(hub, 'author');
    const { client: other } = await member(hub, 'other');
    const post = ok<Post>(await author.request('posts.create', { text: 'first $AAPL' }));
    clock.advance(14 * 60_000);
    const edited = ok<Post>(await author.request('posts.edit', { postId: post.postId, text: 'second $MSFT', idea: { symbol: 'MSFT', side: 'short', entry: 400, stop: 410, target: 380, timeframe: '1D' } }));
    expect(edited).toMatchObject({ text: 'second $MSFT', cashtags: ['MSFT'], editedAt: clock.now(), createdAt: post.createdAt, idea: { side: 'short' } });
    expect(ok<Page>(await other.request('feed.get', { tab: 'symbol', symbol: 'AAPL' })).posts).toEqual([]);
    expect(ok<Page>(await other.request('feed.get', { tab: 'symbol', symbol: '$msft' })).posts.map((p) => p.postId)).toEqual([post.postId]);
    // idea omitted keeps it; null removes it.
    expect(ok<Post>(await author.request('posts.edit', { postId: post.postId, text: 'third' })).idea).toMatchObject({ side: 'short' });
    expect(ok<Post>(await author.request('posts.edit', { postId: post.postId, text: 'third', idea: null })).idea).toBeNull();

    expect(failed(await other.request('posts.edit', { postId: post.postId, text: 'hijack' }))).toMatchObject({ code: 'UNAUTHORIZED', message: 'You can edit only your own posts' });
    expect(failed(await other.request('posts.delete', { postId: post.postId }))).toMatchObject({ code: 'UNAUTHORIZED', message: 'You can delete only your own posts' });
    clock.advance(60_001);
    expect(failed(await author.request('posts.edit', { postId: post.postId, text: 'too late' }))).toMatchObject({ code: 'CONFLICT', message: 'This post can no longer be edited: posts can be edited for 15 minutes after posting' });
    const comment = ok<Comment>(await other.request('comments.create', { postId: post.postId, text: 'nice' }));
    expect(failed(await author.request('comments.delete', { commentId: comment.commentId }))).toMatchObject({ code: 'UNAUTHORIZED' });
    expect(ok(await other.request('comments.delete', { commentId: comment.commentId }))).toEqual({ ok: true });
    expect(ok<{ post: Post }>(await other.request('posts.get', { postId: post.postId })).post.comments).toBe(0);
  });

  it('deletes a post with its comments, likes, snapshot, cashtag index and notifications', async () => {
    const hub = await startTestHub();
    const { client: author } = await member(hub, 'deleter');
    const { client: fan } = await member(hub, 'fan');
    const post = ok<Post>(await author.request('posts.create', { text: 'gone soon $SOL', image: pngDataUrl() }));
    ok(await fan.request('comments.create', { postId: post.postId, text: 'first!' }));
    ok(await fan.request('likes.set', { postId: post.postId, liked: true }));
    expect(ok<Notifications>(await author.request('notifications.list', {})).notifications.length).toBe(2);
    expect(ok(await author.request('posts.delete', { postId: post.postId }))).toEqual({ ok: true });
    expect(failed(await fan.request('posts.get', { postId: post.postId }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(failed(await fan.request('posts.image', { imageId: post.imageId }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(ok<Page>(await fan.request('feed.get', { tab: 'symbol', symbol: 'SOL' })).posts).toEqual([]);
    expect(ok<Notifications>(await author.request('notifications.list', {}))).toMatchObject({ notifications: [], unread: 0 });
    expect(failed(await author.request('posts.delete', { postId: post.postId }))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('pages comments oldest first with a cursor', async () => {
    const clock = testClock();
    const hub = await startTestHub({ clock, limits: { writesPerMinute: 1000 } });
    const { client } = await member(hub, 'talker');
    const post = ok<Post>(await client.request('posts.create', { text: 'thread' }));
    for (let i = 0; i < 5; i++) {
      clock.advance(1000);
      ok(await client.request('comments.create', { postId: post.postId, text: `c${i}` }));
    }
    const first = ok<{ comments: Comment[]; nextCursor: string }>(await client.request('posts.get', { postId: post.postId, limit: 3 }));
    expect(first.comments.map((c) => c.text)).toEqual(['c0', 'c1', 'c2']);
    const second = ok<{ comments: Comment[]; nextCursor: string | null }>(await client.request('posts.get', { postId: post.postId, limit: 3, cursor: first.nextCursor }));
    expect(second.comments.map((c) => c.text)).toEqual(['c3', 'c4']);
    expect(second.nextCursor).toBeNull();
    expect(failed(await client.request('posts.get', { postId: post.postId, cursor: 'garbage' })).message).toContain('This page cursor was not made by this hub');
  });

  it('limits writes per account, saying what was exceeded', async () => {
    const hub = await startTestHub({ limits: { writesPerMinute: 3 } });
    const { client, userId } = await member(hub, 'spammer');
    for (let i = 0; i < 3; i++) ok(await client.request('posts.create', { text: `post ${i}` }));
    const limited = failed(await client.request('posts.create', { text: 'one more' }));
    expect(limited.code).toBe('RATE_LIMITED');
    expect(limited.message).toMatch(/^Too many writes from your account: at most 3 a minute \(posts, comments, likes, follows…\)\. Try again in \d+ s\.$/);
    // Reads are not writes.
    expect(ok<Page>(await client.request('feed.get', { tab: 'user', userId })).posts.length).toBe(3);
  });
});

describe('hub notifications, follows and blocks', () => {
  it('notifies likes, comments, mentions, follows and strategy follows live — once, and never to yourself', async () => {
    const hub = await startTestHub();
    const alice = await member(hub, 'alice');
    const bob = await member(hub, 'bob');
    const key = generateStrategyKey();
    ok(await alice.client.request('strategies.create', createParams(key, 'alice', 'Alpha')));
    const post = ok<Post>(await alice.client.request('posts.create', { text: 'my view on $BTC' }));
    ok(await alice.client.request('likes.set', { postId: post.postId, liked: true }));

    const liked = nextPush<{ notification: Notification; unread: number }>(alice.client, 'notification.new');
    expect(ok(await bob.client.request('likes.set', { postId: post.postId, liked: true }))).toEqual({ postId: post.postId, likes: 2, likedByMe: true });
    expect(await liked).toMatchObject({ notification: { kind: 'like', actor: { username: 'bob' }, postId: post.postId, excerpt: 'my view on $BTC', read: false }, unread: 1 });
    ok(await bob.client.request('likes.set', { postId: post.postId, liked: false }));
    ok(await bob.client.request('likes.set', { postId: post.postId, liked: true }));

    const commented = nextPush<{ notification: Notification }>(alice.client, 'notification.new');
    ok(await bob.client.request('comments.create', { postId: post.postId, text: 'agreed, @alice' }));
    expect((await commented).notification).toMatchObject({ kind: 'comment', excerpt: 'agreed, @alice' });
    const mentioned = nextPush<{ notification: Notification }>(alice.client, 'notification.new');
    ok(await bob.client.request('posts.create', { text: 'hey @alice and @nobody_here' }));
    expect((await mentioned).notification).toMatchObject({ kind: 'mention', actor: { username: 'bob' } });
    const followed = nextPush<{ notification: Notification }>(alice.client, 'notification.new');
    expect(ok(await bob.client.request('follows.set', { target: { kind: 'user', id: alice.userId }, follow: true }))).toEqual({ following: true, followers: 1 });
    expect((await followed).notification.kind).toBe('follow');
    const strategyFollowed = nextPush<{ notification: Notification; unread: number }>(alice.client, 'notification.new');
    expect(ok(await bob.client.request('follows.set', { target: { kind: 'strategy', id: key.strategyId }, follow: true }))).toEqual({ following: true, followers: 1 });
    expect(await strategyFollowed).toMatchObject({ notification: { kind: 'strategy_follow', strategyId: key.strategyId, excerpt: 'Alpha' }, unread: 5 });

    const list = ok<Notifications>(await alice.client.request('notifications.list', { limit: 2 }));
    expect(list.notifications.map((n) => n.kind)).toEqual(['strategy_follow', 'follow']);
    const rest = ok<Notifications>(await alice.client.request('notifications.list', { limit: 10, cursor: list.nextCursor }));
    expect(rest.notifications.map((n) => n.kind)).toEqual(['mention', 'comment', 'like']);
    expect(ok(await alice.client.request('notifications.markRead', { upTo: rest.notifications[0]!.notificationId }))).toEqual({ unread: 2 });
    expect(ok(await alice.client.request('notifications.markRead', {}))).toEqual({ unread: 0 });
    expect(failed(await bob.client.request('notifications.markRead', { upTo: rest.notifications[0]!.notificationId }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(ok<Notifications>(await bob.client.request('notifications.list', {})).notifications).toEqual([]);
    expect(failed(await alice.client.request('follows.set', { target: { kind: 'user', id: alice.userId }, follow: true })).message).toBe('You cannot follow yourself');
  });

  it('hides blocked members\' posts, comments and notifications both ways, and refuses follows across a block', async () => {
    const hub = await startTestHub();
    const alice = await member(hub, 'alice');
    const troll = await member(hub, 'troll');
    const carol = await member(hub, 'carol');
    const post = ok<Post>(await alice.client.request('posts.create', { text: 'about $ETH' }));
    const trollPost = ok<Post>(await troll.client.request('posts.create', { text: 'noise $ETH' }));
    ok(await troll.client.request('comments.create', { postId: post.postId, text: 'bad take' }));
    ok(await carol.client.request('comments.create', { postId: post.postId, text: 'good take' }));
    ok(await troll.client.request('follows.set', { target: { kind: 'user', id: alice.userId }, follow: true }));
    expect(ok(await alice.client.request('users.block', { userId: troll.userId, blocked: true }))).toEqual({ blocked: true });

    const symbolFor = async (c: typeof alice.client) => ok<Page>(await c.request('feed.get', { tab: 'symbol', symbol: 'ETH' })).posts.map((p) => p.author.username);
    expect(await symbolFor(alice.client)).toEqual(['alice']);
    expect(await symbolFor(troll.client)).toEqual(['troll']);
    expect(await symbolFor(carol.client)).toEqual(['troll', 'alice']);
    expect(ok<{ comments: Comment[] }>(await alice.client.request('posts.get', { postId: post.postId })).comments.map((c) => c.text)).toEqual(['good take']);
    expect(failed(await troll.client.request('posts.get', { postId: post.postId }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(failed(await alice.client.request('posts.get', { postId: trollPost.postId }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(failed(await troll.client.request('likes.set', { postId: post.postId, liked: true }))).toMatchObject({ code: 'NOT_FOUND' });
    // The block ended the follow, and neither can follow the other now.
    expect(ok<{ user: { followers: number; blockedByMe: boolean } }>(await alice.client.request('users.get', { userId: troll.userId })).user.blockedByMe).toBe(true);
    expect(ok<{ user: { followers: number } }>(await carol.client.request('users.get', { userId: alice.userId })).user.followers).toBe(0);
    expect(failed(await troll.client.request('follows.set', { target: { kind: 'user', id: alice.userId }, follow: true }))).toMatchObject({ code: 'CONFLICT', message: 'You cannot follow @alice: one of you has blocked the other' });
    // Mentions across the block notify no one; the notifications from before the block are hidden.
    ok(await troll.client.request('posts.create', { text: 'hey @alice' }));
    const notes = ok<Notifications>(await alice.client.request('notifications.list', {}));
    expect(notes.notifications.map((n) => n.actor.username)).toEqual(['carol']);
    expect(notes.unread).toBe(1);

    ok(await alice.client.request('users.block', { userId: troll.userId, blocked: false }));
    expect(await symbolFor(alice.client)).toEqual(['troll', 'alice']);
  });
});

describe('hub feeds', () => {
  it('builds the following feed from followed members, posts about followed strategies and your own, and pushes new posts live', async () => {
    const clock = testClock();
    const hub = await startTestHub({ clock });
    const me = await member(hub, 'me_myself');
    const friend = await member(hub, 'friend');
    const stranger = await member(hub, 'stranger');
    const key = generateStrategyKey();
    ok(await stranger.client.request('strategies.create', createParams(key, 'stranger', 'Gamma')));
    ok(await me.client.request('follows.set', { target: { kind: 'user', id: friend.userId }, follow: true }));
    ok(await me.client.request('follows.set', { target: { kind: 'strategy', id: key.strategyId }, follow: true }));

    const pushed = nextPush<{ post: Post }>(me.client, 'feed.post');
    clock.advance(1000);
    const fromFriend = ok<Post>(await friend.client.request('posts.create', { text: 'friend says hi' }));
    expect((await pushed).post).toMatchObject({ postId: fromFriend.postId, likedByMe: false });
    clock.advance(1000);
    ok(await stranger.client.request('posts.create', { text: 'unrelated' }));
    clock.advance(1000);
    const pushedAbout = nextPush<{ post: Post }>(me.client, 'feed.post');
    const aboutStrategy = ok<Post>(await stranger.client.request('posts.create', { text: 'Gamma update', strategyId: key.strategyId }));
    expect((await pushedAbout).post.postId).toBe(aboutStrategy.postId);
    clock.advance(1000);
    const mine = ok<Post>(await me.client.request('posts.create', { text: 'my own' }));

    const feed = ok<Page>(await me.client.request('feed.get', { tab: 'following' }));
    expect(feed.posts.map((p) => p.postId)).toEqual([mine.postId, aboutStrategy.postId, fromFriend.postId]);
    const anonymous = await connect(hub);
    expect(failed(await anonymous.request('feed.get', { tab: 'following' }))).toMatchObject({ code: 'UNAUTHORIZED' });
    expect(ok<Page>(await anonymous.request('feed.get', { tab: 'strategy', strategyId: key.strategyId })).posts.map((p) => p.postId)).toEqual([aboutStrategy.postId]);
    expect(ok<Page>(await anonymous.request('feed.get', { tab: 'user', userId: friend.userId })).posts.map((p) => p.postId)).toEqual([fromFriend.postId]);
    expect(failed(await anonymous.request('feed.get', { tab: 'user' })).message).toContain('the user tab needs userId');
  });

  it('pages a chronological feed with a cursor: no repeats, no gaps, even when posts arrive between pages', async () => {
    const clock = testClock();
    const hub = await startTestHub({ clock, limits: { writesPerMinute: 1000 } });
    const { client } = await member(hub, 'writer');
    const posts: Post[] = [];
    for (let i = 0; i < 7; i++) {
      // Two posts share each millisecond: the post id breaks the tie.
      if (i % 2 === 0) clock.advance(1);
      posts.push(ok<Post>(await client.request('posts.create', { text: `$XRP post ${i}` })));
    }
    const newestFirst = posts.sort((a, b) => b.createdAt - a.createdAt || (a.postId < b.postId ? 1 : -1)).map((p) => p.postId);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Page = ok<Page>(await client.request('feed.get', { tab: 'symbol', symbol: 'XRP', limit: 3, ...(cursor ? { cursor } : {}) }));
      seen.push(...page.posts.map((p) => p.postId));
      cursor = page.nextCursor;
      if (pages++ === 0) {
        clock.advance(1);
        ok(await client.request('posts.create', { text: '$XRP arrives mid-paging' }));
      }
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(newestFirst);
  });

  it('ranks trending by likes and comments decayed with age, deterministically, and pages it stably', async () => {
    const clock = testClock(T0);
    const hub = await startTestHub({ clock, limits: { writesPerMinute: 1000 } });
    const author = await member(hub, 'author');
    const fans = await Promise.all(['fan_a', 'fan_b', 'fan_c'].map((n) => member(hub, n)));
    const old = ok<Post>(await author.client.request('posts.create', { text: 'a week old' }));
    clock.set(T0 + 6 * DAY);
    const yesterday = ok<Post>(await author.client.request('posts.create', { text: 'a day old, loved' }));
    for (const f of fans) ok(await f.client.request('likes.set', { postId: yesterday.postId, liked: true }));
    clock.set(T0 + 7 * DAY - 2 * HOUR);
    const recent = ok<Post>(await author.client.request('posts.create', { text: 'two hours old, discussed' }));
    ok(await fans[0]!.client.request('comments.create', { postId: recent.postId, text: 'hm' }));
    clock.set(T0 + 7 * DAY - HOUR);
    const fresh = ok<Post>(await author.client.request('posts.create', { text: 'an hour old' }));
    clock.set(T0 + 7 * DAY + 1);

    const now = clock.now();
    const expected = [yesterday, recent, fresh]
      .map((p) => ({ id: p.postId, score: trendingScore(p.postId === yesterday.postId ? 3 : 0, p.postId === recent.postId ? 1 : 0, now - p.createdAt) }))
      .sort((a, b) => b.score - a.score || (a.id < b.id ? 1 : -1))
      .map((p) => p.id);
    const all = ok<Page>(await fans[1]!.client.request('feed.get', { tab: 'trending' }));
    expect(all.posts.map((p) => p.postId)).toEqual(expected);
    expect(all.posts.map((p) => p.postId)).not.toContain(old.postId);

    const first = ok<Page>(await fans[1]!.client.request('feed.get', { tab: 'trending', limit: 2 }));
    // Time passes and a like lands between pages: the listing keeps its order as of the first page.
    clock.advance(HOUR);
    ok(await fans[2]!.client.request('likes.set', { postId: fresh.postId, liked: true }));
    const second = ok<Page>(await fans[1]!.client.request('feed.get', { tab: 'trending', limit: 2, cursor: first.nextCursor }));
    expect([...first.posts, ...second.posts].map((p) => p.postId)).toEqual(expected);
    expect(second.nextCursor).toBeNull();
  });

  it('takes reports of posts and comments', async () => {
    const hub = await startTestHub();
    const alice = await member(hub, 'alice');
    const bob = await member(hub, 'bob');
    const post = ok<Post>(await alice.client.request('posts.create', { text: 'spam?' }));
    const comment = ok<Comment>(await alice.client.request('comments.create', { postId: post.postId, text: 'more spam' }));
    expect(ok(await bob.client.request('reports.create', { target: { kind: 'post', id: post.postId }, reason: 'spam' }))).toEqual({ ok: true });
    expect(ok(await bob.client.request('reports.create', { target: { kind: 'comment', id: comment.commentId }, reason: 'spam' }))).toEqual({ ok: true });
    expect(failed(await bob.client.request('reports.create', { target: { kind: 'comment', id: 'c_missing01' }, reason: 'spam' }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(failed(await bob.client.request('reports.create', { target: { kind: 'post', id: post.postId }, reason: '' })).code).toBe('INVALID_PARAMS');
  });
});
