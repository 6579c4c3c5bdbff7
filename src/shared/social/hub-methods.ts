import { z } from 'zod';
import { assetClassSchema } from '../market/instrument';
import { defineEvent, defineMethod, type EventSpec, type MethodSpec } from '../contract/define';
import { leaderboardPageSchema, leaderboardQuerySchema } from './leaderboard';
import {
  avatarColorSchema,
  commentIdSchema,
  commentSchema,
  displayNameSchema,
  imageDataUrlSchema,
  notificationIdSchema,
  notificationSchema,
  passwordSchema,
  postIdSchema,
  postSchema,
  SOCIAL_LIMITS,
  strategySchema,
  tradeIdeaSchema,
  userIdSchema,
  usernameSchema,
  userProfileSchema,
} from './social-types';
import { publicKeySchema, signatureSchema, strategyEventSchema, strategyIdSchema } from './strategy-event';

/**
 * The hub's WebSocket protocol: JSON-RPC 2.0 at `ws(s)://host:port/hub/v1`. Methods marked
 * "signed in" need `auth.signIn`, `auth.signUp` or `auth.resume` on the connection first;
 * everything else is public. docs/hub-protocol.md is the prose version of this file.
 */
export const HUB_PROTOCOL_VERSION = 1;
export const HUB_PATH = `/hub/v${HUB_PROTOCOL_VERSION}`;
/** Largest frame a hub accepts (a post with a chart snapshot fits). */
export const HUB_MAX_FRAME_BYTES = 512 * 1024;

const noParams = z.strictObject({});
const ok = z.object({ ok: z.literal(true) });
const cursor = z.string().max(128).optional();
const limit = (max: number, dflt: number) => z.int().min(1).max(max).default(dflt);
const postText = z.string().trim().min(1, 'a post needs text').max(SOCIAL_LIMITS.postChars, `at most ${SOCIAL_LIMITS.postChars} characters`);

export const sessionSchema = z.object({
  token: z.string(),
  expiresAt: z.int(),
  user: userProfileSchema,
});
export type HubSession = z.infer<typeof sessionSchema>;

export const feedTabSchema = z.enum(['following', 'trending', 'symbol', 'strategy', 'user']);
export type FeedTab = z.infer<typeof feedTabSchema>;
export const feedQuerySchema = z
  .strictObject({
    tab: feedTabSchema,
    /** `symbol` tab: a cashtag without `$` (BTC, AAPL). */
    symbol: z.string().trim().regex(/^\$?[A-Za-z][A-Za-z0-9]{0,11}$/, 'a cashtag such as BTC').transform((s) => s.replace(/^\$/, '').toUpperCase()).optional(),
    strategyId: strategyIdSchema.optional(),
    userId: userIdSchema.optional(),
    cursor,
    limit: limit(100, 30),
  })
  .superRefine((q, ctx) => {
    const needs = { symbol: 'symbol', strategy: 'strategyId', user: 'userId' } as const;
    const field = needs[q.tab as keyof typeof needs];
    if (field && q[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: `the ${q.tab} tab needs ${field}` });
  });
export type FeedQuery = z.output<typeof feedQuerySchema>;
export const feedPageSchema = z.object({ posts: z.array(postSchema), nextCursor: z.string().nullable() });
export type FeedPage = z.infer<typeof feedPageSchema>;

export const followTargetSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('user'), id: userIdSchema }),
  z.strictObject({ kind: z.literal('strategy'), id: strategyIdSchema }),
]);

export const copyReportSchema = z.strictObject({
  strategyId: strategyIdSchema,
  /** The copier core's own id for the follow: reports for it replace earlier ones. */
  followId: z.string().min(1).max(64),
  active: z.boolean(),
  /** Copy return (TWR of the allocation) since the follow started, METRICS.md; null before a return day. */
  returnSinceStart: z.number().nullable(),
});

export const hubMethods = {
  'hub.hello': defineMethod({
    summary: 'Protocol version, hub name and the hub clock (ms), for clients to check compatibility and skew.',
    params: noParams,
    result: z.object({ protocol: z.int(), name: z.string(), time: z.int(), embedded: z.boolean() }),
  }),
  'auth.signUp': defineMethod({
    summary: 'Creates an account and signs this connection in.',
    params: z.strictObject({ username: usernameSchema, password: passwordSchema, displayName: displayNameSchema.optional() }),
    result: sessionSchema,
  }),
  'auth.signIn': defineMethod({
    summary: 'Signs this connection in with username and password; returns a session token that expires.',
    params: z.strictObject({ username: usernameSchema, password: z.string().min(1).max(256) }),
    result: sessionSchema,
  }),
  'auth.resume': defineMethod({
    summary: 'Signs this connection in with a session token from an earlier sign-in (after a reconnect); extends it.',
    params: z.strictObject({ token: z.string().min(16).max(128) }),
    result: sessionSchema,
  }),
  'auth.signOut': defineMethod({ summary: 'Revokes this connection’s session token. Signed in.', params: noParams, result: ok }),
  'auth.revokeOthers': defineMethod({ summary: 'Revokes every session of the account but this one. Signed in.', params: noParams, result: z.object({ revoked: z.int() }) }),
  'users.get': defineMethod({
    summary: 'A user’s profile, by id or username.',
    params: z.strictObject({ userId: userIdSchema.optional(), username: usernameSchema.optional() }).refine((p) => (p.userId === undefined) !== (p.username === undefined), 'give userId or username'),
    result: z.object({ user: userProfileSchema, strategies: z.array(strategySchema) }),
  }),
  'users.update': defineMethod({
    summary: 'Changes the caller’s display name, bio or avatar colour. Signed in.',
    params: z.strictObject({ displayName: displayNameSchema.optional(), bio: z.string().trim().max(SOCIAL_LIMITS.bioChars).optional(), avatarColor: avatarColorSchema.optional() }),
    result: userProfileSchema,
  }),
  'users.block': defineMethod({
    summary: 'Blocks or unblocks a user: neither sees the other’s posts, comments or notifications. Signed in.',
    params: z.strictObject({ userId: userIdSchema, blocked: z.boolean() }),
    result: z.object({ blocked: z.boolean() }),
  }),
  'follows.set': defineMethod({
    summary: 'Follows or unfollows a user or a strategy. Signed in.',
    params: z.strictObject({ target: followTargetSchema, follow: z.boolean() }),
    result: z.object({ following: z.boolean(), followers: z.int().nonnegative() }),
  }),
  'strategies.create': defineMethod({
    summary:
      'Publishes a strategy bound to an Ed25519 key. `strategyId` must be the id of `publicKey`; `proof` signs `IST-STRATEGY-1\\n{username}\\n{strategyId}` with that key, so no one can claim another’s key. Signed in.',
    params: z.strictObject({
      strategyId: strategyIdSchema,
      publicKey: publicKeySchema,
      proof: signatureSchema,
      name: z.string().trim().min(1).max(SOCIAL_LIMITS.strategyNameChars),
      description: z.string().trim().max(SOCIAL_LIMITS.strategyDescriptionChars).default(''),
      currency: z.string().regex(/^[A-Z]{3,5}$/),
      assetClasses: z.array(assetClassSchema).min(1).max(4),
    }),
    result: strategySchema,
  }),
  'strategies.get': defineMethod({
    summary: 'A strategy’s metadata and chain head.',
    params: z.strictObject({ strategyId: strategyIdSchema }),
    result: strategySchema,
  }),
  'strategies.publish': defineMethod({
    summary:
      'Appends signed events to the caller’s strategy stream (up to 100, in order). Each must follow the head: next seq, linked hash, valid signature, not dated before earlier events nor more than 5 minutes from the hub clock. An event the hub already holds is acknowledged again; any other mismatch rejects the whole batch. Signed in, owner only.',
    params: z.strictObject({ events: z.array(strategyEventSchema).min(1).max(100) }),
    result: z.object({ headSeq: z.int(), headHash: z.string() }),
  }),
  'strategies.events': defineMethod({
    summary: 'A strategy’s events after `afterSeq`, ascending, for followers to verify and replay.',
    params: z.strictObject({ strategyId: strategyIdSchema, afterSeq: z.int().min(0).default(0), limit: limit(2000, 1000) }),
    result: z.object({ events: z.array(strategyEventSchema), headSeq: z.int() }),
  }),
  'strategies.subscribe': defineMethod({
    summary: 'Pushes each new event of these strategies to this connection as `strategy.event`.',
    params: z.strictObject({ strategyIds: z.array(strategyIdSchema).min(1).max(500) }),
    result: z.object({ subscribed: z.int() }),
  }),
  'strategies.unsubscribe': defineMethod({
    summary: 'Stops `strategy.event` pushes of these strategies.',
    params: z.strictObject({ strategyIds: z.array(strategyIdSchema).min(1).max(500) }),
    result: z.object({ subscribed: z.int() }),
  }),
  'posts.create': defineMethod({
    summary: `Posts up to ${SOCIAL_LIMITS.postChars} characters ($CASHTAGS and @mentions are parsed), optionally with a trade idea, a chart snapshot and the strategy it is about. Signed in.`,
    params: z.strictObject({ text: postText, idea: tradeIdeaSchema.optional(), image: imageDataUrlSchema.optional(), strategyId: strategyIdSchema.optional() }),
    result: postSchema,
  }),
  'posts.edit': defineMethod({
    summary: 'Changes the text (and idea) of the caller’s post, within 15 minutes of posting. Signed in.',
    params: z.strictObject({ postId: postIdSchema, text: postText, idea: tradeIdeaSchema.nullable().optional() }),
    result: postSchema,
  }),
  'posts.delete': defineMethod({ summary: 'Deletes the caller’s post with its comments and likes. Signed in.', params: z.strictObject({ postId: postIdSchema }), result: ok }),
  'posts.get': defineMethod({
    summary: 'A post with its comments (oldest first, paged by cursor).',
    params: z.strictObject({ postId: postIdSchema, cursor, limit: limit(200, 100) }),
    result: z.object({ post: postSchema, comments: z.array(commentSchema), nextCursor: z.string().nullable() }),
  }),
  'posts.image': defineMethod({
    summary: 'A post’s chart snapshot as a data URL.',
    params: z.strictObject({ imageId: z.string().max(64) }),
    result: z.object({ dataUrl: z.string() }),
  }),
  'comments.create': defineMethod({
    summary: `Comments on a post (up to ${SOCIAL_LIMITS.commentChars} characters). Signed in.`,
    params: z.strictObject({ postId: postIdSchema, text: z.string().trim().min(1).max(SOCIAL_LIMITS.commentChars) }),
    result: commentSchema,
  }),
  'comments.delete': defineMethod({ summary: 'Deletes the caller’s comment. Signed in.', params: z.strictObject({ commentId: commentIdSchema }), result: ok }),
  'likes.set': defineMethod({
    summary: 'Likes or unlikes a post. Signed in.',
    params: z.strictObject({ postId: postIdSchema, liked: z.boolean() }),
    result: z.object({ postId: postIdSchema, likes: z.int().nonnegative(), likedByMe: z.boolean() }),
  }),
  'feed.get': defineMethod({
    summary: 'A page of posts: `following` (people and strategies the caller follows, and the caller), `trending` (likes and comments decayed with age), `symbol`, `strategy` or `user`. Newest first except trending.',
    params: feedQuerySchema,
    result: feedPageSchema,
  }),
  'notifications.list': defineMethod({
    summary: 'The caller’s notifications, newest first, with the unread count. Signed in.',
    params: z.strictObject({ cursor, limit: limit(100, 50) }),
    result: z.object({ notifications: z.array(notificationSchema), unread: z.int().nonnegative(), nextCursor: z.string().nullable() }),
  }),
  'notifications.markRead': defineMethod({
    summary: 'Marks the caller’s notifications read, up to and including `upTo` (all by default). Signed in.',
    params: z.strictObject({ upTo: notificationIdSchema.optional() }),
    result: z.object({ unread: z.int().nonnegative() }),
  }),
  'reports.create': defineMethod({
    summary: 'Reports a post or comment to the hub’s moderators. Signed in.',
    params: z.strictObject({ target: z.discriminatedUnion('kind', [z.strictObject({ kind: z.literal('post'), id: postIdSchema }), z.strictObject({ kind: z.literal('comment'), id: commentIdSchema })]), reason: z.string().trim().min(1).max(SOCIAL_LIMITS.reportReasonChars) }),
    result: ok,
  }),
  'leaderboard.query': defineMethod({
    summary: 'Ranked strategies (≥ 30 days and ≥ 10 closed round trips of verified history) with the period’s figures, filtered and sorted, a page at a time.',
    params: leaderboardQuerySchema,
    result: leaderboardPageSchema,
  }),
  'copies.report': defineMethod({
    summary: 'A copier core reports one of its follows: whether it is active and its copy return. The leaderboard counts active copiers and averages their returns. Signed in.',
    params: copyReportSchema,
    result: ok,
  }),
} satisfies Record<string, MethodSpec>;

export type HubMethods = typeof hubMethods;
export type HubMethodName = keyof HubMethods;
export type HubParams<M extends HubMethodName> = z.output<HubMethods[M]['params']>;
export type HubParamsIn<M extends HubMethodName> = z.input<HubMethods[M]['params']>;
export type HubResult<M extends HubMethodName> = z.output<HubMethods[M]['result']>;

export function isHubMethodName(name: string): name is HubMethodName {
  return Object.hasOwn(hubMethods, name);
}

/** What the hub pushes, as JSON-RPC notifications `{ method: topic, params: payload }`. */
export const hubPushes = {
  'strategy.event': defineEvent({ summary: 'A new event of a strategy this connection subscribed to (already checked by the hub; followers check again).', payload: z.object({ event: strategyEventSchema }) }),
  'notification.new': defineEvent({ summary: 'A new notification for the signed-in user.', payload: z.object({ notification: notificationSchema, unread: z.int().nonnegative() }) }),
  'feed.post': defineEvent({ summary: 'A new post by someone the signed-in user follows (or by a followed strategy’s owner about it).', payload: z.object({ post: postSchema }) }),
  'session.revoked': defineEvent({ summary: 'This connection’s session was revoked or expired; sign in again.', payload: z.object({ reason: z.string() }) }),
} satisfies Record<string, EventSpec>;
export type HubPushes = typeof hubPushes;
export type HubPushName = keyof HubPushes;
export type HubPushPayload<T extends HubPushName> = z.output<HubPushes[T]['payload']>;

/** The text a strategy key signs to prove its owner holds it (`strategies.create`'s `proof`). */
export const strategyProofText = (username: string, strategyId: string): string => `IST-STRATEGY-1\n${username}\n${strategyId}`;
