import { describe, expect, it } from 'vitest';
import type { FeedPage } from '../../../src/shared/social/hub-methods';
import type { Comment, Post, UserProfile } from '../../../src/shared/social/social-types';
import { connect, createParams, DAY, failed, member, ok, startTestHub, StreamWriter, T0, testClock } from './support';

describe('embedded hub community', () => {
  it('adds simulated members once, acts as them, and seeds backdated posts, comments, likes and follows', async () => {
    const clock = testClock(T0 + 30 * DAY);
    const hub = await startTestHub({ clock, embedded: true });
    const sim = { username: 'Sim_Trader', displayName: 'Sim Trader', bio: 'Trend follower', avatarColor: '#3b82f6', createdAt: T0 };
    const simId = hub.addMember(sim);
    expect(hub.addMember(sim)).toBe(simId);
    const otherId = hub.addMember({ ...sim, username: 'sim_other', displayName: 'Other' });
    const local = hub.local();
    local.actAs(simId);
    const writer = new StreamWriter();
    const strategy = await local.call('strategies.create', createParams(writer.key, 'sim_trader', 'Sim strategy'));
    expect(strategy).toMatchObject({ simulated: true, owner: { userId: simId } });

    const { postIds } = hub.seed({
      posts: [
        { userId: simId, text: 'Backdated $BTC call', createdAt: T0 + DAY, strategyId: writer.strategyId },
        { userId: otherId, text: 'Hello @sim_trader', createdAt: T0 + 2 * DAY },
      ],
      follows: [
        { userId: otherId, target: { kind: 'user', id: simId }, createdAt: T0 },
        { userId: otherId, target: { kind: 'strategy', id: writer.strategyId }, createdAt: T0 },
      ],
    });
    hub.seed({ comments: [{ postId: postIds[0]!, userId: otherId, text: 'Nice one', createdAt: T0 + DAY + 5 }], likes: [{ postId: postIds[0]!, userId: otherId, createdAt: T0 + DAY + 6 }] });
    expect(() => hub.seed({ likes: [{ postId: 'p_notthere1', userId: otherId, createdAt: T0 }] })).toThrow('names post p_notthere1');

    const reader = await connect(hub);
    const feed = ok<FeedPage>(await reader.request('feed.get', { tab: 'symbol', symbol: 'BTC' }));
    expect(feed.posts).toEqual([expect.objectContaining({ postId: postIds[0], createdAt: T0 + DAY, likes: 1, comments: 1, strategyId: writer.strategyId })]);
    expect(ok<{ comments: Comment[] }>(await reader.request('posts.get', { postId: postIds[0] })).comments.map((c) => c.text)).toEqual(['Nice one']);
    const profile = ok<{ user: UserProfile }>(await reader.request('users.get', { username: 'sim_trader' })).user;
    expect(profile).toMatchObject({ simulated: true, followers: 1, posts: 1, bio: 'Trend follower', createdAt: T0 });
    expect(ok(await reader.request('strategies.get', { strategyId: writer.strategyId }))).toMatchObject({ followers: 1, simulated: true });
    // Backdated history notified no one.
    expect(await local.call('notifications.list', {})).toMatchObject({ notifications: [], unread: 0 });

    // Acting as a simulated member is not counted against the writes allowance.
    for (let i = 0; i < 80; i++) await local.call('likes.set', { postId: postIds[1]!, liked: i % 2 === 0 });

    // A real member's name cannot be taken over as a simulated one.
    await member(hub, 'realperson');
    expect(() => hub.addMember({ ...sim, username: 'realperson' })).toThrow('is a real member of this hub');
    expect(() => hub.addMember({ ...sim, username: 'x' })).toThrow('A simulated member');
    expect(() => local.actAs('u_nobodyhere')).toThrow('does not exist');
  });

  it('delivers pushes to local clients as objects', async () => {
    const hub = await startTestHub({ embedded: true });
    const aId = hub.addMember({ username: 'local_a', displayName: 'A', bio: '', avatarColor: '#111111', createdAt: T0 });
    const bId = hub.addMember({ username: 'local_b', displayName: 'B', bio: '', avatarColor: '#222222', createdAt: T0 });
    const a = hub.local();
    a.actAs(aId);
    const b = hub.local();
    b.actAs(bId);
    const got: unknown[] = [];
    const off = a.on('notification.new', (payload) => got.push(payload));
    const post = (await a.call('posts.create', { text: 'local' })) as Post;
    await b.call('likes.set', { postId: post.postId, liked: true });
    expect(got).toEqual([expect.objectContaining({ notification: expect.objectContaining({ kind: 'like' }), unread: 1 })]);
    off();
    await b.call('comments.create', { postId: post.postId, text: 'c' });
    expect(got.length).toBe(1);
    a.close();
    await expect(a.call('hub.hello', {})).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    const ws = await connect(hub);
    expect(failed(await ws.request('posts.create', { text: 'x' }))).toMatchObject({ code: 'UNAUTHORIZED' });
  });
});
