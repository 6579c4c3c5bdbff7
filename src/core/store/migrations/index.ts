import { migration001 } from './001-settings';
import { migration002 } from './002-bars';
import { migration003 } from './003-workspaces';
import { migration004 } from './004-trading';
import { migration005 } from './005-social';
import { migration006 } from './006-copytrade';
import type { Migration } from './migration';

export type { Migration } from './migration';

/** Every migration, in order; the last version is the schema this build writes. */
export const migrations: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006];

export const LATEST_SCHEMA_VERSION = migrations.at(-1)?.version ?? 0;
