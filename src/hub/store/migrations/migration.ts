import type { Database } from 'better-sqlite3';

/** A schema step of `hub.db`. Never edit one after it has landed: add the next number instead. */
export interface HubMigration {
  readonly version: number;
  readonly name: string;
  up(db: Database): void;
}
