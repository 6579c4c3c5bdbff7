import { useState } from 'react';
import { useApi } from '../../api/api-context';
import { SOCIAL_LIMITS } from '../../../../shared/social/social-types';
import { FieldError } from '../accounts/FieldError';
import { reportPost } from './feed-actions';

const REASONS = ['Spam or advertising', 'Misleading or manipulative', 'Abusive or harassing', 'Other'];

/** Reports a post to the moderators: a reason to pick, and words to add. */
export function ReportForm({ postId, onDone }: { postId: string; onDone(): void }) {
  const api = useApi();
  const [reason, setReason] = useState(REASONS[0]!);
  const [detail, setDetail] = useState('');
  const [error, setError] = useState<string | undefined>();
  const send = async (): Promise<void> => {
    const text = `${reason}${detail.trim() ? `: ${detail.trim()}` : ''}`.slice(0, SOCIAL_LIMITS.reportReasonChars);
    const res = await reportPost(api, postId, text);
    if (res.ok) onDone();
    else setError(res.message);
  };
  return (
    <div className="post-report" role="group" aria-label="Report post">
      <select className="select" value={reason} onChange={(e) => setReason(e.target.value)} aria-label="Reason" autoFocus>
        {REASONS.map((r) => (
          <option key={r}>{r}</option>
        ))}
      </select>
      <input className="field" value={detail} onChange={(e) => setDetail(e.target.value)} placeholder="Details (optional)" aria-label="Details" maxLength={400} />
      <button type="button" className="button button-small" onClick={onDone}>
        Cancel
      </button>
      <button type="button" className="button button-small button-danger" onClick={() => void send()}>
        Report
      </button>
      <FieldError text={error} />
    </div>
  );
}
