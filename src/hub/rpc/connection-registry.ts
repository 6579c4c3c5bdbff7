import type { HubPushName, HubPushPayload } from '../../shared/social/hub-methods';
import type { ConnectionAuth, HubConnection } from './hub-connection';
import { createPush, type Push } from './push';

/** Strategies one connection may follow live at once. */
export const MAX_SUBSCRIPTIONS_PER_CONNECTION = 2000;

/**
 * Every open connection, indexed by member, by session and by subscribed strategy, so a push finds
 * its recipients without scanning everyone.
 */
export interface ConnectionRegistry {
  add(connection: HubConnection): void;
  remove(connection: HubConnection): void;
  setAuth(connection: HubConnection, auth: ConnectionAuth | null): void;
  /** Returns how many strategies the connection follows afterwards. */
  subscribe(connection: HubConnection, strategyIds: readonly string[]): number;
  unsubscribe(connection: HubConnection, strategyIds: readonly string[]): number;
  /** Pushes to every connection subscribed to the strategy; returns how many got it. */
  pushToSubscribers(strategyId: string, push: Push): number;
  pushToUser<T extends HubPushName>(userId: string, topic: T, payload: HubPushPayload<T>): void;
  pushToUsers(userIds: Iterable<string>, push: Push): void;
  /** Whether the member has a signed-in connection now. */
  isOnline(userId: string): boolean;
  /** Signs out every connection of these sessions and tells them why. */
  revokeSessions(sessionIds: readonly string[], reason: string): void;
  readonly size: number;
  all(): Iterable<HubConnection>;
}

export function createConnectionRegistry(): ConnectionRegistry {
  const connections = new Set<HubConnection>();
  const byUser = new Map<string, Set<HubConnection>>();
  const bySession = new Map<string, Set<HubConnection>>();
  const byStrategy = new Map<string, Set<HubConnection>>();

  const addTo = (index: Map<string, Set<HubConnection>>, key: string, c: HubConnection): void => {
    let set = index.get(key);
    if (!set) index.set(key, (set = new Set()));
    set.add(c);
  };
  const removeFrom = (index: Map<string, Set<HubConnection>>, key: string, c: HubConnection): void => {
    const set = index.get(key);
    if (!set) return;
    set.delete(c);
    if (set.size === 0) index.delete(key);
  };
  const setAuth = (c: HubConnection, auth: ConnectionAuth | null): void => {
    if (c.auth) {
      removeFrom(byUser, c.auth.userId, c);
      if (c.auth.sessionId) removeFrom(bySession, c.auth.sessionId, c);
    }
    c.auth = auth;
    if (auth && connections.has(c)) {
      addTo(byUser, auth.userId, c);
      if (auth.sessionId) addTo(bySession, auth.sessionId, c);
    }
  };

  return {
    add(c) {
      connections.add(c);
      if (c.auth) setAuth(c, c.auth);
    },
    remove(c) {
      if (!connections.delete(c)) return;
      setAuth(c, null);
      for (const id of c.subscriptions) removeFrom(byStrategy, id, c);
      c.subscriptions.clear();
    },
    setAuth,
    subscribe(c, ids) {
      for (const id of ids) {
        if (c.subscriptions.has(id)) continue;
        if (c.subscriptions.size >= MAX_SUBSCRIPTIONS_PER_CONNECTION) break;
        c.subscriptions.add(id);
        addTo(byStrategy, id, c);
      }
      return c.subscriptions.size;
    },
    unsubscribe(c, ids) {
      for (const id of ids) {
        if (c.subscriptions.delete(id)) removeFrom(byStrategy, id, c);
      }
      return c.subscriptions.size;
    },
    pushToSubscribers(strategyId, push) {
      const set = byStrategy.get(strategyId);
      if (!set) return 0;
      // Copied first: a slow consumer cut off mid-loop leaves the set while we walk it.
      const targets = [...set];
      for (const c of targets) c.deliver(push);
      return targets.length;
    },
    pushToUser(userId, topic, payload) {
      const set = byUser.get(userId);
      if (!set || set.size === 0) return;
      const push = createPush(topic, payload);
      for (const c of [...set]) c.deliver(push);
    },
    pushToUsers(userIds, push) {
      for (const userId of userIds) {
        const set = byUser.get(userId);
        if (set) for (const c of [...set]) c.deliver(push);
      }
    },
    isOnline: (userId) => byUser.has(userId),
    revokeSessions(sessionIds, reason) {
      const push = createPush('session.revoked', { reason });
      for (const sessionId of sessionIds) {
        const set = bySession.get(sessionId);
        if (!set) continue;
        for (const c of [...set]) {
          setAuth(c, null);
          c.deliver(push);
        }
      }
    },
    get size() {
      return connections.size;
    },
    all: () => connections,
  };
}
