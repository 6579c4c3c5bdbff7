import type { SortingState } from '@tanstack/react-table';
import { useEffect, useMemo, useState } from 'react';
import { useApi } from '../../api/api-context';
import { PERIODS, type LeaderboardSort } from '../../../../shared/social/leaderboard';
import { staleNote } from '../hub-connection/hub-status-view';
import { useHub } from '../hub-connection/hub-store';
import { useCoarseNow } from '../social/coarse-now';
import { useSocialStart } from '../social/use-social-start';
import { openStrategy } from '../strategy/strategy-view-store';
import { formatCount } from '../strategy/figures';
import { BlotterTable } from '../trading/BlotterTable';
import { editFilters, loadLeaderboard, loadMoreLeaderboard, setPeriod, setSort } from './leaderboard-actions';
import { copyRow, descFirst, LEADERBOARD_COLUMNS, SORTABLE, TEMPLATE } from './leaderboard-columns';
import { activeFilterCount } from './leaderboard-filters';
import { useLeaderboard, type Period } from './leaderboard-store';
import { LeaderboardFilters } from './LeaderboardFilters';
import './leaderboard.css';

const PERIOD_LABEL: Record<Period, string> = { '1M': '1M', '3M': '3M', '6M': '6M', '1Y': '1Y', all: 'All' };
const ROW_KEYS = { c: copyRow };

/**
 * Ranked strategies with the period's verified figures: sorted by the hub (click a header, or the
 * Sort menu), filtered, paged in as the list scrolls; Enter or a double click opens a strategy.
 */
export function LeaderboardPanel() {
  const api = useApi();
  const s = useLeaderboard();
  const hubState = useHub((h) => h.status?.state);
  const backfillStep = useHub((h) => (h.status?.community?.state === 'backfilling' ? Math.floor(h.status.community.progress * 4) : null));
  const backfilling = backfillStep !== null;
  const now = useCoarseNow();
  const [showFilters, setShowFilters] = useState(false);
  const nFilters = activeFilterCount(s.filters);

  // First load once the hub's state is known (and the trading screen has painted); again when the hub comes (back) online, and as the
  // simulated community builds its track records (every quarter of its backfill).
  const go = useSocialStart(api);
  useEffect(() => {
    if (!go || hubState === undefined) return;
    if (useLeaderboard.getState().status === 'idle' || hubState === 'online') void loadLeaderboard(api);
  }, [api, go, hubState, backfillStep]);

  const sorting = useMemo<SortingState>(() => [{ id: s.sort, desc: s.dir === 'desc' }], [s.sort, s.dir]);
  const onSortingChange = (next: SortingState): void => {
    const first = next[0];
    // A third click would clear the sort: the hub always sorts, so it flips instead.
    if (!first) return setSort(api, s.sort, s.dir === 'desc' ? 'asc' : 'desc');
    setSort(api, first.id as LeaderboardSort, first.desc ? 'desc' : 'asc');
  };

  const footer = s.loadingMore ? <div className="bt-empty">Loading more…</div> : s.status === 'ready' && s.rows.length > 0 && s.nextCursor === null ? <div className="bt-empty">All {formatCount(s.total)} strategies shown</div> : null;
  const empty = s.status === 'loading' ? 'Loading the leaderboard…' : s.status === 'error' ? (s.error ?? 'The leaderboard could not be loaded') : backfilling ? 'The simulated community is still building its track records…' : 'No strategy matches: a strategy ranks with 30 days and 10 closed trades of verified history.';

  return (
    <section className="panel-body blotter leaderboard" aria-label="Leaderboard" data-testid="leaderboard-panel">
      <div className="bt-toolbar" role="toolbar" aria-label="Leaderboard">
        <span className="seg" role="radiogroup" aria-label="Period">
          {PERIODS.map((p) => (
            <button key={p} type="button" role="radio" aria-checked={s.period === p} className={s.period === p ? 'seg-btn active' : 'seg-btn'} onClick={() => setPeriod(api, p)}>
              {PERIOD_LABEL[p]}
            </button>
          ))}
        </span>
        <input className="field lb-search" type="search" placeholder="Search strategy or trader" aria-label="Search strategies" value={s.inputs.search} onChange={(e) => editFilters(api, { search: e.target.value })} maxLength={64} />
        <button type="button" className={showFilters || nFilters > 0 ? 'tf active' : 'tf'} aria-expanded={showFilters} onClick={() => setShowFilters((f) => !f)} title="Filters">
          Filters{nFilters > 0 ? ` ${nFilters}` : ''}
        </button>
        <span className="lb-sort">
          <select className="select" aria-label="Sort by" value={s.sort} onChange={(e) => setSort(api, e.target.value as LeaderboardSort, descFirst(e.target.value as LeaderboardSort) ? 'desc' : 'asc')}>
            {SORTABLE.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </select>
          <button type="button" className="tf" onClick={() => setSort(api, s.sort, s.dir === 'desc' ? 'asc' : 'desc')} aria-label={s.dir === 'desc' ? 'Sorted high to low: reverse' : 'Sorted low to high: reverse'} title="Reverse the order">
            {s.dir === 'desc' ? '▼' : '▲'}
          </button>
        </span>
        <span className="toolbar-spacer" />
        {s.stale ? (
          <span className="stale-chip" role="status" data-testid="leaderboard-stale">
            {staleNote(s.fetchedAt, now)}
          </span>
        ) : null}
        <span className="chip-dim num" data-testid="leaderboard-total">
          {s.status === 'ready' ? `${formatCount(s.rows.length)} of ${formatCount(s.total)}` : ''}
        </span>
        <button type="button" className="icon-button" aria-label="Reload the leaderboard" title="Reload" onClick={() => void loadLeaderboard(api)}>
          ↻
        </button>
      </div>
      {showFilters ? <LeaderboardFilters /> : null}
      <BlotterTable
        // A new query starts at the top with the first row selected.
        key={`${s.period}|${s.sort}|${s.dir}|${JSON.stringify(s.filters)}`}
        label="Leaderboard"
        testId="leaderboard-table"
        data={s.rows}
        columns={LEADERBOARD_COLUMNS}
        template={TEMPLATE}
        rowId={(r) => r.strategyId}
        rowTitle={(r) => `${r.name} — Enter or double-click for the strategy profile, C to copy it`}
        empty={empty}
        sorting={sorting}
        onSortingChange={onSortingChange}
        onNearEnd={() => void loadMoreLeaderboard(api)}
        onActivate={(r) => openStrategy(r.strategyId)}
        rowKeys={ROW_KEYS}
        footer={footer}
      />
    </section>
  );
}
