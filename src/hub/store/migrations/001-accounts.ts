import type { HubMigration } from './migration';

/**
 * Members and their sessions. Passwords are scrypt hashes with their parameters and salt (NULL for
 * simulated members, who cannot sign in); session tokens are kept only as SHA-256 hashes.
 */
export const migration001: HubMigration = {
  version: 1,
  name: 'accounts',
  up(db) {
    db.exec(`
      CREATE TABLE users (
        user_id       TEXT PRIMARY KEY NOT NULL,
        username      TEXT NOT NULL UNIQUE CHECK (username = lower(username)),
        display_name  TEXT NOT NULL,
        bio           TEXT NOT NULL DEFAULT '',
        avatar_color  TEXT NOT NULL,
        password_hash TEXT,
        simulated     INTEGER NOT NULL DEFAULT 0 CHECK (simulated IN (0, 1)),
        created_at    INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE sessions (
        session_id TEXT PRIMARY KEY NOT NULL,
        user_id    TEXT NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
        token_hash TEXT NOT NULL UNIQUE,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        revoked_at INTEGER
      ) STRICT;
      CREATE INDEX sessions_by_user ON sessions (user_id);
    `);
  },
};
