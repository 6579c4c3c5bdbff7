import { useApi } from '../../api/api-context';
import type { Follow } from '../../../../shared/contract';
import { usePreferences } from '../preferences/preferences-store';
import { formatTime } from '../trading/trading-format';
import { setDetailTab } from './copy-actions';
import { useCopy } from './copy-store';
import { CopyLog } from './CopyLog';
import { ReconcileView } from './ReconcileView';

/** The selected follow's log (every leader signal and what was done) or its reconciliation. */
export function FollowDetail({ follow }: { follow: Follow }) {
  const api = useApi();
  const tab = useCopy((s) => s.tab);
  const clock = usePreferences((s) => s.clock);
  return (
    <div className="copy-detail" data-testid="copy-detail">
      <div className="copy-detail-head">
        <span className="seg" role="tablist" aria-label={`${follow.strategyName}: log or reconciliation`}>
          <button type="button" role="tab" aria-selected={tab === 'log'} aria-controls="copy-detail-body" className={tab === 'log' ? 'seg-btn active' : 'seg-btn'} onClick={() => setDetailTab(api, 'log')}>
            Log
          </button>
          <button type="button" role="tab" aria-selected={tab === 'reconcile'} aria-controls="copy-detail-body" className={tab === 'reconcile' ? 'seg-btn active' : 'seg-btn'} onClick={() => setDetailTab(api, 'reconcile')}>
            Reconcile
          </button>
        </span>
        <b className="copy-detail-name">{follow.strategyName}</b>
        <span className="dim num">
          since {formatTime(follow.createdAt, clock)} · leader event #{follow.leaderSeq}
        </span>
      </div>
      <div className="copy-detail-body" id="copy-detail-body" role="tabpanel">
        {tab === 'log' ? <CopyLog follow={follow} /> : <ReconcileView follow={follow} />}
      </div>
    </div>
  );
}
