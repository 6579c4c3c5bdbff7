import { useMemo } from 'react';
import { openCashtag } from './feed-view-store';
import { openProfile } from './profile-store';
import { tokenizePost } from './text-tokens';

/** A post's or comment's text with $CASHTAGS (open the symbol's feed) and @mentions (open the profile) as links. */
export function PostText({ text }: { text: string }) {
  const tokens = useMemo(() => tokenizePost(text), [text]);
  return (
    <p className="post-text">
      {tokens.map((t, i) =>
        t.kind === 'text' ? (
          <span key={i}>{t.text}</span>
        ) : t.kind === 'cashtag' ? (
          <button key={i} type="button" className="link cashtag" onClick={() => openCashtag(t.symbol)} title={`Posts about $${t.symbol}`}>
            {t.text}
          </button>
        ) : (
          <button key={i} type="button" className="link mention" onClick={() => openProfile({ username: t.username })} title={`Profile of @${t.username}`}>
            {t.text}
          </button>
        ),
      )}
    </p>
  );
}
