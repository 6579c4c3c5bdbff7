import { ApiError, type Handlers } from '../../shared/contract';
import type { HubMethodName, HubParamsIn, HubResult } from '../../shared/social/hub-methods';
import type { Clock } from '../ports';
import type { CachedReads } from './cached-reads';
import type { HubClient } from './hub-client';
import { strategyDetail } from './strategy-detail';
import type { StrategyPublisher } from './strategy-publisher';
import type { VerifiedStreams } from './verified-streams';

export type SocialHandlers = Pick<
  Handlers,
  | 'hub.status'
  | 'hub.signUp'
  | 'hub.signIn'
  | 'hub.signOut'
  | 'hub.configure'
  | 'social.feed'
  | 'social.post'
  | 'social.editPost'
  | 'social.deletePost'
  | 'social.thread'
  | 'social.comment'
  | 'social.like'
  | 'social.follow'
  | 'social.profile'
  | 'social.updateProfile'
  | 'social.image'
  | 'social.notifications'
  | 'social.markRead'
  | 'social.report'
  | 'social.block'
  | 'leaderboard.list'
  | 'strategy.get'
  | 'strategy.publish'
  | 'strategy.unpublish'
  | 'strategy.mine'
>;

export interface SocialHandlerDeps {
  hub: HubClient;
  reads: CachedReads;
  streams: VerifiedStreams;
  publisher: StrategyPublisher;
  clock: Clock;
}

/** What each write is, in words, for "… needs the hub" when it cannot be reached. */
const WRITES = {
  'posts.create': 'Posting',
  'posts.edit': 'Editing a post',
  'posts.delete': 'Deleting a post',
  'comments.create': 'Commenting',
  'likes.set': 'Liking a post',
  'follows.set': 'Following',
  'users.update': 'Changing your profile',
  'users.block': 'Blocking a member',
  'notifications.markRead': 'Marking notifications read',
  'reports.create': 'Reporting',
} as const satisfies Partial<Record<HubMethodName, string>>;

/** The app's social API: reads served from the hub or the offline cache, writes only through the hub. */
export function createSocialHandlers(deps: SocialHandlerDeps): SocialHandlers {
  const { hub, reads, streams, publisher } = deps;

  const write = async <M extends keyof typeof WRITES>(method: M, params: HubParamsIn<M>): Promise<HubResult<M>> => {
    if (!hub.online()) throw new ApiError('UNAVAILABLE', `${WRITES[method]} needs the hub, which cannot be reached now: ${hub.status().detail}`);
    return hub.call(method, params);
  };
  const read = async <M extends HubMethodName>(method: M, params: HubParamsIn<M>) => {
    const r = await reads.read(method, params);
    return { ...r.value, stale: r.stale, fetchedAt: r.fetchedAt };
  };

  return {
    'hub.status': () => hub.status(),
    'hub.signUp': (p) => hub.signUp(p),
    'hub.signIn': (p) => hub.signIn(p),
    'hub.signOut': () => hub.signOut(),
    'hub.configure': (p) => hub.configure(p.url),
    'social.feed': (p) => read('feed.get', p),
    'social.post': (p) => write('posts.create', p),
    'social.editPost': (p) => write('posts.edit', p),
    'social.deletePost': (p) => write('posts.delete', p),
    'social.thread': (p) => read('posts.get', p),
    'social.comment': (p) => write('comments.create', p),
    'social.like': (p) => write('likes.set', p),
    async 'social.follow'(p) {
      const result = await write('follows.set', p);
      if (p.target.kind === 'strategy') streams.setFollowed(p.target.id, result.following);
      return result;
    },
    'social.profile': (p) => read('users.get', p),
    async 'social.updateProfile'(p) {
      const user = await write('users.update', p);
      hub.updateUser(user);
      return user;
    },
    'social.image': async (p) => ({ dataUrl: (await reads.read('posts.image', p)).value.dataUrl }),
    'social.notifications': (p) => read('notifications.list', p),
    'social.markRead': (p) => write('notifications.markRead', p),
    'social.report': (p) => write('reports.create', p),
    'social.block': (p) => write('users.block', p),
    'leaderboard.list': (p) => read('leaderboard.query', p),
    'strategy.get': (p) => strategyDetail({ reads, streams, clock: deps.clock, signedIn: () => hub.user() !== null, publishedAccount: (id) => publisher.accountOf(id) }, p.strategyId),
    'strategy.publish': (p) => publisher.publish(p),
    'strategy.unpublish': (p) => publisher.unpublish(p.strategyId),
    'strategy.mine': () => publisher.mine(),
  };
}
