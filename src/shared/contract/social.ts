import { z } from 'zod';
import { accountIdSchema } from '../trading/account';
import { feedPageSchema, feedQuerySchema, followTargetSchema, hubMethods } from '../social/hub-methods';
import { leaderboardPageSchema, leaderboardQuerySchema } from '../social/leaderboard';
import { roundTripSchema, strategyMetricsSchema } from '../social/metrics-schema';
import { CHAIN_PROBLEMS } from '../social/stream-chain';
import {
  avatarColorSchema,
  commentSchema,
  displayNameSchema,
  notificationSchema,
  postSchema,
  SOCIAL_LIMITS,
  strategySchema,
  userIdSchema,
  userProfileSchema,
} from '../social/social-types';
import { strategyIdSchema } from '../social/strategy-event';
import { defineEvent, defineMethod } from './define';

const noParams = z.strictObject({});
const ok = z.object({ ok: z.literal(true) });
/** Reads come from the hub, or from the local cache when it cannot be reached (`stale`). */
const cached = { stale: z.boolean(), fetchedAt: z.int() };
const hubParams = <M extends keyof typeof hubMethods>(m: M): (typeof hubMethods)[M]['params'] => hubMethods[m].params;

export const hubStatusSchema = z.object({
  /** `embedded`: a hub this app runs on 127.0.0.1 with a simulated community; `remote`: a hub at `url`. */
  mode: z.enum(['embedded', 'remote']),
  url: z.string(),
  state: z.enum(['starting', 'connecting', 'online', 'offline']),
  /** In words: what is happening, and why when not online. */
  detail: z.string(),
  /** The signed-in member; null when signed out. */
  user: userProfileSchema.nullable(),
  /** The embedded hub's simulated community; null for a remote hub. */
  community: z
    .object({
      state: z.enum(['backfilling', 'running', 'stopped']),
      members: z.int().nonnegative(),
      /** Backfill progress 0–1. */
      progress: z.number().min(0).max(1),
    })
    .nullable(),
  since: z.int(),
  /** What the link to the hub delivered that could not be used, and how often it was rebuilt. */
  stats: z.object({ malformedFrames: z.int().nonnegative(), reconnects: z.int().nonnegative() }).optional(),
});
export type HubStatus = z.infer<typeof hubStatusSchema>;

export const verificationSchema = z.object({
  /** `verified`: every event checked here (signature and chain); `failed`: a problem was found; `pending`: not checked yet. */
  state: z.enum(['verified', 'failed', 'pending']),
  verifiedSeq: z.int().nonnegative(),
  headSeq: z.int().nonnegative(),
  problem: z.object({ code: z.enum(CHAIN_PROBLEMS), seq: z.int(), message: z.string() }).nullable(),
  checkedAt: z.int().nullable(),
});
export type Verification = z.infer<typeof verificationSchema>;

export const strategyDetailSchema = z.object({
  strategy: strategySchema,
  /** Computed here from the verified events alone (METRICS.md). */
  metrics: strategyMetricsSchema,
  /** Most recent round trips first: open ones, then up to 100 closed. */
  recentTrades: z.array(roundTripSchema),
  verification: verificationSchema,
  /** Set when this profile publishes the strategy. */
  publishedAccountId: z.string().nullable(),
  ...cached,
});
export type StrategyDetail = z.infer<typeof strategyDetailSchema>;

export const publishedStrategySchema = z.object({
  strategy: strategySchema,
  accountId: z.string(),
  /** Events signed here but not yet acknowledged by the hub (sent when it is reachable). */
  pending: z.int().nonnegative(),
  lastPublishedAt: z.int().nullable(),
});

export const socialMethods = {
  'hub.status': defineMethod({ summary: 'The social hub this app uses, its connection state, the signed-in member and the simulated community.', params: noParams, result: hubStatusSchema }),
  'hub.signUp': defineMethod({ summary: 'Creates a hub account and signs in; the session is kept (encrypted) across restarts.', params: hubParams('auth.signUp'), result: hubStatusSchema }),
  'hub.signIn': defineMethod({ summary: 'Signs in to the hub with username and password.', params: hubParams('auth.signIn'), result: hubStatusSchema }),
  'hub.signOut': defineMethod({ summary: 'Signs out and revokes the session at the hub.', params: noParams, result: hubStatusSchema }),
  'hub.configure': defineMethod({
    summary: 'Points the app at a remote hub (`url`: ws:// or wss://) or back at the embedded one (`url: null`). Signs out of the previous hub.',
    params: z.strictObject({
      url: z
        .string()
        .trim()
        .max(512)
        .url()
        .refine((u) => URL.canParse(u) && ['ws:', 'wss:'].includes(new URL(u).protocol), 'a ws:// or wss:// URL')
        .nullable(),
    }),
    result: hubStatusSchema,
  }),
  'social.feed': defineMethod({ summary: 'A page of the feed: following, trending, a $SYMBOL, a strategy or a user.', params: feedQuerySchema, result: feedPageSchema.extend(cached) }),
  'social.post': defineMethod({ summary: 'Posts text with optional trade idea, chart snapshot (data URL) and strategy.', params: hubParams('posts.create'), result: postSchema }),
  'social.editPost': defineMethod({ summary: 'Edits one of your posts within 15 minutes of posting.', params: hubParams('posts.edit'), result: postSchema }),
  'social.deletePost': defineMethod({ summary: 'Deletes one of your posts.', params: hubParams('posts.delete'), result: ok }),
  'social.thread': defineMethod({
    summary: 'A post with its comments.',
    params: hubParams('posts.get'),
    result: z.object({ post: postSchema, comments: z.array(commentSchema), nextCursor: z.string().nullable(), ...cached }),
  }),
  'social.comment': defineMethod({ summary: 'Comments on a post.', params: hubParams('comments.create'), result: commentSchema }),
  'social.like': defineMethod({ summary: 'Likes (or with `liked: false` unlikes) a post.', params: z.strictObject({ postId: hubParams('likes.set').shape.postId, liked: z.boolean().default(true) }), result: hubMethods['likes.set'].result }),
  'social.follow': defineMethod({ summary: 'Follows (or with `follow: false` unfollows) a user or a strategy.', params: z.strictObject({ target: followTargetSchema, follow: z.boolean().default(true) }), result: hubMethods['follows.set'].result }),
  'social.profile': defineMethod({
    summary: 'A member’s profile and strategies, by id or username.',
    params: hubParams('users.get'),
    result: z.object({ user: userProfileSchema, strategies: z.array(strategySchema), ...cached }),
  }),
  'social.updateProfile': defineMethod({
    summary: 'Changes your display name, bio or avatar colour.',
    params: z.strictObject({ displayName: displayNameSchema.optional(), bio: z.string().trim().max(SOCIAL_LIMITS.bioChars).optional(), avatarColor: avatarColorSchema.optional() }),
    result: userProfileSchema,
  }),
  'social.image': defineMethod({ summary: 'A post’s chart snapshot as a data URL (cached for offline reading).', params: hubParams('posts.image'), result: z.object({ dataUrl: z.string() }) }),
  'social.notifications': defineMethod({
    summary: 'Your notifications, newest first, with the unread count.',
    params: hubParams('notifications.list'),
    result: z.object({ notifications: z.array(notificationSchema), unread: z.int().nonnegative(), nextCursor: z.string().nullable(), ...cached }),
  }),
  'social.markRead': defineMethod({ summary: 'Marks your notifications read (up to `upTo`, or all).', params: hubParams('notifications.markRead'), result: z.object({ unread: z.int().nonnegative() }) }),
  'social.report': defineMethod({ summary: 'Reports a post or comment to the hub’s moderators.', params: hubParams('reports.create'), result: ok }),
  'social.block': defineMethod({ summary: 'Blocks or unblocks a member.', params: z.strictObject({ userId: userIdSchema, blocked: z.boolean().default(true) }), result: z.object({ blocked: z.boolean() }) }),
  'leaderboard.list': defineMethod({
    summary: 'Ranked strategies with the period’s figures (METRICS.md), filtered and sorted, a page at a time; `strategyId` on each row opens `strategy.get`.',
    params: leaderboardQuerySchema,
    result: leaderboardPageSchema.extend(cached),
  }),
  'strategy.get': defineMethod({
    summary: 'A strategy’s profile: every figure computed here from its events after checking each signature and the hash chain, recent round trips, and the verification result.',
    params: z.strictObject({ strategyId: strategyIdSchema }),
    result: strategyDetailSchema,
  }),
  'strategy.publish': defineMethod({
    summary:
      'Publishes an account as a strategy: from now on every fill, a daily equity mark and capital flows of the account are signed with a key kept here and sent to the hub, where anyone can see them. Past fills are not published. `acknowledge: true` confirms the caller showed the user what becomes public.',
    params: z.strictObject({
      accountId: accountIdSchema,
      name: z.string().trim().min(1).max(SOCIAL_LIMITS.strategyNameChars),
      description: z.string().trim().max(SOCIAL_LIMITS.strategyDescriptionChars).default(''),
      acknowledge: z.literal(true, 'confirm what becomes public'),
    }),
    result: publishedStrategySchema,
  }),
  'strategy.unpublish': defineMethod({
    summary: 'Stops publishing a strategy of yours. What was published stays public; nothing more is sent.',
    params: z.strictObject({ strategyId: strategyIdSchema }),
    result: ok,
  }),
  'strategy.mine': defineMethod({ summary: 'The strategies this profile publishes, with their accounts and what is waiting to be sent.', params: noParams, result: z.array(publishedStrategySchema) }),
};

export const socialEvents = {
  'hub.status': defineEvent({ summary: 'The hub connection or sign-in changed (and the community backfill progressed).', payload: hubStatusSchema }),
  'social.notification': defineEvent({ summary: 'A new notification for the signed-in member.', payload: z.object({ notification: notificationSchema, unread: z.int().nonnegative() }) }),
  'social.post': defineEvent({ summary: 'A new post in the signed-in member’s following feed.', payload: z.object({ post: postSchema }) }),
  'strategy.event': defineEvent({
    summary: 'A new event of a followed or open strategy, after this core checked its signature and chain.',
    payload: z.object({ strategyId: strategyIdSchema, seq: z.int(), type: z.enum(['fill', 'mark', 'flow']), time: z.int() }),
  }),
};
