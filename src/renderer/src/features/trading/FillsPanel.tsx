import { createColumnHelper } from '@tanstack/react-table';
import { useMemo } from 'react';
import type { Fill } from '../../../../shared/trading/fill';
import { chartInActivePane } from '../charts/chart-workspace-store';
import { useInstruments } from '../market/instruments-store';
import { SymbolLabel } from '../market/SymbolLabel';
import { usePreferences } from '../preferences/preferences-store';
import { BlotterTable } from './BlotterTable';
import { formatMoney, formatPnl, formatPriceOf, formatQty, formatTime, pnlClass, SIDE_LABEL } from './trading-format';
import { useTrading } from './trading-store';
import { TradingToolbar } from './TradingToolbar';

const col = createColumnHelper<Fill>();
const TEMPLATE = '128px minmax(112px,150px) 40px repeat(3,minmax(76px,120px)) 56px minmax(84px,120px)';

/** The selected account's fills, newest first. */
export function FillsPanel() {
  const fills = useTrading((s) => s.fills);
  const instruments = useInstruments((s) => s.bySymbol);
  const clock = usePreferences((s) => s.clock);
  const data = useMemo(() => [...fills], [fills]);

  const columns = useMemo(
    () => [
      col.accessor('time', { header: 'Time', meta: { align: 'left' }, cell: (c) => formatTime(c.getValue(), clock) }),
      col.accessor('symbol', { header: 'Symbol', meta: { align: 'left' }, cell: (c) => <SymbolLabel symbol={c.getValue()} /> }),
      col.accessor('side', { header: 'Side', meta: { align: 'left' }, cell: (c) => <span className={`side-${c.getValue()}`}>{SIDE_LABEL[c.getValue()]}</span> }),
      col.accessor('qty', { header: 'Qty', cell: (c) => formatQty(c.getValue(), instruments.get(c.row.original.symbol)) }),
      col.accessor('price', { header: 'Price', cell: (c) => formatPriceOf(c.getValue(), instruments.get(c.row.original.symbol)) }),
      col.accessor('fee', { header: 'Fee', cell: (c) => formatMoney(c.getValue()) }),
      col.accessor('liquidity', { header: 'Liq.', meta: { align: 'left' }, cell: (c) => <span className="dim">{c.getValue() === 'maker' ? 'Maker' : 'Taker'}</span> }),
      col.accessor('realizedPnl', { header: 'Realised', cell: (c) => (c.getValue() === 0 ? <span className="dim">—</span> : <span className={pnlClass(c.getValue())}>{formatPnl(c.getValue())}</span>) }),
    ],
    [instruments, clock],
  );

  return (
    <section className="panel-body blotter" aria-label="Fills">
      <TradingToolbar />
      <BlotterTable
        label="Fills"
        testId="fills-table"
        data={data}
        columns={columns}
        template={TEMPLATE}
        rowId={(f) => f.id}
        empty="No fills in the last 7 days"
        initialSorting={[{ id: 'time', desc: true }]}
        onActivate={(f) => chartInActivePane(f.symbol)}
      />
    </section>
  );
}
