import { useState, type FormEvent } from 'react';
import { useApi } from '../../api/api-context';
import { FieldError } from '../accounts/FieldError';
import { configureHub, signOut } from './hub-actions';
import { useHub } from './hub-store';

/** Which hub the app uses: the embedded one (simulated community, offline) or a remote one by URL; and sign out. */
export function HubSettingsForm({ onDone, onCancel }: { onDone(): void; onCancel(): void }) {
  const api = useApi();
  const status = useHub((s) => s.status);
  const [remote, setRemote] = useState(status?.mode === 'remote');
  const [url, setUrl] = useState(status?.mode === 'remote' ? status.url : '');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const unchanged = remote ? status?.mode === 'remote' && url.trim() === status.url : status?.mode === 'embedded';

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const target = remote ? url.trim() : null;
    // The hub in use already: switching would only sign out.
    if (unchanged) return onDone();
    if (target !== null && !/^wss?:\/\/\S+$/i.test(target)) return setError('A ws:// or wss:// address, such as wss://hub.example.com/hub/v1');
    setBusy(true);
    setError(undefined);
    const res = await configureHub(api, target);
    setBusy(false);
    if (res.ok) onDone();
    else setError(res.fields?.url ?? res.message);
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label="Hub settings">
      {status?.user ? (
        <div className="hub-signed-in">
          <span>
            Signed in as <b>@{status.user.username}</b>
          </span>
          <button type="button" className="button button-small" onClick={() => void signOut(api).then(onDone)}>
            Sign out
          </button>
        </div>
      ) : null}
      <div className="form-grid hub-form">
        <span className="form-label">Hub</span>
        <span className="seg" role="radiogroup" aria-label="Which hub">
          <button type="button" role="radio" aria-checked={!remote} className={remote ? 'seg-btn' : 'seg-btn active'} onClick={() => setRemote(false)}>
            Embedded
          </button>
          <button type="button" role="radio" aria-checked={remote} className={remote ? 'seg-btn active' : 'seg-btn'} onClick={() => setRemote(true)}>
            Remote
          </button>
        </span>
        {remote ? (
          <>
            <label htmlFor="hub-url">Address</label>
            <div>
              <input id="hub-url" className="field mono" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="wss://hub.example.com/hub/v1" maxLength={512} aria-invalid={!!error} autoFocus />
              <FieldError text={error} />
            </div>
          </>
        ) : null}
      </div>
      <p className="hint">
        {remote
          ? 'A hub run by someone else (npm run hub). Switching signs you out of the current hub; what was saved from it stays readable offline.'
          : 'A hub this app runs on 127.0.0.1 with a simulated community of traders: everything works offline. Its members are marked “sim”.'}
      </p>
      {!remote ? <FieldError text={error} /> : null}
      <div className="modal-actions">
        <button type="button" className="button" onClick={onCancel}>
          Close
        </button>
        <button type="submit" className="button button-primary" disabled={busy || unchanged}>
          {busy ? 'Switching…' : unchanged ? 'In use' : 'Use this hub'}
        </button>
      </div>
    </form>
  );
}
