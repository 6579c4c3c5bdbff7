import { describe, expect, it } from 'vitest';
import type { Notification } from '../../../../src/shared/social/social-types';
import { addArrived, markReadUpTo } from '../../../../src/renderer/src/features/social/notifications-store';

const actor = { userId: 'u_actor01', username: 'bob', displayName: 'Bob', avatarColor: '#4c9aff' };
const note = (n: number, read = false): Notification => ({ notificationId: `n_note${String(n).padStart(4, '0')}`, kind: 'like', actor, postId: null, strategyId: null, excerpt: null, createdAt: n, read });

describe('notifications', () => {
  it('puts a pushed notification on top once and takes the hub’s unread count', () => {
    const s = addArrived({ items: [note(1)], unread: 1 }, note(2), 2);
    expect(s.items.map((n) => n.notificationId)).toEqual([note(2).notificationId, note(1).notificationId]);
    expect(s.unread).toBe(2);
    expect(addArrived(s, note(2), 2).items).toHaveLength(2);
  });

  it('marks read as the hub does: the one named and every older one, or all', () => {
    const items = [note(4), note(3), note(2), note(1)];
    expect(markReadUpTo(items, note(3).notificationId).map((n) => n.read)).toEqual([false, true, true, true]);
    expect(markReadUpTo(items).every((n) => n.read)).toBe(true);
    expect(markReadUpTo(items, 'n_unknown00').map((n) => n.read)).toEqual([false, false, false, false]);
  });
});
