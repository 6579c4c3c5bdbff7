import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { startHub } from '../../../src/hub';
import { silentHubLogger } from '../../../src/hub/logging/stdout-logger';
import { HUB_SCHEMA_VERSION, hubMigrations } from '../../../src/hub/store/migrations';
import { openHubDatabase } from '../../../src/hub/store/open-hub-database';
import type { HubSession } from '../../../src/shared/social/hub-methods';
import type { LeaderboardPage } from '../../../src/shared/social/leaderboard';
import type { Notification, Post } from '../../../src/shared/social/social-types';
import type { StrategyEvent } from '../../../src/shared/social/strategy-event';
import { tempDir } from '../../helpers/temp-dir';
import { connect, createParams, DAY, member, ok, startTestHub, StreamWriter, T0, testClock, trackRecord } from './support';

describe('hub persistence', () => {
  it('keeps members, sessions, strategies, streams, posts, follows, notifications, copies and the leaderboard across a restart', async () => {
    const clock = testClock(T0 + 50 * DAY);
    const dataDir = tempDir('ist-hub-');
    const first = await startTestHub({ dataDir, clock });
    const alice = await member(first, 'alice');
    const bob = await member(first, 'bob');
    const writer = new StreamWriter();
    ok(await alice.client.request('strategies.create', createParams(writer.key, 'alice', 'Durable')));
    const events = trackRecord(writer, { start: T0, days: 45, trips: 12 });
    await first.importEvents(events);
    const post = ok<Post>(await alice.client.request('posts.create', { text: 'persist $BTC', strategyId: writer.strategyId }));
    ok(await bob.client.request('comments.create', { postId: post.postId, text: 'noted' }));
    ok(await bob.client.request('likes.set', { postId: post.postId, liked: true }));
    ok(await bob.client.request('follows.set', { target: { kind: 'strategy', id: writer.strategyId }, follow: true }));
    ok(await bob.client.request('copies.report', { strategyId: writer.strategyId, followId: 'follow-1', active: true, returnSinceStart: 0.03 }));
    const board = ok<LeaderboardPage>(await bob.client.request('leaderboard.query', { period: 'all' }));
    const notes = ok<{ notifications: Notification[] }>(await alice.client.request('notifications.list', {}));
    await first.close();

    const second = await startTestHub({ dataDir, clock });
    const c = await connect(second);
    const resumed = ok<HubSession>(await c.request('auth.resume', { token: alice.session.token }));
    expect(resumed.user).toMatchObject({ username: 'alice', posts: 1 });
    const d = await connect(second);
    ok(await d.request('auth.signIn', { username: 'bob', password: 'correct horse battery' }));
    expect(ok<{ events: StrategyEvent[]; headSeq: number }>(await d.request('strategies.events', { strategyId: writer.strategyId, limit: 2000 }))).toEqual({ events, headSeq: events.length });
    expect(ok(await d.request('strategies.get', { strategyId: writer.strategyId }))).toMatchObject({ followers: 1, copiers: 1, followedByMe: true, headSeq: events.length });
    expect(ok<{ post: Post; comments: unknown[] }>(await d.request('posts.get', { postId: post.postId }))).toMatchObject({ post: { likes: 1, comments: 1, likedByMe: true }, comments: [{ text: 'noted' }] });
    expect(ok<{ notifications: Notification[] }>(await c.request('notifications.list', {})).notifications).toEqual(notes.notifications);
    expect(ok<LeaderboardPage>(await d.request('leaderboard.query', { period: 'all' })).rows).toEqual(board.rows);
    // The restored head still takes the next event.
    expect(ok<{ headSeq: number }>(await c.request('strategies.publish', { events: [writer.next({ type: 'mark', time: clock.now(), equity: 1, grossExposure: 0 }, clock.now())] })).headSeq).toBe(events.length + 1);
  });

  it('refuses a database written by a newer hub, with a clear error, and leaves it untouched', async () => {
    const dataDir = tempDir('ist-hub-');
    const hub = await startHub({ dataDir, port: 0 });
    await hub.close();
    const file = path.join(dataDir, 'hub.db');
    const db = new BetterSqlite3(file);
    db.pragma(`user_version = ${HUB_SCHEMA_VERSION + 1}`);
    db.close();
    const bytes = fs.readFileSync(file);
    await expect(startHub({ dataDir, port: 0 })).rejects.toThrow(
      `The hub database ${file} has schema version ${HUB_SCHEMA_VERSION + 1}, but this hub only knows up to ${HUB_SCHEMA_VERSION}. It was written by a newer release: update the hub, or point it at another data directory. The file was not modified.`,
    );
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  });

  it('refuses a file that is not a database', async () => {
    const dataDir = tempDir('ist-hub-');
    fs.writeFileSync(path.join(dataDir, 'hub.db'), 'definitely not sqlite, just some text that is long enough to look like a header'.repeat(20));
    await expect(startHub({ dataDir, port: 0 })).rejects.toThrow(/failed its integrity check/);
  });

  it('refuses to embed on an address other than loopback', async () => {
    await expect(startHub({ dataDir: tempDir('ist-hub-'), port: 0, embedded: true, host: '0.0.0.0' })).rejects.toThrow('An embedded hub listens on the loopback interface only, not on 0.0.0.0');
  });

  it('offers simulated members, seeding and acting as a member only on embedded hubs', async () => {
    const hub = await startTestHub();
    expect(() => hub.addMember({ username: 'sim_one', displayName: 'Sim', bio: '', avatarColor: '#123456', createdAt: T0 })).toThrow('only available on an embedded hub');
    expect(() => hub.seed({})).toThrow('only available on an embedded hub');
    expect(() => hub.local().actAs('u_whoever01')).toThrow('only possible on an embedded hub');
    const a = await connect(hub);
    expect(ok(await a.request('hub.hello', {}))).toMatchObject({ embedded: false });
  });
});

/** Opens a database migrated up to (and including) `version`. */
function databaseAt(version: number) {
  return openHubDatabase(path.join(tempDir('ist-hub-'), 'hub.db'), { log: silentHubLogger, migrations: hubMigrations.filter((m) => m.version <= version) });
}

describe('hub migrations', () => {
  it('are numbered 1..N without gaps, and N is the schema this build writes', () => {
    expect(hubMigrations.map((m) => m.version)).toEqual(hubMigrations.map((_, i) => i + 1));
    expect(HUB_SCHEMA_VERSION).toBe(hubMigrations.length);
  });

  it('apply one after another from an older database, and roll back a failing one whole', () => {
    const file = path.join(tempDir('ist-hub-'), 'hub.db');
    openHubDatabase(file, { log: silentHubLogger, migrations: hubMigrations.slice(0, 1) }).close();
    const db = openHubDatabase(file, { log: silentHubLogger });
    expect(db.pragma('user_version', { simple: true })).toBe(HUB_SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
    const other = path.join(tempDir('ist-hub-'), 'hub.db');
    const broken = { version: 2, name: 'broken', up: (d: BetterSqlite3.Database) => d.exec('CREATE TABLE half (x); SELECT * FROM missing_table;') };
    expect(() => openHubDatabase(other, { log: silentHubLogger, migrations: [hubMigrations[0]!, broken] })).toThrow(/missing_table/);
    const check = new BetterSqlite3(other, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(1);
    expect(check.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
    check.close();
  });

  describe('001 accounts', () => {
    it('keeps usernames unique and lower case, and sessions cascade with their member', () => {
      const db = databaseAt(1);
      const user = db.prepare("INSERT INTO users (user_id, username, display_name, avatar_color, created_at) VALUES (?, ?, 'x', '#000000', 1)");
      user.run('u_1', 'alice');
      expect(() => user.run('u_2', 'alice')).toThrow(/UNIQUE/);
      expect(() => user.run('u_3', 'Bob')).toThrow(/CHECK/);
      db.prepare("INSERT INTO sessions (session_id, user_id, token_hash, created_at, expires_at) VALUES ('s_1', 'u_1', 'h', 1, 2)").run();
      expect(() => db.prepare("INSERT INTO sessions (session_id, user_id, token_hash, created_at, expires_at) VALUES ('s_2', 'u_9', 'h2', 1, 2)").run()).toThrow(/FOREIGN KEY/);
      db.prepare("DELETE FROM users WHERE user_id = 'u_1'").run();
      expect(db.prepare('SELECT COUNT(*) AS n FROM sessions').get()).toEqual({ n: 0 });
      db.close();
    });
  });

  describe('002 strategies', () => {
    it('keys events by strategy and seq, and binds each key to one strategy', () => {
      const db = databaseAt(2);
      db.prepare("INSERT INTO users (user_id, username, display_name, avatar_color, created_at) VALUES ('u_1', 'alice', 'x', '#000000', 1)").run();
      const strategy = db.prepare("INSERT INTO strategies (strategy_id, owner_id, name, description, public_key, currency, asset_classes, created_at, head_hash) VALUES (?, 'u_1', 'n', '', ?, 'USD', '[\"crypto\"]', 1, '0')");
      strategy.run('st_1', 'key1');
      expect(() => strategy.run('st_2', 'key1')).toThrow(/UNIQUE/);
      const event = db.prepare("INSERT INTO strategy_events (strategy_id, seq, prev_hash, hash, ts, type, body, sig, received_at) VALUES ('st_1', ?, 'p', 'h', 1, ?, '{}', 's', 1)");
      event.run(1, 'mark');
      expect(() => event.run(1, 'mark')).toThrow(/UNIQUE|PRIMARY/);
      expect(() => event.run(2, 'bogus')).toThrow(/CHECK/);
      expect(() => event.run(0, 'mark')).toThrow(/CHECK/);
      db.close();
    });
  });

  describe('003 social', () => {
    it('counts likes and comments by trigger and deletes a post with everything hanging off it', () => {
      const db = databaseAt(3);
      db.prepare("INSERT INTO users (user_id, username, display_name, avatar_color, created_at) VALUES ('u_1', 'alice', 'x', '#000000', 1), ('u_2', 'bob', 'y', '#000000', 1)").run();
      db.prepare("INSERT INTO posts (post_id, author_id, text, cashtags, mentions, created_at) VALUES ('p_1', 'u_1', 't', '[\"BTC\"]', '[]', 5)").run();
      db.prepare("INSERT INTO post_cashtags (cashtag, post_id, created_at) VALUES ('BTC', 'p_1', 5)").run();
      db.prepare("INSERT INTO likes (post_id, user_id, created_at) VALUES ('p_1', 'u_2', 6)").run();
      db.prepare("INSERT INTO comments (comment_id, post_id, author_id, text, created_at) VALUES ('c_1', 'p_1', 'u_2', 'hi', 7)").run();
      db.prepare("INSERT INTO notifications (notification_id, user_id, kind, actor_id, post_id, created_at) VALUES ('n_1', 'u_1', 'like', 'u_2', 'p_1', 6)").run();
      expect(db.prepare("SELECT likes, comments FROM posts WHERE post_id = 'p_1'").get()).toEqual({ likes: 1, comments: 1 });
      expect(() => db.prepare("INSERT INTO user_follows (follower_id, followee_id, created_at) VALUES ('u_1', 'u_1', 1)").run()).toThrow(/CHECK/);
      expect(() => db.prepare("INSERT INTO notifications (notification_id, user_id, kind, actor_id, created_at) VALUES ('n_2', 'u_1', 'follow', 'u_1', 1)").run()).toThrow(/CHECK/);
      db.prepare("DELETE FROM posts WHERE post_id = 'p_1'").run();
      for (const table of ['likes', 'comments', 'post_cashtags', 'notifications']) expect(db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get(), table).toEqual({ n: 0 });
      db.close();
    });
  });

  describe('004 leaderboard', () => {
    it('keeps one row per period and strategy, with its sparkline beside it, gone with the strategy', () => {
      const db = databaseAt(4);
      db.prepare("INSERT INTO users (user_id, username, display_name, avatar_color, created_at) VALUES ('u_1', 'alice', 'x', '#000000', 1)").run();
      db.prepare("INSERT INTO strategies (strategy_id, owner_id, name, description, public_key, currency, asset_classes, created_at, head_hash) VALUES ('st_1', 'u_1', 'n', '', 'k', 'USD', '[]', 1, '0')").run();
      const row = db.prepare("INSERT INTO leaderboard_rows (strategy_id, period, eligible, name, search, asset_mask, simulated, trades, track_record_days, partial, updated_at) VALUES ('st_1', ?, 1, 'n', 'n', 1, 0, 0, 0, 0, 1)");
      row.run('all');
      row.run('1M');
      expect(() => row.run('all')).toThrow(/UNIQUE|PRIMARY/);
      expect(() => row.run('2W')).toThrow(/CHECK/);
      const spark = db.prepare("INSERT INTO leaderboard_sparks (strategy_id, period, spark) VALUES ('st_1', ?, ?)");
      spark.run('all', '[1,1.1]');
      expect(() => spark.run('3M', '[1]')).toThrow(/FOREIGN KEY/);
      expect(() => spark.run('1M', 'not json')).toThrow(/CHECK/);
      db.prepare("DELETE FROM strategies WHERE strategy_id = 'st_1'").run();
      expect(db.prepare('SELECT (SELECT COUNT(*) FROM leaderboard_rows) + (SELECT COUNT(*) FROM leaderboard_sparks) AS n').get()).toEqual({ n: 0 });
      db.close();
    });
  });
});
