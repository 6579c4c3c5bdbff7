import { createColumnHelper } from '@tanstack/react-table';
import { useMemo } from 'react';
import type { StrategyDetail } from '../../../../shared/contract';
import { chartInActivePane } from '../charts/chart-workspace-store';
import { useInstruments } from '../market/instruments-store';
import { SymbolLabel } from '../market/SymbolLabel';
import { usePreferences } from '../preferences/preferences-store';
import { BlotterTable } from '../trading/BlotterTable';
import { formatPnl, formatPriceOf, formatTime, pnlClass } from '../trading/trading-format';

type Trip = StrategyDetail['recentTrades'][number];
const col = createColumnHelper<Trip>();
const TEMPLATE = 'minmax(96px,130px) 48px 128px 128px repeat(3,minmax(72px,110px)) minmax(84px,120px)';

const qty = (v: number): string => (Number.isInteger(v) ? v.toLocaleString('en-US') : v.toLocaleString('en-US', { maximumFractionDigits: 6 }));

/** The strategy's verified round trips, newest first: open ones, then the closed ones with their P&L. */
export function RecentTrades({ detail }: { detail: StrategyDetail }) {
  const instruments = useInstruments((s) => s.bySymbol);
  const clock = usePreferences((s) => s.clock);
  const ccy = detail.strategy.currency;
  const columns = useMemo(
    () => [
      col.accessor('symbol', { header: 'Symbol', meta: { align: 'left' }, cell: (c) => <SymbolLabel symbol={c.getValue()} /> }),
      col.accessor('side', { header: 'Side', meta: { align: 'left' }, cell: (c) => <span className={c.getValue() === 'long' ? 'side-buy' : 'side-sell'}>{c.getValue() === 'long' ? 'Long' : 'Short'}</span> }),
      col.accessor('openedAt', { header: 'Opened', meta: { align: 'left' }, cell: (c) => formatTime(c.getValue(), clock) }),
      col.accessor('closedAt', { header: 'Closed', meta: { align: 'left' }, sortUndefined: 'first', cell: (c) => (c.getValue() === null ? <span className="tag">open</span> : formatTime(c.getValue()!, clock)) }),
      col.accessor('entryPrice', { header: 'Entry', cell: (c) => formatPriceOf(c.getValue(), instruments.get(c.row.original.symbol)) }),
      col.accessor('exitPrice', { header: 'Exit', cell: (c) => formatPriceOf(c.getValue(), instruments.get(c.row.original.symbol)) }),
      col.accessor('maxQty', { header: 'Qty', cell: (c) => qty(c.getValue()) }),
      col.accessor('pnl', { header: `P&L ${ccy}`, cell: (c) => (c.getValue() === null ? <span className="dim">—</span> : <span className={pnlClass(c.getValue()!)}>{formatPnl(c.getValue()!)}</span>) }),
    ],
    [instruments, clock, ccy],
  );
  return (
    <BlotterTable
      label="Recent verified trades"
      testId="strategy-trades"
      data={detail.recentTrades}
      columns={columns}
      template={TEMPLATE}
      rowId={(t) => `${t.symbol}|${t.openedAt}`}
      rowTitle={(t) => `Fees ${t.fees.toFixed(2)} ${ccy}${t.closes.length > 1 ? ` · closed in ${t.closes.length} parts` : ''}`}
      empty="No round trips yet"
      onActivate={(t) => {
        if (instruments.has(t.symbol)) chartInActivePane(t.symbol);
      }}
    />
  );
}
