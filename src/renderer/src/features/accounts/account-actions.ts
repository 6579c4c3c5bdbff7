import type { ApiClient } from '../../api/api-client';
import { toApiError } from '../../api/api-client';
import { fieldsOf, type FieldErrors } from '../../api/field-errors';
import type { ParamsIn } from '../../../../shared/contract';
import type { Account } from '../../../../shared/trading/account';
import { useActivity } from '../activity/activity-store';
import { useToasts } from '../toasts/toast-store';
import { formatMoney } from '../trading/trading-format';
import { useTrading } from '../trading/trading-store';
import { useConnectionTests, testLine, type ConnectionTest } from './connection-test-store';
import { useReconciliations } from './reconciliation-store';

const toast = (kind: 'info' | 'success' | 'error', title: string, detail?: string): void => useToasts.getState().push({ kind, title, ...(detail ? { detail } : {}) });
const log = (level: 'info' | 'warn' | 'error', text: string): void => useActivity.getState().add(level, text);

export type Outcome<T> = { ok: true; value: T } | { ok: false; fields: FieldErrors | null; message: string };

async function attempt<T>(run: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (e) {
    const error = toApiError(e);
    return { ok: false, fields: fieldsOf(error), message: error.message };
  }
}

/** Creates a paper or live account and selects it. A live account has no keys yet: it is `down` until they are set. */
export async function createAccount(api: ApiClient, params: ParamsIn<'accounts.create'>): Promise<Outcome<Account>> {
  const res = await attempt(() => api.call('accounts.create', params));
  if (!res.ok) return res;
  const account = res.value;
  useTrading.getState().accountUpdate(account);
  useTrading.getState().selectAccount(account.id);
  if (account.kind === 'paper') {
    toast('success', `Paper account “${account.name}” created`, `${formatMoney(account.balance)} ${account.currency}, ${account.type === 'margin' ? `margin ×${account.leverage}` : 'cash'}`);
  } else {
    log('info', `Live account ${account.name} created at ${account.exchange ?? 'the exchange'}${account.endpoints ? ' (custom endpoints)' : ''}`);
  }
  return res;
}

/** Stores a live account's keys (the core encrypts them and reconnects). The caller clears its inputs. */
export async function saveCredentials(api: ApiClient, params: ParamsIn<'accounts.setCredentials'>): Promise<Outcome<Account>> {
  const res = await attempt(() => api.call('accounts.setCredentials', params));
  if (!res.ok) return res;
  useTrading.getState().accountUpdate(res.value);
  log('info', `API keys saved for ${res.value.name}`);
  return res;
}

/** Tests the stored keys against the exchange and remembers the verdict for the account panel. */
export async function testConnection(api: ApiClient, account: Pick<Account, 'id' | 'name'>): Promise<ConnectionTest> {
  const res = await attempt(() => api.call('accounts.testConnection', { accountId: account.id }));
  const test: ConnectionTest = res.ok ? { time: Date.now(), result: res.value } : { time: Date.now(), error: res.message };
  useConnectionTests.getState().record(account.id, test);
  log(test.result?.ok ? 'info' : 'warn', `Connection test of ${account.name}: ${testLine(test)}`);
  return test;
}

/** Tests from outside the dialog: the verdict in a toast as well as on the account panel. */
export async function testConnectionWithToast(api: ApiClient, account: Pick<Account, 'id' | 'name'>): Promise<void> {
  const test = await testConnection(api, account);
  if (test.result?.ok) toast('success', `${account.name}: connection OK`, testLine(test));
  else toast('error', `${account.name}: connection test failed`, test.result?.summary ?? test.error);
}

/** Reconnects now: after `down`, or to have the exchange reconciled again. */
export async function reconnectAccount(api: ApiClient, account: Pick<Account, 'id' | 'name'>): Promise<void> {
  const res = await attempt(() => api.call('accounts.reconnect', { accountId: account.id }));
  if (res.ok) {
    useTrading.getState().accountUpdate(res.value);
    log('info', `Reconnecting ${account.name}`);
  } else {
    toast('error', `Reconnect ${account.name} failed`, res.message);
  }
}

/** An account's recent reconciliations into the store (the panel and the badges read them there). */
export async function loadReconciliations(api: ApiClient, accountId: string): Promise<void> {
  const list = await api.call('accounts.reconciliations', { accountId, limit: 50 });
  useReconciliations.getState().merge(accountId, list);
}
