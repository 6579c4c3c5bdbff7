import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import type { UserProfile, UserRef } from '../../shared/social/social-types';

const bool = z.union([z.literal(0), z.literal(1)]).transform((v) => v === 1);

const userRowSchema = z.object({
  user_id: z.string(),
  username: z.string(),
  display_name: z.string(),
  bio: z.string(),
  avatar_color: z.string(),
  password_hash: z.string().nullable(),
  simulated: bool,
  created_at: z.int(),
});
export type UserRow = z.output<typeof userRowSchema>;

const profileRowSchema = userRowSchema.extend({
  followers: z.int(),
  following: z.int(),
  posts: z.int(),
  followed_by_me: bool,
  blocked_by_me: bool,
});

export interface NewUser {
  userId: string;
  username: string;
  displayName: string;
  bio: string;
  avatarColor: string;
  passwordHash: string | null;
  simulated: boolean;
  createdAt: number;
}

export interface UsersRepository {
  insert(user: NewUser): void;
  byId(userId: string): UserRow | undefined;
  byUsername(username: string): UserRow | undefined;
  /** Members with these usernames (lower case), for mentions. */
  byUsernames(usernames: readonly string[]): UserRow[];
  /** The profile as `viewerId` sees it (`null`: signed out). */
  profile(userId: string, viewerId: string | null): UserProfile | undefined;
  update(userId: string, changes: { displayName?: string | undefined; bio?: string | undefined; avatarColor?: string | undefined }): void;
}

/** The public part of a user row. */
export function userRef(row: Pick<UserRow, 'user_id' | 'username' | 'display_name' | 'avatar_color'>): UserRef {
  return { userId: row.user_id, username: row.username, displayName: row.display_name, avatarColor: row.avatar_color };
}

export function createUsersRepository(db: Database): UsersRepository {
  const insert = db.prepare(
    `INSERT INTO users (user_id, username, display_name, bio, avatar_color, password_hash, simulated, created_at)
     VALUES (@userId, @username, @displayName, @bio, @avatarColor, @passwordHash, @simulated, @createdAt)`,
  );
  const byId = db.prepare('SELECT * FROM users WHERE user_id = ?');
  const byUsername = db.prepare('SELECT * FROM users WHERE username = ?');
  const byUsernames = db.prepare('SELECT * FROM users WHERE username IN (SELECT value FROM json_each(?))');
  const profile = db.prepare(`
    SELECT u.*,
      (SELECT COUNT(*) FROM user_follows WHERE followee_id = u.user_id) AS followers,
      (SELECT COUNT(*) FROM user_follows WHERE follower_id = u.user_id) AS following,
      (SELECT COUNT(*) FROM posts WHERE author_id = u.user_id) AS posts,
      EXISTS (SELECT 1 FROM user_follows WHERE follower_id = @viewer AND followee_id = u.user_id) AS followed_by_me,
      EXISTS (SELECT 1 FROM blocks WHERE blocker_id = @viewer AND blocked_id = u.user_id) AS blocked_by_me
    FROM users u WHERE u.user_id = @userId`);
  const update = db.prepare(
    `UPDATE users SET display_name = coalesce(@displayName, display_name), bio = coalesce(@bio, bio), avatar_color = coalesce(@avatarColor, avatar_color)
     WHERE user_id = @userId`,
  );
  const parse = (row: unknown): UserRow | undefined => (row === undefined ? undefined : userRowSchema.parse(row));
  return {
    insert(user) {
      insert.run({ ...user, simulated: user.simulated ? 1 : 0 });
    },
    byId: (userId) => parse(byId.get(userId)),
    byUsername: (username) => parse(byUsername.get(username)),
    byUsernames: (usernames) => (usernames.length === 0 ? [] : byUsernames.all(JSON.stringify(usernames)).map((r) => userRowSchema.parse(r))),
    profile(userId, viewerId) {
      const row = profile.get({ userId, viewer: viewerId ?? '' });
      if (row === undefined) return undefined;
      const p = profileRowSchema.parse(row);
      return {
        ...userRef(p),
        bio: p.bio,
        createdAt: p.created_at,
        followers: p.followers,
        following: p.following,
        posts: p.posts,
        followedByMe: p.followed_by_me,
        blockedByMe: p.blocked_by_me,
        simulated: p.simulated,
      };
    },
    update(userId, changes) {
      update.run({ userId, displayName: changes.displayName ?? null, bio: changes.bio ?? null, avatarColor: changes.avatarColor ?? null });
    },
  };
}
