import { createColumnHelper, type ColumnDef } from '@tanstack/react-table';
import type { ReactNode } from 'react';
import type { LeaderboardRow, LeaderboardSort } from '../../../../shared/social/leaderboard';
import { openCopyDialog } from '../copy/copy-dialog-actions';
import { Avatar } from '../social/Avatar';
import { formatAge, formatCount, formatDrawdown, formatHolding, formatPercent, formatRatio, formatReturn, toneOf } from '../strategy/figures';
import { RiskBadge } from '../strategy/RiskBadge';
import { Sparkline } from '../strategy/Sparkline';

const col = createColumnHelper<LeaderboardRow>();

/** Header, tooltip, and which direction a first click sorts (best first). */
export const SORTABLE: ReadonlyArray<{ id: LeaderboardSort; label: string; descFirst: boolean }> = [
  { id: 'return', label: 'Return', descFirst: true },
  { id: 'cagr', label: 'CAGR', descFirst: true },
  { id: 'sharpe', label: 'Sharpe', descFirst: true },
  { id: 'sortino', label: 'Sortino', descFirst: true },
  { id: 'maxDrawdown', label: 'Max drawdown', descFirst: false },
  { id: 'winRate', label: 'Win rate', descFirst: true },
  { id: 'profitFactor', label: 'Profit factor', descFirst: true },
  { id: 'avgHoldingSeconds', label: 'Avg holding time', descFirst: true },
  { id: 'trades', label: 'Trades', descFirst: true },
  { id: 'riskScore', label: 'Risk score', descFirst: false },
  { id: 'trackRecordDays', label: 'Track record', descFirst: true },
  { id: 'copiers', label: 'Copiers', descFirst: true },
  { id: 'volatility', label: 'Volatility', descFirst: false },
  { id: 'calmar', label: 'Calmar', descFirst: true },
  { id: 'followerReturn', label: 'Copiers’ return', descFirst: true },
  { id: 'name', label: 'Name', descFirst: false },
];
export const descFirst = (id: LeaderboardSort): boolean => SORTABLE.find((s) => s.id === id)?.descFirst ?? true;

export const TEMPLATE = '26px minmax(240px,2fr) 58px 70px 64px 58px 60px 62px 44px 44px 48px 52px 40px 42px 58px';

/** Opens the copy dialog on a row's strategy (the row's Copy button, `C` on the selected row). */
export const copyRow = (r: LeaderboardRow): void => openCopyDialog({ strategyId: r.strategyId, strategyName: r.name });

const tone = (v: number | null, text: string) => <span className={toneOf(v)}>{text}</span>;
const fig = (id: LeaderboardSort, header: string, title: string, cell: (v: number | null) => ReactNode) =>
  col.accessor((r) => r[id as keyof LeaderboardRow] as number | null, { id, header: () => <span title={title}>{header}</span>, sortDescFirst: descFirst(id), cell: (c) => cell(c.getValue()) });

/** The leaderboard's columns; every figure is of the chosen period, "—" where METRICS.md has none. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const LEADERBOARD_COLUMNS: Array<ColumnDef<LeaderboardRow, any>> = [
  col.accessor('rank', { header: '#', enableSorting: false, cell: (c) => <span className="dim">{c.getValue()}</span> }),
  col.accessor('name', {
    header: 'Strategy',
    sortDescFirst: false,
    meta: { align: 'left' },
    cell: (c) => {
      const r = c.row.original;
      return (
        <span className="lb-strategy" title={`${r.name} by ${r.owner.displayName} (@${r.owner.username}) · ${r.assetClasses.join(', ')}${r.partial ? ' · history shorter than the period' : ''}`}>
          <Avatar user={r.owner} size="dot" />
          <b className="lb-name">{r.name}</b>
          <span className="lb-owner">@{r.owner.username}</span>
          {r.simulated ? <span className="tag sim-tag">sim</span> : null}
          <button type="button" className="row-button lb-copy" aria-label={`Copy ${r.name}`} title="Copy this strategy (C)" onClick={() => copyRow(r)}>
            Copy
          </button>
        </span>
      );
    },
  }),
  col.display({ id: 'spark', header: 'Equity', cell: (c) => <Sparkline points={c.row.original.spark} /> }),
  fig('return', 'Return', 'Time-weighted return of the period', (v) => tone(v, formatReturn(v))),
  fig('cagr', 'CAGR', 'Annualised return (needs 30 return days)', (v) => tone(v, formatReturn(v, 1))),
  fig('sharpe', 'Sharpe', 'Mean daily return ÷ its standard deviation × √365', (v) => formatRatio(v)),
  fig('sortino', 'Sortino', 'Mean daily return ÷ downside deviation × √365', (v) => formatRatio(v)),
  fig('maxDrawdown', 'Max DD', 'Largest fall from a peak of the equity index', (v) => <span className={v ? 'down' : ''}>{formatDrawdown(v)}</span>),
  fig('winRate', 'Win', 'Winning round trips ÷ closed round trips', (v) => formatPercent(v, 0)),
  fig('profitFactor', 'PF', 'Profit factor: gains of winners ÷ losses of losers', (v) => (v === null ? '—' : formatRatio(v).replace('+', ''))),
  fig('avgHoldingSeconds', 'Hold', 'Average holding time of a round trip', (v) => formatHolding(v)),
  col.accessor('trades', { header: () => <span title="Closed round trips in the period">Trades</span>, sortDescFirst: true, cell: (c) => formatCount(c.getValue()) }),
  col.accessor('riskScore', { header: () => <span title="Risk score 1–10">Risk</span>, sortDescFirst: false, meta: { align: 'center' }, cell: (c) => <RiskBadge score={c.getValue()} /> }),
  col.accessor('trackRecordDays', { header: () => <span title="Age of the verified track record">Age</span>, sortDescFirst: true, cell: (c) => formatAge(c.getValue()) }),
  col.accessor('copiers', { header: () => <span title="Active copiers">Copiers</span>, sortDescFirst: true, cell: (c) => formatCount(c.getValue()) }),
];
