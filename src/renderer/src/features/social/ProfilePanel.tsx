import { useEffect, useState } from 'react';
import { useApi } from '../../api/api-context';
import { useHub } from '../hub-connection/hub-store';
import { staleNote } from '../hub-connection/hub-status-view';
import { formatCount } from '../strategy/figures';
import { openStrategy } from '../strategy/strategy-view-store';
import { Avatar } from './Avatar';
import { useCoarseNow } from './coarse-now';
import { blockMember } from './feed-actions';
import { FeedList } from './FeedList';
import { followMember, loadProfile, unblockMember } from './profile-actions';
import { ProfileEditor } from './ProfileEditor';
import { useProfile } from './profile-store';
import './social.css';

const joined = (ms: number): string => new Date(ms).toLocaleDateString('en-US', { year: 'numeric', month: 'short', timeZone: 'UTC' });

/** A member: bio, counts, follow or block, their strategies and posts; your own can be edited. */
export function ProfilePanel() {
  const api = useApi();
  const me = useHub((s) => s.status?.user ?? null);
  const { ref, data, status, error } = useProfile();
  const now = useCoarseNow();
  const [editing, setEditing] = useState(false);
  // Without a chosen member, the panel shows the trader's own profile.
  const shown = ref ?? (me ? { userId: me.userId } : null);
  const key = shown ? JSON.stringify(shown) : '';

  useEffect(() => {
    if (!shown) return;
    if (!ref) useProfile.setState({ ref: shown });
    else if (status === 'idle') void loadProfile(api, shown);
    // `key` stands for `shown`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, key, ref, status]);

  if (!shown) {
    return (
      <section className="panel-body social-panel" aria-label="Profile">
        <p className="feed-empty">Click a trader’s name in the feed or the leaderboard to see their profile. Sign in to see yours.</p>
      </section>
    );
  }
  if (!data) {
    return (
      <section className="panel-body social-panel" aria-label="Profile">
        <p className="feed-empty" role={status === 'error' ? 'alert' : undefined}>
          {status === 'error' ? error : 'Loading profile…'}
        </p>
      </section>
    );
  }

  const { user, strategies, stale, fetchedAt } = data;
  const own = me?.userId === user.userId;
  return (
    <section className="panel-body social-panel profile-panel" aria-label={`Profile of @${user.username}`} data-testid="profile-panel">
      {stale ? <div className="stale-bar">{staleNote(fetchedAt, now)}</div> : null}
      <header className="profile-head">
        <Avatar user={user} size="lg" />
        <div className="profile-who">
          <h2 className="profile-name">
            {user.displayName}
            {user.simulated ? (
              <span className="sim-tag" title="A member of the embedded hub's simulated community">
                sim
              </span>
            ) : null}
          </h2>
          <div className="post-handle">
            @{user.username} · joined {joined(user.createdAt)}
          </div>
        </div>
        <span className="toolbar-spacer" />
        {own ? (
          <button type="button" className="button button-small" onClick={() => setEditing((e) => !e)} aria-expanded={editing}>
            Edit profile
          </button>
        ) : (
          <>
            <button type="button" className={user.followedByMe ? 'button button-small' : 'button button-small button-primary'} onClick={() => void followMember(api, user)} aria-pressed={user.followedByMe}>
              {user.followedByMe ? 'Following' : 'Follow'}
            </button>
            <button type="button" className="button button-small button-danger" onClick={() => void (user.blockedByMe ? unblockMember(api, user) : blockMember(api, user).then((done) => done && useProfile.setState({ status: 'idle' })))}>
              {user.blockedByMe ? 'Unblock' : 'Block'}
            </button>
          </>
        )}
      </header>
      {editing && own ? <ProfileEditor user={user} onDone={() => setEditing(false)} /> : null}
      {user.bio ? <p className="profile-bio">{user.bio}</p> : null}
      <dl className="profile-counts num">
        <div>
          <dt>Followers</dt>
          <dd>{formatCount(user.followers)}</dd>
        </div>
        <div>
          <dt>Following</dt>
          <dd>{formatCount(user.following)}</dd>
        </div>
        <div>
          <dt>Posts</dt>
          <dd>{formatCount(user.posts)}</dd>
        </div>
        <div>
          <dt>Strategies</dt>
          <dd>{formatCount(strategies.length)}</dd>
        </div>
      </dl>
      {strategies.length > 0 ? (
        <>
          <h3 className="section-title">Strategies</h3>
          <ul className="profile-strategies">
            {strategies.map((s) => (
              <li key={s.strategyId}>
                <button type="button" className="link" onClick={() => openStrategy(s.strategyId)}>
                  {s.name}
                </button>
                <span className="dim">
                  {s.assetClasses.join(', ')} · {formatCount(s.followers)} followers · {formatCount(s.copiers)} copiers
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h3 className="section-title">Posts</h3>
      <div className="profile-feed">
        <FeedList spec={{ tab: 'user', userId: user.userId }} label={`Posts by @${user.username}`} empty="No posts yet." />
      </div>
    </section>
  );
}
