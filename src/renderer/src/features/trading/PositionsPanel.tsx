import { createColumnHelper } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useApi } from '../../api/api-context';
import type { Position } from '../../../../shared/trading/position';
import { chartInActivePane } from '../charts/chart-workspace-store';
import { useInstruments } from '../market/instruments-store';
import { SymbolLabel } from '../market/SymbolLabel';
import { BlotterTable } from './BlotterTable';
import { closePosition } from './trading-actions';
import { formatMoney, formatPnl, formatPriceOf, formatQty, pnlClass } from './trading-format';
import { useTrading } from './trading-store';
import { TradingToolbar } from './TradingToolbar';

const col = createColumnHelper<Position>();
const TEMPLATE = 'minmax(112px,150px) 48px repeat(6,minmax(72px,130px)) minmax(52px,1fr)';

/** Open positions of the selected account, marked live; Close per row, Enter charts the symbol. */
export function PositionsPanel() {
  const api = useApi();
  const positions = useTrading((s) => s.positions);
  const instruments = useInstruments((s) => s.bySymbol);
  const data = useMemo(() => Object.values(positions), [positions]);

  const columns = useMemo(
    () => [
      col.accessor('symbol', { header: 'Symbol', meta: { align: 'left' }, cell: (c) => <SymbolLabel symbol={c.getValue()} /> }),
      col.accessor((p) => (p.qty > 0 ? 'Long' : 'Short'), { id: 'side', header: 'Side', meta: { align: 'left' }, cell: (c) => <span className={c.getValue() === 'Long' ? 'side-buy' : 'side-sell'}>{c.getValue()}</span> }),
      col.accessor((p) => Math.abs(p.qty), { id: 'qty', header: 'Qty', cell: (c) => formatQty(c.getValue(), instruments.get(c.row.original.symbol)) }),
      col.accessor('avgPrice', { header: 'Avg price', cell: (c) => formatPriceOf(c.getValue(), instruments.get(c.row.original.symbol)) }),
      col.accessor('markPrice', { header: 'Mark', cell: (c) => formatPriceOf(c.getValue(), instruments.get(c.row.original.symbol)) }),
      col.accessor('unrealizedPnl', { header: 'Unrealised', cell: (c) => <span className={pnlClass(c.getValue())}>{formatPnl(c.getValue())}</span> }),
      col.accessor('realizedPnl', { header: 'Realised', cell: (c) => <span className={pnlClass(c.getValue())}>{formatPnl(c.getValue())}</span> }),
      col.accessor('marketValue', { header: 'Mkt value', cell: (c) => formatMoney(c.getValue()) }),
      col.display({
        id: 'close',
        header: '',
        meta: { align: 'right' },
        cell: (c) => (
          <button type="button" className="row-button" aria-label={`Close ${c.row.original.symbol} position`} onClick={() => void closePosition(api, c.row.original.symbol, c.row.original.qty)}>
            Close
          </button>
        ),
      }),
    ],
    [api, instruments],
  );

  return (
    <section className="panel-body blotter" aria-label="Positions">
      <TradingToolbar />
      <BlotterTable
        label="Positions"
        testId="positions-table"
        data={data}
        columns={columns}
        template={TEMPLATE}
        rowId={(p) => p.symbol}
        empty="No open positions"
        initialSorting={[{ id: 'symbol', desc: false }]}
        onActivate={(p) => chartInActivePane(p.symbol)}
        onDelete={(p) => void closePosition(api, p.symbol, p.qty)}
      />
    </section>
  );
}
