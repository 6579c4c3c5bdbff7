import { ApiError } from '../../shared/contract/errors';
import type { HubHandlers } from '../rpc/hub-handlers';
import type { LeaderboardService } from '../leaderboard/leaderboard-service';
import type { RelationsService } from '../social/relations-service';
import type { StrategiesRepository } from '../streams/strategies-repository';
import type { AuthService } from './auth-service';
import type { UsersRepository } from './users-repository';

export type AccountHandlers = Pick<HubHandlers, 'auth.signUp' | 'auth.signIn' | 'auth.resume' | 'auth.signOut' | 'auth.revokeOthers' | 'users.get' | 'users.update' | 'users.block'>;

export function createAccountHandlers(deps: { auth: AuthService; users: UsersRepository; strategies: StrategiesRepository; relations: RelationsService; leaderboard: LeaderboardService }): AccountHandlers {
  const { auth, users, strategies, relations, leaderboard } = deps;
  return {
    'auth.signUp': (p, c) => auth.signUp(c.connection, p, c.now),
    'auth.signIn': (p, c) => auth.signIn(c.connection, p, c.now),
    'auth.resume': (p, c) => auth.resume(c.connection, p.token, c.now),
    'auth.signOut': (_p, c) => {
      auth.signOut(c.connection, c.now);
      return { ok: true };
    },
    'auth.revokeOthers': (_p, c) => ({ revoked: auth.revokeOthers(c.connection, c.now) }),
    'users.get': (p, c) => {
      const row = p.userId !== undefined ? users.byId(p.userId) : users.byUsername(p.username!);
      if (!row) throw new ApiError('NOT_FOUND', `Member ${p.userId ?? `@${p.username}`} does not exist`);
      const viewer = c.userId ?? '';
      return { user: users.profile(row.user_id, c.userId)!, strategies: strategies.byOwner(row.user_id, viewer) };
    },
    'users.update': (p, c) => {
      const userId = c.member();
      users.update(userId, p);
      if (p.displayName !== undefined) leaderboard.ownerChanged(userId);
      return users.profile(userId, userId)!;
    },
    'users.block': (p, c) => relations.block(c.member(), p.userId, p.blocked, c.now),
  };
}
