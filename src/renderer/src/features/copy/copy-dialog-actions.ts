import type { ApiClient } from '../../api/api-client';
import type { FieldErrors } from '../../api/field-errors';
import type { Follow } from '../../../../shared/contract';
import type { Account } from '../../../../shared/trading/account';
import { attempt, logActivity, toast } from '../social/social-outcome';
import { formatMoney } from '../trading/trading-format';
import { useTrading } from '../trading/trading-store';
import { followUpdate, openCopyPanel } from './copy-actions';
import { IDLE_WHAT_IF, useCopyDialog, type WhatIfMonths } from './copy-dialog-store';
import { inputsFromSettings, isAdvancedPath, plain, readSettings, suggestedAllocation, type CopyFormInputs, type SettingsOutcome } from './copy-form';
import { sizingText } from './copy-format';
import { useCopy } from './copy-store';
import { freeEquity } from './free-equity';

/** The accounts a copy can trade on, oldest first (the order of the account pickers). */
export function copyAccounts(accounts: Readonly<Record<string, Account>>): Account[] {
  return Object.values(accounts).sort((a, b) => a.createdAt - b.createdAt);
}

/** Request paths the dialog shows next to an input; an error on any other goes under the form. */
const SHOWN = new Set(['allocation', 'accountId', 'sizing.qty', 'sizing.notional', 'sizing.factor', 'sizing.targetVolatility', 'sizing.maxScale', 'guards.stopLoss', 'months']);
const shown = (path: string): boolean => SHOWN.has(path) || isAdvancedPath(path);

/** Field errors next to their inputs; what has no input becomes the dialog's failure line. */
function applyErrors(fields: FieldErrors | null, message: string): void {
  const errors = fields ?? {};
  const orphans = Object.entries(errors).filter(([path]) => !shown(path));
  useCopyDialog.setState((s) => ({
    errors,
    failure: fields === null ? message : orphans.length > 0 ? orphans.map(([, m]) => m).join('; ') : null,
    advancedOpen: s.advancedOpen || Object.keys(errors).some(isAdvancedPath),
  }));
}

/** Opens the dialog to copy a strategy: the selected account (or the first), a tenth of its free equity. */
export function openCopyDialog(strategy: { strategyId: string; strategyName: string }): void {
  const { accounts, accountId } = useTrading.getState();
  const account = (accountId ? accounts[accountId] : undefined) ?? copyAccounts(accounts)[0];
  const free = account ? freeEquity(account, Object.values(useCopy.getState().follows)).free : 0;
  useCopyDialog.setState((s) => ({
    target: { mode: 'create', ...strategy },
    opened: s.opened + 1,
    inputs: inputsFromSettings(account?.id ?? '', suggestedAllocation(free)),
    errors: {},
    failure: null,
    busy: false,
    advancedOpen: false,
    whatIf: IDLE_WHAT_IF,
  }));
}

/** Opens the dialog on a follow's settings (allocation, sizing, guards) to change them. */
export function openEditDialog(follow: Follow): void {
  const inputs = inputsFromSettings(follow.accountId, follow.allocation, follow.sizing, follow.guards);
  useCopyDialog.setState((s) => ({
    target: { mode: 'edit', followId: follow.followId, strategyId: follow.strategyId, strategyName: follow.strategyName },
    opened: s.opened + 1,
    inputs,
    errors: {},
    failure: null,
    busy: false,
    advancedOpen: false,
    whatIf: IDLE_WHAT_IF,
  }));
}

export function closeCopyDialog(): void {
  useCopyDialog.setState({ target: null, busy: false });
}

/** Changes inputs; a what-if computed before no longer matches them. */
export function editInputs(change: Partial<CopyFormInputs>): void {
  useCopyDialog.setState((s) => (s.inputs ? { inputs: { ...s.inputs, ...change }, whatIf: s.whatIf.result ? { ...s.whatIf, stale: true } : s.whatIf } : {}));
}

/** Sets the allocation to a percentage of the account's equity, to the cent. */
export function setAllocationPercent(percent: number, equity: number): void {
  editInputs({ allocation: plain(Math.round((percent / 100) * equity * 100) / 100) });
}

export function toggleAdvanced(): void {
  useCopyDialog.setState((s) => ({ advancedOpen: !s.advancedOpen }));
}

export function setWhatIfMonths(months: WhatIfMonths): void {
  useCopyDialog.setState((s) => ({ whatIf: { ...s.whatIf, months, stale: s.whatIf.result !== null } }));
}

/** Reads the inputs; on mistakes shows them next to their fields and returns null. */
function settingsOrErrors(): Extract<SettingsOutcome, { ok: true }> | null {
  const { inputs } = useCopyDialog.getState();
  if (!inputs) return null;
  if (!inputs.accountId) {
    applyErrors({ accountId: 'Create an account to copy onto first' }, '');
    return null;
  }
  const read = readSettings(inputs);
  if (!read.ok) {
    applyErrors(read.errors, '');
    return null;
  }
  useCopyDialog.setState({ errors: {}, failure: null });
  return read;
}

/**
 * Replays the leader's last months through the settings as they stand (`copy.whatIf`): my equity
 * index beside the leader's, the statistics, what would have been copied or skipped and why.
 */
export async function runWhatIf(api: ApiClient): Promise<void> {
  const read = settingsOrErrors();
  const { target, inputs, opened, whatIf } = useCopyDialog.getState();
  if (!read || !target || !inputs) return;
  useCopyDialog.setState({ whatIf: { ...whatIf, status: 'running', error: null } });
  const { allocation, sizing, guards } = read.value;
  const res = await attempt(() => api.call('copy.whatIf', { strategyId: target.strategyId, accountId: inputs.accountId, allocation, sizing, guards, months: whatIf.months }));
  const now = useCopyDialog.getState();
  if (now.opened !== opened || !now.target) return;
  if (res.ok) {
    useCopyDialog.setState({ whatIf: { ...now.whatIf, status: 'ready', result: res.value, allocation, error: null, stale: false } });
  } else {
    if (res.fields) applyErrors(res.fields, res.message);
    useCopyDialog.setState({ whatIf: { ...now.whatIf, status: 'error', error: res.fields ? 'Fix the settings marked above, then run it again.' : res.message } });
  }
}

/**
 * Confirms the dialog: starts the follow (`copy.follow`) and opens the Copy panel on it, or saves
 * a follow's new settings (`copy.update`). Errors stay in the dialog with what was typed.
 */
export async function submitCopy(api: ApiClient): Promise<void> {
  const read = settingsOrErrors();
  const { target, inputs, opened } = useCopyDialog.getState();
  if (!read || !target || !inputs) return;
  const { allocation, sizing, guards } = read.value;
  const account = useTrading.getState().accounts[inputs.accountId];
  const ccy = account?.currency ?? '';
  useCopyDialog.setState({ busy: true, failure: null });
  if (target.mode === 'create') {
    const res = await attempt(() => api.call('copy.follow', { strategyId: target.strategyId, accountId: inputs.accountId, allocation, sizing, guards }));
    if (useCopyDialog.getState().opened !== opened) return;
    useCopyDialog.setState({ busy: false });
    if (!res.ok) return applyErrors(res.fields, res.message);
    followUpdate(res.value.follow);
    closeCopyDialog();
    openCopyPanel(api, res.value.followId);
    toast('success', `Copying ${target.strategyName}`, `${formatMoney(allocation)} ${ccy} on ${account?.name ?? inputs.accountId} · ${sizingText(sizing, ccy)}`);
    logActivity('info', `Started copying ${target.strategyName} with ${formatMoney(allocation)} ${ccy} on ${account?.name ?? inputs.accountId} (${sizingText(sizing, ccy).toLowerCase()})`);
    return;
  }
  const res = await attempt(() => api.call('copy.update', { followId: target.followId, allocation, sizing, guards }));
  if (useCopyDialog.getState().opened !== opened) return;
  useCopyDialog.setState({ busy: false });
  if (!res.ok) return applyErrors(res.fields, res.message);
  followUpdate(res.value);
  closeCopyDialog();
  toast('success', `Copy of ${target.strategyName} updated`, 'The new settings apply from the next signal.');
  logActivity('info', `Copy of ${target.strategyName} updated: ${formatMoney(allocation)} ${ccy}, ${sizingText(sizing, ccy)}`);
}
