import { z } from 'zod';
import { tradeIdeaSchema, type Post } from '../../shared/social/social-types';

/** The columns every post query selects: the post, its author and whether the viewer liked it. */
export const POST_COLUMNS = `
  p.post_id, p.author_id, p.text, p.cashtags, p.mentions, p.idea, p.image_id, p.strategy_id, p.created_at, p.edited_at, p.likes, p.comments,
  u.username, u.display_name, u.avatar_color,
  EXISTS (SELECT 1 FROM likes l WHERE l.post_id = p.post_id AND l.user_id = @viewer) AS liked_by_me`;

/** Hides posts between the viewer and anyone either of them blocked (`@viewer` '' when signed out). */
export const NOT_BLOCKED = `
  NOT EXISTS (SELECT 1 FROM blocks b WHERE b.blocker_id = @viewer AND b.blocked_id = p.author_id)
  AND NOT EXISTS (SELECT 1 FROM blocks b WHERE b.blocker_id = p.author_id AND b.blocked_id = @viewer)`;

const jsonStrings = z.string().transform((s) => z.array(z.string()).parse(JSON.parse(s)));

export const postRowSchema = z.object({
  post_id: z.string(),
  author_id: z.string(),
  text: z.string(),
  cashtags: jsonStrings,
  mentions: jsonStrings,
  idea: z
    .string()
    .nullable()
    .transform((s) => (s === null ? null : tradeIdeaSchema.parse(JSON.parse(s)))),
  image_id: z.string().nullable(),
  strategy_id: z.string().nullable(),
  created_at: z.int(),
  edited_at: z.int().nullable(),
  likes: z.int(),
  comments: z.int(),
  username: z.string(),
  display_name: z.string(),
  avatar_color: z.string(),
  liked_by_me: z.union([z.literal(0), z.literal(1)]),
});
export type PostRow = z.output<typeof postRowSchema>;

export function toPost(row: PostRow): Post {
  return {
    postId: row.post_id,
    author: { userId: row.author_id, username: row.username, displayName: row.display_name, avatarColor: row.avatar_color },
    text: row.text,
    cashtags: row.cashtags,
    mentions: row.mentions,
    idea: row.idea,
    imageId: row.image_id,
    strategyId: row.strategy_id,
    createdAt: row.created_at,
    editedAt: row.edited_at,
    likes: row.likes,
    comments: row.comments,
    likedByMe: row.liked_by_me === 1,
  };
}

export const parsePost = (row: unknown): Post => toPost(postRowSchema.parse(row));
