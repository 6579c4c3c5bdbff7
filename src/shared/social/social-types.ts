import { z } from 'zod';
import { assetClassSchema } from '../market/instrument';
import { timeframeSchema } from '../market/timeframes';
import { publicKeySchema, strategyIdSchema } from './strategy-event';

/** Limits every hub and every client enforce the same way. */
export const SOCIAL_LIMITS = {
  postChars: 2000,
  commentChars: 1000,
  bioChars: 280,
  displayNameChars: 48,
  strategyNameChars: 64,
  strategyDescriptionChars: 1000,
  reportReasonChars: 500,
  /** A chart snapshot: PNG or JPEG, decoded size. */
  imageBytes: 300 * 1024,
  /** A post can be edited this long after it was made. */
  editWindowMs: 15 * 60_000,
} as const;

const id = (prefix: string) => z.string().regex(new RegExp(`^${prefix}_[A-Za-z0-9_-]{6,40}$`), `an id (${prefix}_…)`);
export const userIdSchema = id('u');
export const postIdSchema = id('p');
export const commentIdSchema = id('c');
export const notificationIdSchema = id('n');
export const imageIdSchema = id('i');

/** Sign-up names: 3–24 letters, digits or underscores; compared without case. */
export const usernameSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_]{3,24}$/, '3–24 letters, digits or underscores')
  .transform((s) => s.toLowerCase());
export const passwordSchema = z.string().min(8, 'at least 8 characters').max(256);
export const displayNameSchema = z.string().trim().min(1).max(SOCIAL_LIMITS.displayNameChars);
export const avatarColorSchema = z.string().regex(/^#[0-9a-f]{6}$/i, 'a colour as #rrggbb');

/** `$BTC`, `$AAPL`, `$EURUSD`: 1–12 letters/digits after `$`, upper-cased. */
export const CASHTAG = /(?<![\w$])\$([A-Za-z][A-Za-z0-9]{0,11})\b/g;
/** `@name` as in usernames. */
export const MENTION = /(?<![\w@])@([A-Za-z0-9_]{3,24})\b/g;

/** The cashtags and mentions of a text, each once, in order of first appearance. */
export function parseTags(text: string): { cashtags: string[]; mentions: string[] } {
  const cashtags = [...new Set([...text.matchAll(CASHTAG)].map((m) => m[1]!.toUpperCase()))];
  const mentions = [...new Set([...text.matchAll(MENTION)].map((m) => m[1]!.toLowerCase()))];
  return { cashtags, mentions };
}

export const userRefSchema = z.object({
  userId: userIdSchema,
  username: z.string(),
  displayName: z.string(),
  avatarColor: z.string(),
});
export type UserRef = z.infer<typeof userRefSchema>;

export const userProfileSchema = userRefSchema.extend({
  bio: z.string(),
  createdAt: z.int(),
  followers: z.int().nonnegative(),
  following: z.int().nonnegative(),
  posts: z.int().nonnegative(),
  /** Relative to the caller; false when signed out. */
  followedByMe: z.boolean(),
  blockedByMe: z.boolean(),
  /** A member of the simulated community of an embedded hub. */
  simulated: z.boolean(),
});
export type UserProfile = z.infer<typeof userProfileSchema>;

const price = z.number().positive().max(1e12);

/** A trade idea attached to a post; its levels must make sense for its side. */
export const tradeIdeaSchema = z
  .strictObject({
    symbol: z.string().trim().min(1).max(48),
    side: z.enum(['long', 'short']),
    entry: price,
    stop: price,
    target: price,
    timeframe: timeframeSchema,
  })
  .superRefine((idea, ctx) => {
    const long = idea.side === 'long';
    if (long ? !(idea.stop < idea.entry) : !(idea.stop > idea.entry)) {
      ctx.addIssue({ code: 'custom', path: ['stop'], message: `a ${idea.side} idea's stop is ${long ? 'below' : 'above'} its entry` });
    }
    if (long ? !(idea.target > idea.entry) : !(idea.target < idea.entry)) {
      ctx.addIssue({ code: 'custom', path: ['target'], message: `a ${idea.side} idea's target is ${long ? 'above' : 'below'} its entry` });
    }
  });
export type TradeIdea = z.infer<typeof tradeIdeaSchema>;

/** A chart snapshot as sent: a base64 PNG or JPEG data URL. */
export const imageDataUrlSchema = z
  .string()
  .max(Math.ceil((SOCIAL_LIMITS.imageBytes * 4) / 3) + 64, `a chart snapshot of at most ${SOCIAL_LIMITS.imageBytes / 1024} KB`)
  .regex(/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/]+=*$/, 'a PNG or JPEG data URL');

export const postSchema = z.object({
  postId: postIdSchema,
  author: userRefSchema,
  text: z.string(),
  cashtags: z.array(z.string()),
  mentions: z.array(z.string()),
  idea: tradeIdeaSchema.nullable(),
  imageId: imageIdSchema.nullable(),
  /** A post about a strategy (shown on its profile). */
  strategyId: strategyIdSchema.nullable(),
  createdAt: z.int(),
  editedAt: z.int().nullable(),
  likes: z.int().nonnegative(),
  comments: z.int().nonnegative(),
  likedByMe: z.boolean(),
});
export type Post = z.infer<typeof postSchema>;

export const commentSchema = z.object({
  commentId: commentIdSchema,
  postId: postIdSchema,
  author: userRefSchema,
  text: z.string(),
  createdAt: z.int(),
});
export type Comment = z.infer<typeof commentSchema>;

export const NOTIFICATION_KINDS = ['like', 'comment', 'mention', 'follow', 'strategy_follow'] as const;
export const notificationSchema = z.object({
  notificationId: notificationIdSchema,
  kind: z.enum(NOTIFICATION_KINDS),
  actor: userRefSchema,
  postId: postIdSchema.nullable(),
  strategyId: strategyIdSchema.nullable(),
  /** A short excerpt of the post or comment. */
  excerpt: z.string().nullable(),
  createdAt: z.int(),
  read: z.boolean(),
});
export type Notification = z.infer<typeof notificationSchema>;

export const strategySchema = z.object({
  strategyId: strategyIdSchema,
  owner: userRefSchema,
  name: z.string(),
  description: z.string(),
  publicKey: publicKeySchema,
  /** The published account's currency: every money figure of the stream is in it. */
  currency: z.string(),
  assetClasses: z.array(assetClassSchema),
  createdAt: z.int(),
  /** Traded by a simulated member of an embedded hub. */
  simulated: z.boolean(),
  headSeq: z.int().nonnegative(),
  headHash: z.string(),
  followers: z.int().nonnegative(),
  /** Active copiers reported by their cores (`copies.report`). */
  copiers: z.int().nonnegative(),
  followedByMe: z.boolean(),
});
export type Strategy = z.infer<typeof strategySchema>;
