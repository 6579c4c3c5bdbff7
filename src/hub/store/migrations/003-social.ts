import type { HubMigration } from './migration';

/**
 * Posts (with like and comment counters kept by triggers, for trending), the cashtag index behind
 * the symbol feed, chart snapshots, comments, likes, follows of users and strategies, blocks,
 * notifications and reports. Deleting a post takes everything hanging off it with it.
 */
export const migration003: HubMigration = {
  version: 3,
  name: 'social',
  up(db) {
    db.exec(`
      CREATE TABLE posts (
        post_id     TEXT PRIMARY KEY NOT NULL,
        author_id   TEXT NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
        text        TEXT NOT NULL,
        cashtags    TEXT NOT NULL CHECK (json_valid(cashtags)),
        mentions    TEXT NOT NULL CHECK (json_valid(mentions)),
        idea        TEXT CHECK (idea IS NULL OR json_valid(idea)),
        image_id    TEXT,
        strategy_id TEXT REFERENCES strategies (strategy_id) ON DELETE SET NULL,
        created_at  INTEGER NOT NULL,
        edited_at   INTEGER,
        likes       INTEGER NOT NULL DEFAULT 0 CHECK (likes >= 0),
        comments    INTEGER NOT NULL DEFAULT 0 CHECK (comments >= 0)
      ) STRICT;
      CREATE INDEX posts_by_time ON posts (created_at, post_id);
      CREATE INDEX posts_by_author ON posts (author_id, created_at, post_id);
      CREATE INDEX posts_by_strategy ON posts (strategy_id, created_at, post_id) WHERE strategy_id IS NOT NULL;

      CREATE TABLE post_cashtags (
        cashtag    TEXT NOT NULL,
        post_id    TEXT NOT NULL REFERENCES posts (post_id) ON DELETE CASCADE,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (cashtag, created_at, post_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX post_cashtags_by_post ON post_cashtags (post_id);

      CREATE TABLE post_images (
        image_id TEXT PRIMARY KEY NOT NULL,
        post_id  TEXT NOT NULL UNIQUE REFERENCES posts (post_id) ON DELETE CASCADE,
        mime     TEXT NOT NULL CHECK (mime IN ('image/png', 'image/jpeg')),
        bytes    BLOB NOT NULL
      ) STRICT;

      CREATE TABLE comments (
        comment_id TEXT PRIMARY KEY NOT NULL,
        post_id    TEXT NOT NULL REFERENCES posts (post_id) ON DELETE CASCADE,
        author_id  TEXT NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
        text       TEXT NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX comments_by_post ON comments (post_id, created_at, comment_id);

      CREATE TABLE likes (
        post_id    TEXT NOT NULL REFERENCES posts (post_id) ON DELETE CASCADE,
        user_id    TEXT NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (post_id, user_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TRIGGER likes_count_up AFTER INSERT ON likes BEGIN
        UPDATE posts SET likes = likes + 1 WHERE post_id = new.post_id;
      END;
      CREATE TRIGGER likes_count_down AFTER DELETE ON likes BEGIN
        UPDATE posts SET likes = likes - 1 WHERE post_id = old.post_id;
      END;
      CREATE TRIGGER comments_count_up AFTER INSERT ON comments BEGIN
        UPDATE posts SET comments = comments + 1 WHERE post_id = new.post_id;
      END;
      CREATE TRIGGER comments_count_down AFTER DELETE ON comments BEGIN
        UPDATE posts SET comments = comments - 1 WHERE post_id = old.post_id;
      END;

      CREATE TABLE user_follows (
        follower_id TEXT NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
        followee_id TEXT NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
        created_at  INTEGER NOT NULL,
        PRIMARY KEY (follower_id, followee_id),
        CHECK (follower_id <> followee_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX user_follows_by_followee ON user_follows (followee_id, follower_id);

      CREATE TABLE strategy_follows (
        user_id     TEXT NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
        strategy_id TEXT NOT NULL REFERENCES strategies (strategy_id) ON DELETE CASCADE,
        created_at  INTEGER NOT NULL,
        PRIMARY KEY (user_id, strategy_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX strategy_follows_by_strategy ON strategy_follows (strategy_id, user_id);

      CREATE TABLE blocks (
        blocker_id TEXT NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
        blocked_id TEXT NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (blocker_id, blocked_id),
        CHECK (blocker_id <> blocked_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX blocks_by_blocked ON blocks (blocked_id, blocker_id);

      CREATE TABLE notifications (
        seq             INTEGER PRIMARY KEY AUTOINCREMENT,
        notification_id TEXT NOT NULL UNIQUE,
        user_id         TEXT NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
        kind            TEXT NOT NULL CHECK (kind IN ('like', 'comment', 'mention', 'follow', 'strategy_follow')),
        actor_id        TEXT NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
        post_id         TEXT REFERENCES posts (post_id) ON DELETE CASCADE,
        comment_id      TEXT REFERENCES comments (comment_id) ON DELETE CASCADE,
        strategy_id     TEXT REFERENCES strategies (strategy_id) ON DELETE CASCADE,
        excerpt         TEXT,
        created_at      INTEGER NOT NULL,
        read            INTEGER NOT NULL DEFAULT 0 CHECK (read IN (0, 1)),
        CHECK (user_id <> actor_id)
      ) STRICT;
      CREATE INDEX notifications_by_user ON notifications (user_id, seq);
      CREATE INDEX notifications_unread ON notifications (user_id, seq) WHERE read = 0;
      CREATE INDEX notifications_by_actor ON notifications (user_id, actor_id, kind);
      CREATE INDEX notifications_by_post ON notifications (post_id) WHERE post_id IS NOT NULL;
      CREATE INDEX notifications_by_comment ON notifications (comment_id) WHERE comment_id IS NOT NULL;

      CREATE TABLE reports (
        report_id   INTEGER PRIMARY KEY AUTOINCREMENT,
        reporter_id TEXT NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
        target_kind TEXT NOT NULL CHECK (target_kind IN ('post', 'comment')),
        target_id   TEXT NOT NULL,
        reason      TEXT NOT NULL,
        created_at  INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX reports_by_target ON reports (target_kind, target_id);
    `);
  },
};
