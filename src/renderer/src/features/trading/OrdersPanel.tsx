import { createColumnHelper } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { useApi } from '../../api/api-context';
import { isWorking, type Order } from '../../../../shared/trading/order';
import { chartInActivePane } from '../charts/chart-workspace-store';
import { useInstruments } from '../market/instruments-store';
import { SymbolLabel } from '../market/SymbolLabel';
import { usePreferences } from '../preferences/preferences-store';
import { BlotterTable } from './BlotterTable';
import { cancelOrder } from './trading-actions';
import { formatPriceOf, formatQty, formatTime, SIDE_LABEL, STATUS_LABEL, TYPE_SHORT } from './trading-format';
import { orderHistory, workingOrders } from './trading-reducers';
import { useTrading } from './trading-store';
import { TradingToolbar } from './TradingToolbar';

const col = createColumnHelper<Order>();
const WORKING = '64px minmax(112px,140px) 36px 52px repeat(4,minmax(64px,110px)) 36px 68px minmax(24px,1fr)';
// History drops Stop, TIF and × so the reason fits beside the status.
const HISTORY = '64px minmax(112px,130px) 36px 52px repeat(3,minmax(64px,100px)) 68px minmax(160px,1fr)';

const ROLE: Readonly<Record<Order['role'], string>> = { entry: '', stop_loss: 'SL', take_profit: 'TP' };

/** Working orders (× cancels), or the history with rejected orders and their reasons. */
export function OrdersPanel() {
  const api = useApi();
  const orders = useTrading((s) => s.orders);
  const instruments = useInstruments((s) => s.bySymbol);
  const clock = usePreferences((s) => s.clock);
  const [history, setHistory] = useState(false);
  const data = useMemo(() => (history ? orderHistory(orders) : workingOrders(orders)), [orders, history]);
  const nWorking = useMemo(() => workingOrders(orders).length, [orders]);

  const columns = useMemo(() => {
    const i = (o: Order) => instruments.get(o.symbol);
    const stop = col.accessor('stopPrice', { header: 'Stop', cell: (c) => formatPriceOf(c.getValue(), i(c.row.original)) });
    const tif = col.accessor('tif', { header: 'TIF', meta: { align: 'left' } });
    const reason = col.accessor((o) => o.reason ?? '', { id: 'reason', header: 'Reason', meta: { align: 'left' }, cell: (c) => <span className="reason">{c.getValue()}</span> });
    const cancel = col.display({
      id: 'cancel',
      header: '',
      meta: { align: 'right' },
      cell: (c) =>
        isWorking(c.row.original.status) ? (
          <button type="button" className="row-button row-x" aria-label={`Cancel ${SIDE_LABEL[c.row.original.side]} ${c.row.original.symbol} order`} title="Cancel order" onClick={() => void cancelOrder(api, c.row.original)}>
            ×
          </button>
        ) : null,
    });
    return [
      col.accessor((o) => (history ? o.updatedAt : o.createdAt), { id: 'time', header: 'Time', meta: { align: 'left' }, cell: (c) => formatTime(c.getValue(), clock) }),
      col.accessor('symbol', {
        header: 'Symbol',
        meta: { align: 'left' },
        cell: (c) => (
          <>
            <SymbolLabel symbol={c.getValue()} />
            {ROLE[c.row.original.role] ? <span className="tag">{ROLE[c.row.original.role]}</span> : null}
          </>
        ),
      }),
      col.accessor('side', { header: 'Side', meta: { align: 'left' }, cell: (c) => <span className={`side-${c.getValue()}`}>{SIDE_LABEL[c.getValue()]}</span> }),
      col.accessor('type', { header: 'Type', meta: { align: 'left' }, cell: (c) => TYPE_SHORT[c.getValue()] }),
      col.accessor('qty', { header: 'Qty', cell: (c) => formatQty(c.getValue(), i(c.row.original)) }),
      col.accessor('filledQty', { header: 'Filled', cell: (c) => formatQty(c.getValue(), i(c.row.original)) }),
      col.accessor((o) => o.price ?? o.avgFillPrice, { id: 'price', header: 'Price', sortUndefined: 'last', cell: (c) => formatPriceOf(c.row.original.price ?? c.row.original.avgFillPrice, i(c.row.original)) }),
      ...(history ? [] : [stop, tif]),
      col.accessor('status', { header: 'Status', meta: { align: 'left' }, cell: (c) => <span className={`status status-${c.getValue()}`}>{STATUS_LABEL[c.getValue()]}</span> }),
      ...(history ? [reason] : [cancel]),
    ];
  }, [api, instruments, clock, history]);

  return (
    <section className="panel-body blotter" aria-label="Orders">
      <TradingToolbar>
        <span className="seg" role="group" aria-label="Orders shown">
          <button type="button" className={history ? 'seg-btn' : 'seg-btn active'} aria-pressed={!history} onClick={() => setHistory(false)}>
            Working <span className="count">{nWorking}</span>
          </button>
          <button type="button" className={history ? 'seg-btn active' : 'seg-btn'} aria-pressed={history} onClick={() => setHistory(true)}>
            History
          </button>
        </span>
      </TradingToolbar>
      <BlotterTable
        key={history ? 'history' : 'working'}
        label={history ? 'Order history' : 'Working orders'}
        testId="orders-table"
        data={data}
        columns={columns}
        template={history ? HISTORY : WORKING}
        rowId={(o) => o.id}
        rowClass={(o) => (o.status === 'rejected' ? 'row-rejected' : isWorking(o.status) ? undefined : 'row-final')}
        rowTitle={(o) => [o.reason, o.venueOrderId ? `Exchange order id ${o.venueOrderId}` : null].filter(Boolean).join(' · ') || undefined}
        empty={history ? 'No orders yet' : 'No working orders'}
        onActivate={(o) => chartInActivePane(o.symbol)}
        onDelete={(o) => {
          if (isWorking(o.status)) void cancelOrder(api, o);
        }}
      />
    </section>
  );
}
