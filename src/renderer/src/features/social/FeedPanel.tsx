import { useState } from 'react';
import { useHub } from '../hub-connection/hub-store';
import { Composer } from './Composer';
import { FeedList } from './FeedList';
import { useFeedView, type FeedPanelTab } from './feed-view-store';
import { ThreadView } from './ThreadView';
import './social.css';

const TABS: Array<[FeedPanelTab, string]> = [
  ['following', 'Following'],
  ['trending', 'Trending'],
  ['symbol', '$'],
];

/** The feed: Following, Trending or a $SYMBOL's posts, the composer on top, a post's thread over the list. */
export function FeedPanel() {
  const { tab, symbol, threadPostId, setTab } = useFeedView();
  const signedIn = useHub((s) => s.status?.user != null);
  const [draft, setDraft] = useState<string | null>(null);

  const pickSymbol = (): void => {
    const s = (draft ?? symbol).trim().replace(/^\$/, '').toUpperCase();
    if (/^[A-Z][A-Z0-9]{0,11}$/.test(s)) useFeedView.setState({ tab: 'symbol', symbol: s, threadPostId: null });
    setDraft(null);
  };

  if (threadPostId) {
    return (
      <section className="panel-body social-panel" aria-label="Feed">
        <ThreadView postId={threadPostId} />
      </section>
    );
  }

  return (
    <section className="panel-body social-panel" aria-label="Feed">
      <div className="bt-toolbar feed-toolbar" role="toolbar" aria-label="Feed">
        <span className="seg" role="tablist" aria-label="Feed tabs">
          {TABS.map(([t, label]) => (
            <button key={t} type="button" role="tab" aria-selected={tab === t} className={tab === t ? 'seg-btn active' : 'seg-btn'} onClick={() => setTab(t)}>
              {t === 'symbol' ? `$${symbol}` : label}
            </button>
          ))}
        </span>
        <input
          className="field cashtag-input mono"
          aria-label="Cashtag"
          placeholder="$SYMBOL"
          value={draft ?? ''}
          maxLength={13}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              pickSymbol();
            } else if (e.key === 'Escape') setDraft(null);
          }}
          onBlur={() => (draft ? pickSymbol() : undefined)}
        />
      </div>
      <Composer />
      {tab === 'following' && !signedIn ? (
        <p className="feed-empty">Sign in to see posts from the traders and strategies you follow. Trending shows what everyone is talking about.</p>
      ) : (
        <FeedList
          key={tab === 'symbol' ? `symbol:${symbol}` : tab}
          spec={tab === 'symbol' ? { tab, symbol } : { tab }}
          label={tab === 'symbol' ? `Posts about $${symbol}` : tab === 'following' ? 'Following' : 'Trending'}
          empty={tab === 'following' ? 'Nothing yet: follow traders and strategies to fill this feed.' : tab === 'symbol' ? `No posts about $${symbol} yet.` : 'No posts yet.'}
        />
      )}
    </section>
  );
}
