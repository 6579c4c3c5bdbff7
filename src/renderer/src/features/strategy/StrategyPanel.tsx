import { useEffect, useState } from 'react';
import { useApi } from '../../api/api-context';
import { openCopyDialog } from '../copy/copy-dialog-actions';
import { staleNote } from '../hub-connection/hub-status-view';
import { Avatar } from '../social/Avatar';
import { useCoarseNow } from '../social/coarse-now';
import { FeedList } from '../social/FeedList';
import { openProfile } from '../social/profile-store';
import { EquityChartView } from './EquityChartView';
import { formatAge, formatCount, formatReturn, toneOf } from './figures';
import { MonthlyReturns } from './MonthlyReturns';
import { unpublishStrategy } from './publish-actions';
import { RecentTrades } from './RecentTrades';
import { followStrategy, loadStrategy } from './strategy-actions';
import { StrategyStats } from './StrategyStats';
import { useStrategyView } from './strategy-view-store';
import { useStrategyLive } from './use-strategy-live';
import { VerifiedBadge } from './VerifiedBadge';
import './strategy.css';

const ASSET_LABEL: Record<string, string> = { crypto: 'Crypto', stock: 'Stocks', fx: 'FX', index: 'Indices' };
const date = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/**
 * A strategy's profile, every figure computed by this app from the verified event stream: header
 * with the verification, equity and drawdown, monthly returns, statistics per period, recent
 * round trips and the strategy's posts. Refreshes as new events arrive.
 */
export function StrategyPanel() {
  const api = useApi();
  const { strategyId, detail, status, error } = useStrategyView();
  const now = useCoarseNow();
  const [lower, setLower] = useState<'trades' | 'posts'>('trades');
  useStrategyLive(api, strategyId);

  useEffect(() => {
    if (strategyId && status === 'idle') void loadStrategy(api, strategyId);
  }, [api, strategyId, status]);

  if (!strategyId) {
    return (
      <section className="panel-body social-panel" aria-label="Strategy">
        <p className="feed-empty">Open a strategy from the Leaderboard (Enter or double-click a row).</p>
      </section>
    );
  }
  if (!detail || detail.strategy.strategyId !== strategyId) {
    return (
      <section className="panel-body social-panel" aria-label="Strategy">
        <p className="feed-empty" role={status === 'error' ? 'alert' : undefined}>
          {status === 'error' ? error : 'Loading and verifying the strategy…'}
        </p>
      </section>
    );
  }

  const { strategy, metrics, verification } = detail;
  const all = metrics.periods.all;
  return (
    <section className="panel-body strategy-panel" aria-label={`Strategy ${strategy.name}`} data-testid="strategy-panel">
      {detail.stale ? <div className="stale-bar">{staleNote(detail.fetchedAt, now)}</div> : null}
      <header className="strategy-head">
        <div className="strategy-title">
          <h2 className="strategy-name">
            {strategy.name}
            {strategy.simulated ? (
              <span className="sim-tag" title="Traded by a member of the embedded hub's simulated community">
                sim
              </span>
            ) : null}
          </h2>
          <div className="strategy-owner">
            <Avatar user={strategy.owner} size="sm" />
            <button type="button" className="link" onClick={() => openProfile({ userId: strategy.owner.userId })}>
              {strategy.owner.displayName}
            </button>
            <span className="post-handle">@{strategy.owner.username}</span>
            <span className="dim">
              · {strategy.assetClasses.map((a) => ASSET_LABEL[a] ?? a).join(', ')} · {strategy.currency} · track record since {metrics.firstDay ?? date(strategy.createdAt)}
            </span>
          </div>
        </div>
        <VerifiedBadge verification={verification} />
        <span className="toolbar-spacer" />
        <dl className="strategy-key num">
          <div>
            <dt>Return (all)</dt>
            <dd className={toneOf(all.return)}>{formatReturn(all.return)}</dd>
          </div>
          <div>
            <dt>Track record</dt>
            <dd>{formatAge(metrics.returnDays)}</dd>
          </div>
          <div>
            <dt>Followers</dt>
            <dd>{formatCount(strategy.followers)}</dd>
          </div>
          <div>
            <dt>Copiers</dt>
            <dd>{formatCount(strategy.copiers)}</dd>
          </div>
        </dl>
        {detail.publishedAccountId ? (
          <>
            <span className="chip" title={`Published from account ${detail.publishedAccountId} of this profile`}>
              Yours
            </span>
            <button type="button" className="button button-small button-danger" onClick={() => void unpublishStrategy(api, strategy.strategyId, strategy.name)}>
              Stop publishing…
            </button>
          </>
        ) : (
          <>
            <button type="button" className={strategy.followedByMe ? 'button button-small' : 'button button-small button-primary'} aria-pressed={strategy.followedByMe} onClick={() => void followStrategy(api)}>
              {strategy.followedByMe ? 'Following' : 'Follow'}
            </button>
            <button type="button" className="button button-small button-buy" onClick={() => openCopyDialog({ strategyId: strategy.strategyId, strategyName: strategy.name })} title="Copy this strategy’s trades onto one of your accounts: sizing, guards and a what-if first">
              Copy…
            </button>
          </>
        )}
      </header>
      {strategy.description ? <p className="strategy-description">{strategy.description}</p> : null}
      <div className="strategy-grid">
        <EquityChartView metrics={metrics} />
        <StrategyStats detail={detail} />
      </div>
      <h3 className="section-title">Monthly returns</h3>
      <MonthlyReturns monthly={metrics.monthly} />
      <div className="strategy-lower">
        <span className="seg" role="tablist" aria-label="Trades or posts">
          <button type="button" role="tab" aria-selected={lower === 'trades'} className={lower === 'trades' ? 'seg-btn active' : 'seg-btn'} onClick={() => setLower('trades')}>
            Recent verified trades <span className="count">{detail.recentTrades.length}</span>
          </button>
          <button type="button" role="tab" aria-selected={lower === 'posts'} className={lower === 'posts' ? 'seg-btn active' : 'seg-btn'} onClick={() => setLower('posts')}>
            Posts
          </button>
        </span>
        <div className="strategy-lower-body">
          {lower === 'trades' ? <RecentTrades detail={detail} /> : <FeedList spec={{ tab: 'strategy', strategyId: strategy.strategyId }} label={`Posts about ${strategy.name}`} empty="No posts about this strategy yet." />}
        </div>
      </div>
    </section>
  );
}
