import type { ApiClient } from '../../api/api-client';
import type { Follow } from '../../../../shared/contract';
import { attempt, logActivity, toast } from '../social/social-outcome';
import { askChoice, askConfirm } from '../trading/confirm-store';
import { formatMoney, formatPnl } from '../trading/trading-format';
import { useTrading } from '../trading/trading-store';
import { showPanel } from '../workspace/panels';
import { useWorkspace } from '../workspace/workspace-store';
import { EMPTY_LOG, followsById, mergeEntries } from './copy-reducers';
import { useCopy, type CopyDetailTab } from './copy-store';

const LOG_PAGE = 100;
let listGeneration = 0;

/** Loads every follow (at start and after a reconnect: updates sent while away are gone). */
export async function loadFollows(api: ApiClient): Promise<void> {
  const mine = ++listGeneration;
  if (useCopy.getState().status !== 'ready') useCopy.setState({ status: 'loading', error: null });
  const res = await attempt(() => api.call('copy.list'));
  if (mine !== listGeneration) return;
  if (!res.ok) return useCopy.setState({ status: 'error', error: res.message });
  useCopy.setState((s) => ({ follows: followsById(res.value), status: 'ready', error: null, selectedId: s.selectedId ?? res.value[0]?.followId ?? null }));
}

/** A follow's state or figures as the core sent them. */
export function followUpdate(follow: Follow): void {
  useCopy.setState((s) => ({ follows: { ...s.follows, [follow.followId]: follow }, selectedId: s.selectedId ?? follow.followId }));
}

/** Loads the first page of a follow's log (replacing what was loaded). */
export async function loadLog(api: ApiClient, followId: string): Promise<void> {
  useCopy.setState((s) => ({ logs: { ...s.logs, [followId]: { ...(s.logs[followId] ?? EMPTY_LOG), status: s.logs[followId]?.status === 'ready' ? 'ready' : 'loading', error: null } } }));
  const res = await attempt(() => api.call('copy.log', { followId, limit: LOG_PAGE }));
  useCopy.setState((s) => {
    const prev = s.logs[followId] ?? EMPTY_LOG;
    if (!res.ok) return { logs: { ...s.logs, [followId]: { ...prev, status: 'error', error: res.message } } };
    // Live entries that arrived while the page was on its way stay.
    const live = prev.entries.filter((e) => e.id > (res.value.entries[0]?.id ?? 0));
    return { logs: { ...s.logs, [followId]: { entries: mergeEntries(res.value.entries, live), nextCursor: res.value.nextCursor, status: 'ready', loadingMore: false, error: null } } };
  });
}

/** The next (older) page of a follow's log, as the list scrolls; nothing while one is on its way or at the end. */
export async function loadMoreLog(api: ApiClient, followId: string): Promise<void> {
  const log = useCopy.getState().logs[followId];
  if (!log || log.status !== 'ready' || log.loadingMore || log.nextCursor === null) return;
  const cursor = log.nextCursor;
  useCopy.setState((s) => ({ logs: { ...s.logs, [followId]: { ...log, loadingMore: true } } }));
  const res = await attempt(() => api.call('copy.log', { followId, cursor, limit: LOG_PAGE }));
  useCopy.setState((s) => {
    const prev = s.logs[followId] ?? log;
    if (!res.ok) return { logs: { ...s.logs, [followId]: { ...prev, loadingMore: false, error: res.message } } };
    return { logs: { ...s.logs, [followId]: { ...prev, entries: mergeEntries(prev.entries, res.value.entries), nextCursor: res.value.nextCursor, loadingMore: false } } };
  });
}

/** Shows a follow's log or reconciliation below the list; loads what is not loaded yet. */
export function selectFollow(api: ApiClient, followId: string): void {
  const s = useCopy.getState();
  if (s.selectedId !== followId) useCopy.setState({ selectedId: followId });
  if (s.tab === 'log' && !s.logs[followId]) void loadLog(api, followId);
  if (s.tab === 'reconcile' && !s.reconciles[followId]) void reconcile(api, followId);
}

/** Switches the detail between the log and the reconciliation (which is checked afresh on opening). */
export function setDetailTab(api: ApiClient, tab: CopyDetailTab): void {
  const { selectedId, logs } = useCopy.getState();
  useCopy.setState({ tab });
  if (!selectedId) return;
  if (tab === 'reconcile') void reconcile(api, selectedId);
  else if (!logs[selectedId]) void loadLog(api, selectedId);
}

/** Opens the Copy panel, on a follow when given. */
export function openCopyPanel(api: ApiClient, followId?: string): void {
  if (followId) {
    useCopy.setState({ tab: 'log' });
    selectFollow(api, followId);
  }
  const dock = useWorkspace.getState().dock;
  if (dock) showPanel(dock, 'copy');
}

const busyWhile = async <T>(followId: string, run: () => Promise<T>): Promise<T> => {
  useCopy.setState((s) => ({ busy: { ...s.busy, [followId]: true } }));
  try {
    return await run();
  } finally {
    useCopy.setState((s) => {
      const { [followId]: _, ...rest } = s.busy;
      return { busy: rest };
    });
  }
};

/** Stops acting on new signals (they are logged as skipped); positions stay. */
export async function pauseFollow(api: ApiClient, follow: Follow): Promise<void> {
  const res = await busyWhile(follow.followId, () => attempt(() => api.call('copy.pause', { followId: follow.followId })));
  if (!res.ok) return toast('error', `Pause ${follow.strategyName} failed`, res.message);
  followUpdate(res.value);
  logActivity('info', `Copy of ${follow.strategyName} paused: new signals are skipped`);
}

/** Acts on signals again, from the next one. */
export async function resumeFollow(api: ApiClient, follow: Follow): Promise<void> {
  const res = await busyWhile(follow.followId, () => attempt(() => api.call('copy.resume', { followId: follow.followId })));
  if (!res.ok) return toast('error', `Resume ${follow.strategyName} failed`, res.message);
  followUpdate(res.value);
  logActivity('info', `Copy of ${follow.strategyName} resumed`);
}

/** Pause or resume, whichever applies (the `P` key). */
export function togglePause(api: ApiClient, follow: Follow): Promise<void> {
  if (follow.state === 'active') return pauseFollow(api, follow);
  if (follow.state === 'paused') return resumeFollow(api, follow);
  return Promise.resolve();
}

/** Ends a follow after asking whether its copied positions stay or are closed at market. */
export async function stopFollow(api: ApiClient, follow: Follow): Promise<void> {
  if (follow.state === 'stopped') return;
  const account = useTrading.getState().accounts[follow.accountId];
  const ccy = account?.currency ?? '';
  const open = follow.stats.openPositions;
  const details: Array<[string, string]> = [
    ['Account', account?.name ?? follow.accountId],
    ['Copy equity', `${formatMoney(follow.stats.equity)} ${ccy}`.trim()],
    ['P&L', `${formatPnl(follow.stats.pnl)} ${ccy}`.trim()],
    ['Open copied positions', String(open)],
  ];
  const title = `Stop copying “${follow.strategyName}”`;
  let closePositions = false;
  if (open > 0) {
    const answer = await askChoice({
      title,
      message: 'No further trades of the leader will be copied. Keep the copied positions (they become ordinary positions of the account), or close them at market now?',
      details,
      confirmLabel: 'Stop, keep positions',
      tone: 'neutral',
      alternative: { label: 'Stop and close positions', tone: 'danger' },
    });
    if (answer === 'cancel') return;
    closePositions = answer === 'alternative';
  } else if (!(await askConfirm({ title, message: 'No further trades of the leader will be copied. The copy holds no position.', details, confirmLabel: 'Stop copying', tone: 'danger' }))) {
    return;
  }
  const res = await busyWhile(follow.followId, () => attempt(() => api.call('copy.stop', { followId: follow.followId, closePositions })));
  if (!res.ok) return toast('error', `Stop ${follow.strategyName} failed`, res.message);
  followUpdate(res.value);
  toast('info', `Stopped copying ${follow.strategyName}`, closePositions ? 'Its positions are being closed at market.' : 'Its positions stay in the account.');
  logActivity('info', `Copy of ${follow.strategyName} stopped; positions ${closePositions ? 'closed' : 'kept'}`);
}

/** Compares the copy's positions with what the leader's stream implies. */
export async function reconcile(api: ApiClient, followId: string): Promise<void> {
  useCopy.setState((s) => ({ reconciles: { ...s.reconciles, [followId]: { items: s.reconciles[followId]?.items ?? [], checkedAt: s.reconciles[followId]?.checkedAt ?? null, status: 'loading', error: null, fixing: null } } }));
  const res = await attempt(() => api.call('copy.reconcile', { followId }));
  useCopy.setState((s) => {
    const prev = s.reconciles[followId]!;
    return { reconciles: { ...s.reconciles, [followId]: res.ok ? { items: res.value.items, checkedAt: res.value.checkedAt, status: 'ready', error: null, fixing: null } : { ...prev, status: 'error', error: res.message, fixing: null } } };
  });
}

/** Sends the order that fixes one difference, then checks again. */
export async function fixDifference(api: ApiClient, followId: string, symbol: string): Promise<void> {
  useCopy.setState((s) => ({ reconciles: { ...s.reconciles, [followId]: { ...s.reconciles[followId]!, fixing: symbol } } }));
  const res = await attempt(() => api.call('copy.fix', { followId, symbol }));
  if (res.ok) {
    useCopy.setState((s) => (s.logs[followId] ? { logs: { ...s.logs, [followId]: { ...s.logs[followId]!, entries: mergeEntries(s.logs[followId]!.entries, [res.value]) } } } : {}));
    logActivity(res.value.outcome === 'copied' ? 'info' : 'warn', `Copy fix of ${symbol}: ${res.value.message}`);
  } else {
    toast('error', `Fix ${symbol} failed`, res.message);
  }
  await reconcile(api, followId);
}
