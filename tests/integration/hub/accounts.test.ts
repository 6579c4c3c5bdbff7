import { describe, expect, it } from 'vitest';
import { DAY, connect, failed, member, nextPush, ok, signUp, startTestHub, testClock } from './support';
import type { HubSession } from '../../../src/shared/social/hub-methods';

describe('hub accounts', () => {
  it('signs up with a pleasant avatar colour, signs in again on another connection, and greets with hub.hello', async () => {
    const hub = await startTestHub({ name: 'Test hub' });
    const a = await connect(hub);
    expect(ok(await a.request('hub.hello', {}))).toMatchObject({ protocol: 1, name: 'Test hub', embedded: false });
    const session = await signUp(a, 'Alice_01');
    expect(session.user).toMatchObject({ username: 'alice_01', displayName: 'alice_01', followers: 0, simulated: false });
    expect(session.user.avatarColor).toMatch(/^#[0-9a-f]{6}$/);
    expect(session.token.length).toBeGreaterThanOrEqual(32);

    const b = await connect(hub);
    const again = ok<HubSession>(await b.request('auth.signIn', { username: 'ALICE_01', password: 'correct horse battery' }));
    expect(again.user.userId).toBe(session.user.userId);
    expect(again.token).not.toBe(session.token);
  });

  it('refuses a wrong password, an unknown user and a taken username with clear errors', async () => {
    const hub = await startTestHub();
    const a = await connect(hub);
    await signUp(a, 'bob');
    const b = await connect(hub);
    expect(failed(await b.request('auth.signIn', { username: 'bob', password: 'wrong password' }))).toMatchObject({ code: 'UNAUTHORIZED', message: 'Wrong username or password' });
    expect(failed(await b.request('auth.signIn', { username: 'nobody', password: 'whatever1' }))).toMatchObject({ code: 'UNAUTHORIZED', message: 'Wrong username or password' });
    expect(failed(await b.request('auth.signUp', { username: 'BOB', password: 'another password' }))).toMatchObject({ code: 'CONFLICT' });
    const short = failed(await b.request('auth.signUp', { username: 'carol', password: 'short' }));
    expect(short.code).toBe('INVALID_PARAMS');
    expect(short.message).toContain('password: at least 8 characters');
    expect(failed(await b.request('posts.create', { text: 'hello' }))).toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('resumes a session by token on a new connection and extends it; the token alone never appears in the database', async () => {
    const clock = testClock();
    const hub = await startTestHub({ clock, limits: { sessionTtlMs: 10 * DAY } });
    const a = await connect(hub);
    const session = await signUp(a, 'dana');
    expect(session.expiresAt).toBe(clock.now() + 10 * DAY);
    clock.advance(5 * DAY);
    const b = await connect(hub);
    const resumed = ok<HubSession>(await b.request('auth.resume', { token: session.token }));
    expect(resumed).toMatchObject({ token: session.token, expiresAt: clock.now() + 10 * DAY, user: { username: 'dana' } });
    expect(ok(await b.request('posts.create', { text: 'back again' }))).toMatchObject({ text: 'back again' });

    await hub.close();
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(`${hub.dataDir}/hub.db`, { readonly: true });
    const rows = db.prepare('SELECT token_hash FROM sessions').all() as Array<{ token_hash: string }>;
    db.close();
    expect(rows.length).toBe(1);
    expect(rows[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]!.token_hash).not.toContain(session.token);
  });

  it('expires a session: the next call of its connection is refused and told session.revoked; resume fails', async () => {
    const clock = testClock();
    const hub = await startTestHub({ clock, limits: { sessionTtlMs: DAY } });
    const { client, session } = await member(hub, 'erin');
    clock.advance(DAY + 1);
    const revoked = nextPush<{ reason: string }>(client, 'session.revoked');
    expect(failed(await client.request('posts.create', { text: 'too late' }))).toMatchObject({ code: 'UNAUTHORIZED', message: 'Your session expired: sign in again' });
    expect((await revoked).reason).toContain('expired');
    const other = await connect(hub);
    expect(failed(await other.request('auth.resume', { token: session.token }))).toMatchObject({ code: 'UNAUTHORIZED', message: 'This session expired: sign in again' });
    // Public reads still work signed out.
    expect(ok(await client.request('feed.get', { tab: 'trending' }))).toMatchObject({ posts: [] });
  });

  it('signs out: the token is revoked for every connection that resumed it', async () => {
    const hub = await startTestHub();
    const { client: a, session } = await member(hub, 'frank');
    const b = await connect(hub);
    ok(await b.request('auth.resume', { token: session.token }));
    const pushed = nextPush<{ reason: string }>(b, 'session.revoked');
    expect(ok(await a.request('auth.signOut', {}))).toEqual({ ok: true });
    expect((await pushed).reason).toBe('Signed out');
    expect(failed(await b.request('posts.create', { text: 'x' }))).toMatchObject({ code: 'UNAUTHORIZED' });
    expect(failed(await a.request('posts.create', { text: 'x' }))).toMatchObject({ code: 'UNAUTHORIZED' });
    const c = await connect(hub);
    expect(failed(await c.request('auth.resume', { token: session.token }))).toMatchObject({ message: 'This session was signed out: sign in again' });
  });

  it('revokes the other sessions of an account, which lose access at once, and keeps this one', async () => {
    const hub = await startTestHub();
    const { client: a } = await member(hub, 'gina');
    const b = await connect(hub);
    const c = await connect(hub);
    ok(await b.request('auth.signIn', { username: 'gina', password: 'correct horse battery' }));
    ok(await c.request('auth.signIn', { username: 'gina', password: 'correct horse battery' }));
    const bRevoked = nextPush<{ reason: string }>(b, 'session.revoked');
    const cRevoked = nextPush<{ reason: string }>(c, 'session.revoked');
    expect(ok(await a.request('auth.revokeOthers', {}))).toEqual({ revoked: 2 });
    expect((await bRevoked).reason).toBe('Signed out from another device');
    await cRevoked;
    expect(failed(await b.request('notifications.list', {}))).toMatchObject({ code: 'UNAUTHORIZED' });
    expect(ok(await a.request('notifications.list', {}))).toMatchObject({ unread: 0 });
  });

  it('updates the profile and shows it to others with counts relative to the viewer', async () => {
    const hub = await startTestHub();
    const { client: a, userId: alice } = await member(hub, 'hank');
    const { client: b } = await member(hub, 'ivy');
    expect(ok(await a.request('users.update', { displayName: 'Hank T.', bio: 'Swing trader', avatarColor: '#123abc' }))).toMatchObject({ displayName: 'Hank T.', bio: 'Swing trader', avatarColor: '#123abc' });
    ok(await b.request('follows.set', { target: { kind: 'user', id: alice }, follow: true }));
    const seen = ok<{ user: { followers: number; followedByMe: boolean; displayName: string } }>(await b.request('users.get', { username: 'hank' }));
    expect(seen.user).toMatchObject({ followers: 1, followedByMe: true, displayName: 'Hank T.' });
    const anonymous = await connect(hub);
    expect(ok<{ user: { followedByMe: boolean } }>(await anonymous.request('users.get', { userId: alice })).user.followedByMe).toBe(false);
    expect(failed(await anonymous.request('users.get', { username: 'nobody' }))).toMatchObject({ code: 'NOT_FOUND' });
    const bad = failed(await a.request('users.update', { bio: 'x'.repeat(281) }));
    expect(bad.code).toBe('INVALID_PARAMS');
  });

  it('limits sign-in attempts per address, saying what was exceeded', async () => {
    const hub = await startTestHub({ limits: { authPerMinute: 3 } });
    const a = await connect(hub);
    for (let i = 0; i < 3; i++) failed(await a.request('auth.signIn', { username: 'nobody', password: `guess-${i}-xx` }));
    const limited = failed(await a.request('auth.signIn', { username: 'nobody', password: 'guess-4-xx' }));
    expect(limited.code).toBe('RATE_LIMITED');
    expect(limited.message).toMatch(/Too many sign-in attempts from your address: at most 3 a minute\. Try again in \d+ s\./);
    // Another connection from the same address shares the allowance.
    const b = await connect(hub);
    expect(failed(await b.request('auth.signUp', { username: 'newbie', password: 'password123' })).code).toBe('RATE_LIMITED');
  });
});
