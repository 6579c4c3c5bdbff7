import { createColumnHelper, type ColumnDef } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useApi } from '../../api/api-context';
import type { Follow, Result } from '../../../../shared/contract';
import { useInstruments } from '../market/instruments-store';
import { SymbolLabel } from '../market/SymbolLabel';
import { usePreferences } from '../preferences/preferences-store';
import { BlotterTable } from '../trading/BlotterTable';
import { formatQty, formatQtyShort, formatTime, SIDE_LABEL } from '../trading/trading-format';
import { fixDifference, reconcile } from './copy-actions';
import { KIND_LABEL, KIND_TITLE } from './copy-format';
import { useCopy } from './copy-store';

type Item = Result<'copy.reconcile'>['items'][number];
const col = createColumnHelper<Item>();
const TEMPLATE = 'minmax(110px,150px) 64px repeat(2,minmax(80px,110px)) minmax(100px,130px) minmax(160px,1fr) 56px';

/** The copy's positions against what the leader's stream implies: orphans, misses, drift, each with a one-click fix. */
export function ReconcileView({ follow }: { follow: Follow }) {
  const api = useApi();
  const rec = useCopy((s) => s.reconciles[follow.followId]);
  const instruments = useInstruments((s) => s.bySymbol);
  const clock = usePreferences((s) => s.clock);
  const fixing = rec?.fixing ?? null;
  const stopped = follow.state === 'stopped';

  const columns = useMemo(() => {
    const inst = (symbol: string) => instruments.get(symbol);
    // Columns mix accessor types; the table only renders them.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const cols: Array<ColumnDef<Item, any>> = [
      col.accessor('symbol', { header: 'Symbol', meta: { align: 'left' }, cell: (c) => <SymbolLabel symbol={c.getValue()} /> }),
      col.accessor('kind', { header: 'Kind', meta: { align: 'left' }, cell: (c) => <span className={`copy-kind kind-${c.row.original.kind}`} title={KIND_TITLE[c.row.original.kind]}>{KIND_LABEL[c.row.original.kind]}</span> }),
      col.accessor('mine', { header: 'Mine', cell: (c) => formatQty(c.getValue(), inst(c.row.original.symbol)) }),
      col.accessor('expected', { header: 'Expected', cell: (c) => formatQty(c.getValue(), inst(c.row.original.symbol)) }),
      col.accessor((i) => (i.fix ? `${SIDE_LABEL[i.fix.side]} ${formatQtyShort(i.fix.qty, inst(i.symbol))}` : '—'), {
        id: 'fix',
        header: 'Fix order',
        meta: { align: 'left' },
        cell: (c) => <span className={c.row.original.fix ? `side-${c.row.original.fix.side}` : 'dim'}>{c.getValue()}</span>,
      }),
      col.accessor((i) => i.note ?? '', { id: 'note', header: 'Note', meta: { align: 'left' }, cell: (c) => <span className="reason">{c.getValue()}</span> }),
      col.display({
        id: 'action',
        header: '',
        meta: { align: 'right' },
        cell: (c) =>
          c.row.original.fix && !stopped ? (
            <button type="button" className="row-button" disabled={fixing !== null} aria-label={`Fix ${c.row.original.symbol}: ${c.row.getValue<string>('fix')}`} onClick={() => void fixDifference(api, follow.followId, c.row.original.symbol)}>
              {fixing === c.row.original.symbol ? '…' : 'Fix'}
            </button>
          ) : null,
      }),
    ];
    return cols;
  }, [api, follow.followId, instruments, fixing, stopped]);

  const empty = !rec || rec.status === 'loading' ? 'Comparing with the leader’s stream…' : rec.status === 'error' ? (rec.error ?? 'The check failed') : 'Every copied position matches what the leader’s stream implies.';
  return (
    <div className="copy-reconcile">
      <div className="copy-reconcile-bar">
        <span className="dim">{rec?.checkedAt ? `Checked ${formatTime(rec.checkedAt, clock)}` : 'Not checked yet'}</span>
        {rec?.items.length ? (
          <span className="chip-dim" role="status">
            {rec.items.length} difference{rec.items.length === 1 ? '' : 's'}
          </span>
        ) : null}
        <span className="toolbar-spacer" />
        <button type="button" className="button button-small" disabled={rec?.status === 'loading'} onClick={() => void reconcile(api, follow.followId)}>
          Check again
        </button>
      </div>
      <BlotterTable
        label={`Reconciliation of ${follow.strategyName}`}
        testId="copy-reconcile"
        data={rec?.items ?? []}
        columns={columns}
        template={TEMPLATE}
        rowId={(i) => i.symbol}
        rowTitle={(i) => `${KIND_TITLE[i.kind]}${i.note ? ` — ${i.note}` : ''}`}
        empty={empty}
        onActivate={(i) => {
          if (i.fix && !stopped && fixing === null) void fixDifference(api, follow.followId, i.symbol);
        }}
      />
    </div>
  );
}
