import type { ApiClient } from '../../api/api-client';
import type { ParamsIn, Result } from '../../../../shared/contract';
import { reportFailure } from '../hub-connection/hub-actions';
import { askConfirm } from '../trading/confirm-store';
import { attempt, logActivity, toast, type Outcome } from '../social/social-outcome';
import { openStrategy } from './strategy-view-store';

/** Publishes an account as a strategy after the trader confirmed what becomes public; opens its profile. */
export async function publishAccount(api: ApiClient, params: Omit<ParamsIn<'strategy.publish'>, 'acknowledge'>): Promise<Outcome<Result<'strategy.publish'>>> {
  const res = await attempt(() => api.call('strategy.publish', { ...params, acknowledge: true }));
  if (!res.ok) {
    if (res.code === 'UNAUTHORIZED') reportFailure(res, 'Publish');
    return res;
  }
  const { strategy } = res.value;
  toast('success', `“${strategy.name}” is published`, 'Every fill of the account from now on is signed and sent to the hub.');
  logActivity('info', `Published account ${res.value.accountId} as strategy ${strategy.name} (${strategy.strategyId})`);
  openStrategy(strategy.strategyId);
  return res;
}

/** Stops publishing a strategy of the trader's, after asking (what was published stays public). */
export async function unpublishStrategy(api: ApiClient, strategyId: string, name: string): Promise<void> {
  const ok = await askConfirm({
    title: `Stop publishing “${name}”`,
    message: 'No more fills, marks or flows of the account will be sent. What was already published stays public and verifiable.',
    confirmLabel: 'Stop publishing',
    tone: 'danger',
  });
  if (!ok) return;
  const res = await attempt(() => api.call('strategy.unpublish', { strategyId }));
  if (res.ok) toast('info', `“${name}” no longer publishes`, 'What was published stays public.');
  else reportFailure(res, 'Unpublish');
}
