import crypto from 'node:crypto';
import { generateStrategyKey, type StrategyKey } from '../../hub';

/**
 * Bump when a change to the simulation would change history already published: members then get
 * new keys (new strategies) instead of streams that disagree with what the hub holds.
 */
export const SIM_GENERATION = 1;

/**
 * A member's strategy key, derived from the community seed and the username: the same key at every
 * start, so no key is ever stored.
 */
export function memberKey(seed: number, username: string): StrategyKey {
  const seed32 = crypto.createHash('sha256').update(`IST-SIM-KEY-${SIM_GENERATION}\n${seed}\n${username}`, 'utf8').digest();
  return generateStrategyKey(new Uint8Array(seed32));
}
