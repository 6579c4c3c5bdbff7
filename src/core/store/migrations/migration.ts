import type { Database } from 'better-sqlite3';

/** A schema step. Never edit one after it has landed: add the next number instead. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database): void;
}
