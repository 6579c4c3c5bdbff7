import { migration001 } from './001-accounts';
import { migration002 } from './002-strategies';
import { migration003 } from './003-social';
import { migration004 } from './004-leaderboard';
import type { HubMigration } from './migration';

export type { HubMigration } from './migration';

/** Every migration of `hub.db`, in order; the last version is the schema this build writes. */
export const hubMigrations: readonly HubMigration[] = [migration001, migration002, migration003, migration004];

export const HUB_SCHEMA_VERSION = hubMigrations.at(-1)?.version ?? 0;
