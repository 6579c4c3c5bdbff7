import { createColumnHelper, type ColumnDef } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useApi } from '../../api/api-context';
import type { CopyLogEntry, Follow } from '../../../../shared/contract';
import type { Instrument } from '../../../../shared/market/instrument';
import { useInstruments } from '../market/instruments-store';
import { usePreferences } from '../preferences/preferences-store';
import { BlotterTable } from '../trading/BlotterTable';
import { formatTime } from '../trading/trading-format';
import { loadMoreLog } from './copy-actions';
import { GUARD_LABEL, leaderTradeText, orderText, OUTCOME_LABEL } from './copy-format';
import { EMPTY_LOG } from './copy-reducers';
import { useCopy } from './copy-store';

const col = createColumnHelper<CopyLogEntry>();
// Time, outcome and the leader's trade first: they fit a narrow panel; the rest scrolls.
const TEMPLATE = '60px 62px minmax(196px,1fr) 92px minmax(200px,1.6fr) minmax(280px,1.8fr)';

const ordersText = (e: CopyLogEntry, inst: (s: string) => Instrument | undefined): string => e.orders.map((o) => orderText(o, inst(o.symbol))).join('; ');

/** A follow's log, newest first, live: the leader's trade, what was done with it and why, my orders. More loads as it scrolls. */
export function CopyLog({ follow }: { follow: Follow }) {
  const api = useApi();
  const log = useCopy((s) => s.logs[follow.followId]) ?? EMPTY_LOG;
  const instruments = useInstruments((s) => s.bySymbol);
  const clock = usePreferences((s) => s.clock);

  const columns = useMemo(() => {
    const inst = (symbol: string) => instruments.get(symbol);
    // Columns mix accessor types; the table only renders them.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const cols: Array<ColumnDef<CopyLogEntry, any>> = [
      col.accessor('time', { header: 'Time', meta: { align: 'left' }, cell: (c) => formatTime(c.getValue(), clock) }),
      col.accessor('outcome', { header: 'Outcome', meta: { align: 'left' }, cell: (c) => <span className={`copy-outcome outcome-${c.row.original.outcome}`}>{OUTCOME_LABEL[c.row.original.outcome]}</span> }),
      col.accessor((e) => leaderTradeText(e.leader, e.leader ? inst(e.leader.symbol) : undefined), {
        id: 'leader',
        header: 'Leader trade',
        meta: { align: 'left' },
        cell: (c) => {
          const e = c.row.original;
          return e.leader ? <span className={`side-${e.leader.side}`}>{c.getValue()}</span> : <span className="dim">Yours (no leader trade)</span>;
        },
      }),
      col.accessor((e) => (e.guard ? GUARD_LABEL[e.guard] : ''), { id: 'guard', header: 'Guard', meta: { align: 'left' }, cell: (c) => <span className="reason">{c.getValue()}</span> }),
      col.accessor('message', { header: 'Message', meta: { align: 'left' }, cell: (c) => <span className="copy-message">{c.getValue()}</span> }),
      col.accessor((e) => ordersText(e, inst), { id: 'orders', header: 'My orders', meta: { align: 'left' }, cell: (c) => <span className="copy-message num">{c.getValue() || '—'}</span> }),
    ];
    return cols;
  }, [instruments, clock]);

  const footer = log.loadingMore ? <div className="bt-empty">Loading older entries…</div> : log.error && log.status === 'ready' ? <div className="bt-empty field-error">{log.error}</div> : null;
  const empty = log.status === 'loading' ? 'Loading the log…' : log.status === 'error' ? (log.error ?? 'The log could not be loaded') : 'No signal yet: every leader trade from now on is logged here, copied or not, with the reason.';

  return (
    <BlotterTable
      key={follow.followId}
      label={`Copy log of ${follow.strategyName}`}
      testId="copy-log"
      data={log.entries}
      columns={columns}
      template={TEMPLATE}
      rowId={(e) => String(e.id)}
      rowClass={(e) => `log-${e.outcome}`}
      rowTitle={(e) => [e.message, ordersText(e, (s) => instruments.get(s))].filter(Boolean).join(' — ')}
      empty={empty}
      onNearEnd={() => void loadMoreLog(api, follow.followId)}
      footer={footer}
    />
  );
}
