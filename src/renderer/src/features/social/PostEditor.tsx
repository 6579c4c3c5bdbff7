import { useState } from 'react';
import { useApi } from '../../api/api-context';
import { SOCIAL_LIMITS, type Post } from '../../../../shared/social/social-types';
import { FieldError } from '../accounts/FieldError';
import { editPost } from './feed-actions';

/** Edits a post's text in place (within 15 minutes of posting); its trade idea stays as it is. */
export function PostEditor({ post, onDone }: { post: Post; onDone(): void }) {
  const api = useApi();
  const [text, setText] = useState(post.text);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const save = async (): Promise<void> => {
    if (!text.trim()) return setError('A post needs text');
    setBusy(true);
    const res = await editPost(api, { postId: post.postId, text });
    setBusy(false);
    if (res.ok) onDone();
    else setError(res.fields?.text ?? res.message);
  };
  return (
    <div className="post-editor">
      <textarea
        className="field composer-text"
        value={text}
        onChange={(e) => setText(e.target.value)}
        maxLength={SOCIAL_LIMITS.postChars}
        aria-label="Post text"
        autoFocus
        rows={3}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void save();
          else if (e.key === 'Escape') onDone();
          else return;
          e.preventDefault();
        }}
      />
      <FieldError text={error} />
      <div className="composer-actions">
        <span className="hint num">
          {text.length}/{SOCIAL_LIMITS.postChars}
        </span>
        <button type="button" className="button button-small" onClick={onDone}>
          Cancel
        </button>
        <button type="button" className="button button-small button-primary" onClick={() => void save()} disabled={busy}>
          Save
        </button>
      </div>
    </div>
  );
}
