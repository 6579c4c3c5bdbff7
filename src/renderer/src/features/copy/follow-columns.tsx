import { createColumnHelper, type ColumnDef } from '@tanstack/react-table';
import type { ApiClient } from '../../api/api-client';
import type { Follow } from '../../../../shared/contract';
import type { Account } from '../../../../shared/trading/account';
import { formatReturn, toneOf } from '../strategy/figures';
import { formatMoney, formatPnl, pnlClass } from '../trading/trading-format';
import { pauseFollow, resumeFollow, stopFollow } from './copy-actions';
import { openEditDialog } from './copy-dialog-actions';
import { formatBps, formatLatencyPair, sizingText, stateReason, stateText, STATE_LABEL } from './copy-format';

const col = createColumnHelper<Follow>();

/**
 * What a trader scans first comes first, so a narrow panel shows it without scrolling: strategy,
 * state, actions, equity, P&L, return, divergence; then allocation, account and execution quality.
 */
export const FOLLOW_TEMPLATE = 'minmax(130px,1.5fr) 62px 150px 84px 76px 64px 64px 84px minmax(72px,1fr) 84px 56px 76px 40px minmax(110px,1.2fr)';

/** The Copy panel's columns; every figure is METRICS.md's, "—" where it has none yet. */
// Columns mix accessor types; the table only renders them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function followColumns(api: ApiClient, accounts: Readonly<Record<string, Account>>, busy: Readonly<Record<string, true>>): Array<ColumnDef<Follow, any>> {
  const ccy = (f: Follow): string => accounts[f.accountId]?.currency ?? '';
  return [
    col.accessor('strategyName', {
      header: 'Strategy',
      meta: { align: 'left' },
      cell: (c) => (
        <span className="copy-strategy" title={`${c.getValue()} · ${sizingText(c.row.original.sizing, ccy(c.row.original))}`}>
          <b>{c.getValue()}</b> <span className="dim">{sizingText(c.row.original.sizing, ccy(c.row.original))}</span>
        </span>
      ),
    }),
    col.accessor('state', {
      header: 'State',
      meta: { align: 'left' },
      cell: (c) => (
        <span className={`copy-state state-${c.row.original.state}`} title={stateText(c.row.original)}>
          {STATE_LABEL[c.row.original.state]}
        </span>
      ),
    }),
    col.display({
      id: 'actions',
      header: '',
      meta: { align: 'left' },
      cell: (c) => {
        const f = c.row.original;
        if (f.state === 'stopped') return null;
        const wait = busy[f.followId] === true;
        return (
          <span className="copy-actions">
            {f.state === 'active' ? (
              <button type="button" className="row-button" disabled={wait} aria-label={`Pause copying ${f.strategyName}`} onClick={() => void pauseFollow(api, f)}>
                Pause
              </button>
            ) : (
              <button type="button" className="row-button" disabled={wait} aria-label={`Resume copying ${f.strategyName}`} onClick={() => void resumeFollow(api, f)}>
                Resume
              </button>
            )}
            <button type="button" className="row-button" disabled={wait} aria-label={`Edit the copy of ${f.strategyName}`} onClick={() => openEditDialog(f)}>
              Edit
            </button>
            <button type="button" className="row-button copy-stop" disabled={wait} aria-label={`Stop copying ${f.strategyName}`} onClick={() => void stopFollow(api, f)}>
              Stop…
            </button>
          </span>
        );
      },
    }),
    col.accessor((f) => f.stats.equity, { id: 'equity', header: () => <span title="The copy’s equity: allocation + its P&L">Equity</span>, cell: (c) => formatMoney(c.getValue()) }),
    col.accessor((f) => f.stats.pnl, { id: 'pnl', header: 'P&L', cell: (c) => <span className={pnlClass(c.getValue())}>{formatPnl(c.getValue())}</span> }),
    col.accessor((f) => f.stats.return, { id: 'return', header: () => <span title="Copy return: time-weighted return of the allocation">Return</span>, sortUndefined: 'last', cell: (c) => <span className={toneOf(c.getValue())}>{formatReturn(c.getValue())}</span> }),
    col.accessor((f) => f.stats.divergence, {
      id: 'divergence',
      header: () => <span title="Copy return − the leader’s return over the same days (positive: you did better)">Diverg.</span>,
      cell: (c) => <span className={toneOf(c.getValue())}>{formatReturn(c.getValue())}</span>,
    }),
    col.accessor('allocation', { header: 'Allocation', cell: (c) => formatMoney(c.getValue()) }),
    col.accessor((f) => accounts[f.accountId]?.name ?? f.accountId, { id: 'account', header: 'Account', meta: { align: 'left' } }),
    col.accessor((f) => f.stats.latencyP50, {
      id: 'latency',
      header: () => <span title="Leader fill → my broker’s acknowledgement, p50 / p99 (from 20 orders)">Latency</span>,
      cell: (c) => {
        const { latencyP50, latencyP99, latencyNegative } = c.row.original.stats;
        // METRICS.md: negative latencies (clock skew) stay in the figures and are flagged.
        return latencyNegative > 0 ? (
          <span className="warn" title={`${latencyNegative} order${latencyNegative === 1 ? '' : 's'} acknowledged before the leader’s fill time: the clocks disagree`}>
            {formatLatencyPair(latencyP50, latencyP99)} ⚠
          </span>
        ) : (
          formatLatencyPair(latencyP50, latencyP99)
        );
      },
    }),
    col.accessor((f) => f.stats.slippageBps, { id: 'slippage', header: () => <span title="Mean slippage against the leader’s fills, bps (positive is worse for you)">Slip bps</span>, cell: (c) => formatBps(c.getValue()) }),
    col.accessor((f) => f.stats.copied, {
      id: 'signals',
      header: () => <span title="Leader signals copied / skipped / blocked">Signals</span>,
      cell: (c) => {
        const s = c.row.original.stats;
        return (
          <span title={`${s.copied} copied, ${s.skipped} skipped, ${s.blocked} blocked`}>
            <span className="up">{s.copied}</span> / <span className={s.skipped ? 'warn' : 'dim'}>{s.skipped}</span> / <span className={s.blocked ? 'down' : 'dim'}>{s.blocked}</span>
          </span>
        );
      },
    }),
    col.accessor((f) => f.stats.pendingOrders, { id: 'pending', header: () => <span title="Copy orders sent and not yet filled or ended">Pend.</span> }),
    col.accessor((f) => stateReason(f), { id: 'reason', header: 'Reason', meta: { align: 'left' }, cell: (c) => <span className="reason">{c.getValue()}</span> }),
  ];
}
