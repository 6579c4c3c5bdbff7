import { ApiError } from '../../shared/contract/errors';
import type { HubSession } from '../../shared/social/hub-methods';
import type { ConnectionRegistry } from '../rpc/connection-registry';
import type { HubConnection } from '../rpc/hub-connection';
import { randomId } from '../ids/random-id';
import { avatarColorFor } from './avatar-colors';
import { DECOY_HASH, hashPassword, verifyPassword } from './password-hash';
import { newSessionToken, tokenHash } from './session-token';
import type { SessionsRepository } from './sessions-repository';
import type { UsersRepository } from './users-repository';

export interface AuthServiceOptions {
  users: UsersRepository;
  sessions: SessionsRepository;
  registry: ConnectionRegistry;
  sessionTtlMs: number;
}

/** Accounts and sessions: who a connection is, and for how long. */
export interface AuthService {
  signUp(connection: HubConnection, p: { username: string; password: string; displayName?: string | undefined }, now: number): Promise<HubSession>;
  signIn(connection: HubConnection, p: { username: string; password: string }, now: number): Promise<HubSession>;
  resume(connection: HubConnection, token: string, now: number): HubSession;
  signOut(connection: HubConnection, now: number): void;
  revokeOthers(connection: HubConnection, now: number): number;
  /** The connection's member while its session lasts; see `CallGuards.member`. */
  member(connection: HubConnection, now: number): { userId: string } | { userId: null; reason: string };
}

const WRONG_CREDENTIALS = 'Wrong username or password';

export function createAuthService(options: AuthServiceOptions): AuthService {
  const { users, sessions, registry, sessionTtlMs } = options;

  const startSession = (connection: HubConnection, userId: string, now: number): HubSession => {
    const token = newSessionToken();
    const sessionId = randomId('s');
    const expiresAt = now + sessionTtlMs;
    sessions.insert({ sessionId, userId, tokenHash: tokenHash(token), createdAt: now, expiresAt });
    registry.setAuth(connection, { userId, sessionId });
    return { token, expiresAt, user: users.profile(userId, userId)! };
  };

  return {
    async signUp(connection, p, now) {
      if (users.byUsername(p.username)) throw new ApiError('CONFLICT', `The username ${p.username} is taken; choose another`);
      const passwordHash = await hashPassword(p.password);
      const userId = randomId('u');
      try {
        users.insert({ userId, username: p.username, displayName: p.displayName ?? p.username, bio: '', avatarColor: avatarColorFor(p.username), passwordHash, simulated: false, createdAt: now });
      } catch (error) {
        // Two sign-ups for one name at once: the database decides who got it.
        if (error instanceof Error && 'code' in error && error.code === 'SQLITE_CONSTRAINT_UNIQUE') throw new ApiError('CONFLICT', `The username ${p.username} is taken; choose another`);
        throw error;
      }
      return startSession(connection, userId, now);
    },
    async signIn(connection, p, now) {
      const user = users.byUsername(p.username);
      const ok = await verifyPassword(p.password, user?.password_hash ?? DECOY_HASH);
      if (!user || !user.password_hash || !ok) throw new ApiError('UNAUTHORIZED', WRONG_CREDENTIALS);
      return startSession(connection, user.user_id, now);
    },
    resume(connection, token, now) {
      const session = sessions.byTokenHash(tokenHash(token));
      if (!session) throw new ApiError('UNAUTHORIZED', 'This session is not known to the hub: sign in again');
      if (session.revoked_at !== null) throw new ApiError('UNAUTHORIZED', 'This session was signed out: sign in again');
      if (session.expires_at <= now) throw new ApiError('UNAUTHORIZED', 'This session expired: sign in again');
      const expiresAt = now + sessionTtlMs;
      sessions.extend(session.session_id, expiresAt);
      registry.setAuth(connection, { userId: session.user_id, sessionId: session.session_id });
      return { token, expiresAt, user: users.profile(session.user_id, session.user_id)! };
    },
    signOut(connection, now) {
      const sessionId = connection.auth?.sessionId;
      registry.setAuth(connection, null);
      if (!sessionId) return;
      sessions.revoke(sessionId, now);
      // Other connections resumed with the same token lose it too.
      registry.revokeSessions([sessionId], 'Signed out');
    },
    revokeOthers(connection, now) {
      const auth = connection.auth;
      if (!auth) return 0;
      const revoked = sessions.revokeOthers(auth.userId, auth.sessionId, now);
      registry.revokeSessions(revoked, 'Signed out from another device');
      return revoked.length;
    },
    member(connection, now) {
      const auth = connection.auth;
      if (!auth) return { userId: null, reason: 'Sign in first' };
      if (auth.sessionId === null) {
        if (users.byId(auth.userId)) return { userId: auth.userId };
        registry.setAuth(connection, null);
        return { userId: null, reason: 'That member no longer exists' };
      }
      const session = sessions.byId(auth.sessionId);
      let reason: string | null = null;
      if (!session || session.revoked_at !== null) reason = 'Your session was signed out: sign in again';
      else if (session.expires_at <= now) reason = 'Your session expired: sign in again';
      if (reason === null) return { userId: auth.userId };
      registry.revokeSessions([auth.sessionId], reason);
      registry.setAuth(connection, null);
      return { userId: null, reason };
    },
  };
}
