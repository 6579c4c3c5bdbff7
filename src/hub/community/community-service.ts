import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { ApiError } from '../../shared/contract/errors';
import { followTargetSchema } from '../../shared/social/hub-methods';
import {
  avatarColorSchema,
  displayNameSchema,
  parseTags,
  postIdSchema,
  SOCIAL_LIMITS,
  tradeIdeaSchema,
  userIdSchema,
  usernameSchema,
} from '../../shared/social/social-types';
import { strategyIdSchema } from '../../shared/social/strategy-event';
import type { CommunitySeed, SimulatedMember } from '../hub-api';
import type { UsersRepository } from '../accounts/users-repository';
import { randomId } from '../ids/random-id';
import type { CommentsRepository } from '../social/comments-repository';
import type { PostsRepository } from '../social/posts-repository';
import type { RelationsRepository } from '../social/relations-repository';
import type { StrategiesRepository } from '../streams/strategies-repository';

const time = z.int().min(0).max(8.64e15);

const memberSchema = z.object({
  username: usernameSchema,
  displayName: displayNameSchema,
  bio: z.string().trim().max(SOCIAL_LIMITS.bioChars),
  avatarColor: avatarColorSchema,
  createdAt: time,
});

const text = (max: number) => z.string().trim().min(1).max(max);
const seedSchema = z.object({
  posts: z
    .array(z.object({ postId: postIdSchema.optional(), userId: userIdSchema, text: text(SOCIAL_LIMITS.postChars), idea: tradeIdeaSchema.optional(), strategyId: strategyIdSchema.optional(), createdAt: time }))
    .default([]),
  comments: z.array(z.object({ postId: postIdSchema, userId: userIdSchema, text: text(SOCIAL_LIMITS.commentChars), createdAt: time })).default([]),
  likes: z.array(z.object({ postId: postIdSchema, userId: userIdSchema, createdAt: time })).default([]),
  follows: z.array(z.object({ userId: userIdSchema, target: followTargetSchema, createdAt: time })).default([]),
});

/** An embedded hub's simulated community: its members and the history it brings with it. */
export interface CommunityService {
  addMember(member: SimulatedMember): string;
  seed(seed: CommunitySeed): { postIds: string[] };
}

export function createCommunityService(deps: {
  db: Database;
  users: UsersRepository;
  posts: PostsRepository;
  comments: CommentsRepository;
  relations: RelationsRepository;
  strategies: StrategiesRepository;
}): CommunityService {
  const { db, users, posts, comments, relations, strategies } = deps;
  const invalid = (what: string, error: z.ZodError): ApiError =>
    new ApiError('INVALID_PARAMS', `${what}: ${error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return {
    addMember(input) {
      const parsed = memberSchema.safeParse(input);
      if (!parsed.success) throw invalid('A simulated member', parsed.error);
      const m = parsed.data;
      const existing = users.byUsername(m.username);
      if (existing) {
        if (!existing.simulated) throw new ApiError('CONFLICT', `@${m.username} is a real member of this hub, not a simulated one`);
        return existing.user_id;
      }
      const userId = randomId('u');
      users.insert({ userId, username: m.username, displayName: m.displayName, bio: m.bio, avatarColor: m.avatarColor, passwordHash: null, simulated: true, createdAt: m.createdAt });
      return userId;
    },
    seed(input) {
      const parsed = seedSchema.safeParse(input);
      if (!parsed.success) throw invalid('The community seed', parsed.error);
      const s = parsed.data;
      const member = (userId: string): void => {
        if (!users.byId(userId)) throw new ApiError('NOT_FOUND', `The community seed names member ${userId}, who is not on this hub`);
      };
      const post = (postId: string): void => {
        if (!posts.owner(postId)) throw new ApiError('NOT_FOUND', `The community seed names post ${postId}, which is not on this hub`);
      };
      // Backdated history: no notifications and no pushes, it happened before anyone was listening.
      return db.transaction(() => {
        const postIds: string[] = [];
        for (const p of s.posts) {
          member(p.userId);
          if (p.strategyId && !strategies.row(p.strategyId)) throw new ApiError('NOT_FOUND', `The community seed names strategy ${p.strategyId}, which is not on this hub`);
          const postId = p.postId ?? randomId('p');
          const { cashtags, mentions } = parseTags(p.text);
          posts.insert({ postId, authorId: p.userId, text: p.text, cashtags, mentions, idea: p.idea ?? null, image: null, strategyId: p.strategyId ?? null, createdAt: p.createdAt });
          postIds.push(postId);
        }
        for (const c of s.comments) {
          member(c.userId);
          post(c.postId);
          comments.insert({ commentId: randomId('c'), postId: c.postId, authorId: c.userId, text: c.text, createdAt: c.createdAt });
        }
        for (const l of s.likes) {
          member(l.userId);
          post(l.postId);
          posts.setLike(l.postId, l.userId, true, l.createdAt);
        }
        for (const f of s.follows) {
          member(f.userId);
          if (f.target.kind === 'user') {
            member(f.target.id);
            if (f.target.id !== f.userId) relations.setUserFollow(f.userId, f.target.id, true, f.createdAt);
          } else {
            if (!strategies.row(f.target.id)) throw new ApiError('NOT_FOUND', `The community seed names strategy ${f.target.id}, which is not on this hub`);
            relations.setStrategyFollow(f.userId, f.target.id, true, f.createdAt);
          }
        }
        return { postIds };
      })();
    },
  };
}
