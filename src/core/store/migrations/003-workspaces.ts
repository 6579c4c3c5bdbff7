import type { Migration } from './migration';

/** Named chart workspaces (the current one lives in settings under `workspace.current`). */
export const migration003: Migration = {
  version: 3,
  name: 'workspaces',
  up(db) {
    db.exec(`
      CREATE TABLE workspaces (
        name     TEXT PRIMARY KEY NOT NULL,
        state    TEXT NOT NULL CHECK (json_valid(state)),
        saved_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
