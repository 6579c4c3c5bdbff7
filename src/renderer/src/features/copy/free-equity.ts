import type { Follow } from '../../../../shared/contract/copy';
import type { Account } from '../../../../shared/trading/account';

/** What of an account's equity is not yet allocated to its copies, as `copy.follow` checks it. */
export interface FreeEquity {
  equity: number;
  /** Allocations of the account's follows that have not stopped (paused ones keep theirs). */
  allocated: number;
  free: number;
}

/**
 * An account's free equity: its equity minus the allocations of its follows that have not stopped,
 * leaving out `exceptFollowId` (the follow being edited, whose allocation is being replaced).
 */
export function freeEquity(account: Pick<Account, 'id' | 'equity'>, follows: Iterable<Pick<Follow, 'followId' | 'accountId' | 'state' | 'allocation'>>, exceptFollowId?: string): FreeEquity {
  let allocated = 0;
  for (const f of follows) if (f.accountId === account.id && f.state !== 'stopped' && f.followId !== exceptFollowId) allocated += f.allocation;
  return { equity: account.equity, allocated, free: Math.max(0, account.equity - allocated) };
}
