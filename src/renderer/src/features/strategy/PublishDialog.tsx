import { useEffect, useState, type FormEvent } from 'react';
import { useApi } from '../../api/api-context';
import type { FieldErrors } from '../../api/field-errors';
import { SOCIAL_LIMITS } from '../../../../shared/social/social-types';
import { FieldError } from '../accounts/FieldError';
import { useHubDialog } from '../hub-connection/hub-dialog-store';
import { useHub } from '../hub-connection/hub-store';
import { useTrading } from '../trading/trading-store';
import { publishAccount } from './publish-actions';
import { usePublishDialog } from './publish-dialog-store';
import './strategy.css';

/** Publish an account as a strategy: what becomes public, stated plainly, an explicit agreement, then name and description. */
export function PublishDialog() {
  const open = usePublishDialog((s) => s.open);
  const opened = usePublishDialog((s) => s.opened);
  return open ? <PublishBody key={opened} /> : null;
}

function PublishBody() {
  const api = useApi();
  const close = usePublishDialog((s) => s.close);
  const preset = usePublishDialog((s) => s.accountId);
  const accounts = useTrading((s) => s.accounts);
  const selected = useTrading((s) => s.accountId);
  const user = useHub((s) => s.status?.user ?? null);
  const [accountId, setAccountId] = useState(preset ?? selected ?? Object.keys(accounts)[0] ?? '');
  const account = accounts[accountId];
  const [name, setName] = useState(account ? `${account.name} strategy` : '');
  const [description, setDescription] = useState('');
  const [agreed, setAgreed] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      e.preventDefault();
      close();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [close]);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!accountId) local.accountId = 'Pick the account to publish';
    if (!name.trim()) local.name = 'Give the strategy a name';
    if (!agreed) local.acknowledge = 'Tick the box to confirm you understand what becomes public';
    setErrors(local);
    setFailure(null);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    const res = await publishAccount(api, { accountId, name: name.trim(), description: description.trim() });
    setBusy(false);
    if (res.ok) return close();
    if (res.fields) setErrors(res.fields);
    else setFailure(res.code === 'UNAVAILABLE' ? `Cannot publish now: ${res.message}` : res.message);
  };

  return (
    <div className="modal-backdrop" onMouseDown={close}>
      <div className="modal modal-wide publish-dialog" role="dialog" aria-modal="true" aria-label="Publish an account as a strategy" onMouseDown={(e) => e.stopPropagation()} data-testid="publish-dialog">
        <h2 className="modal-title">Publish an account as a strategy</h2>
        {!user ? (
          <p className="publish-warning">
            You are not signed in to the hub.{' '}
            <button type="button" className="link" onClick={() => useHubDialog.getState().open('signIn', 'Sign in to publish a strategy.')}>
              Sign in
            </button>{' '}
            first.
          </p>
        ) : null}
        <form onSubmit={(e) => void submit(e)} noValidate>
          <div className="form-grid">
            <label htmlFor="pub-account">Account</label>
            <div>
              <select id="pub-account" className="select field" value={accountId} onChange={(e) => setAccountId(e.target.value)} aria-invalid={!!errors.accountId}>
                {Object.values(accounts).map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name} ({a.kind === 'paper' ? 'paper' : a.exchange ?? 'live'}, {a.currency})
                  </option>
                ))}
              </select>
              <FieldError text={errors.accountId} />
            </div>
            <label htmlFor="pub-name">Name</label>
            <div>
              <input id="pub-name" className="field" value={name} onChange={(e) => setName(e.target.value)} maxLength={SOCIAL_LIMITS.strategyNameChars} aria-invalid={!!errors.name} autoFocus />
              <FieldError text={errors.name} />
            </div>
            <label htmlFor="pub-desc">Description</label>
            <div>
              <textarea id="pub-desc" className="field composer-text" rows={3} value={description} onChange={(e) => setDescription(e.target.value)} maxLength={SOCIAL_LIMITS.strategyDescriptionChars} placeholder="How you trade: markets, style, holding time, risk" aria-invalid={!!errors.description} />
              <FieldError text={errors.description} />
            </div>
          </div>
          <div className="publish-terms" id="publish-terms">
            <p>
              <b>What becomes public</b>, for anyone on the hub to see and copy:
            </p>
            <ul>
              <li>
                <b>every fill</b> of {account ? `“${account.name}”` : 'the account'} from now on — symbol, side, quantity, price and fee;
              </li>
              <li>a daily mark of its equity and gross exposure;</li>
              <li>deposits and withdrawals (capital flows), as amounts.</li>
            </ul>
            <p>
              Past fills are not published. Each event is signed with a key kept on this computer, so followers can check it is yours and unaltered. <b>Once sent, it cannot be taken back</b>: you can stop publishing later, but what was published stays public.
            </p>
          </div>
          <label className="check publish-agree">
            <input type="checkbox" checked={agreed} onChange={(e) => setAgreed(e.target.checked)} aria-describedby="publish-terms" aria-invalid={!!errors.acknowledge} />I understand: this account’s trades from now on become public and cannot be withdrawn.
          </label>
          <FieldError text={errors.acknowledge} />
          <FieldError text={failure ?? undefined} />
          <div className="modal-actions">
            <button type="button" className="button" onClick={close}>
              Cancel
            </button>
            <button type="submit" className="button button-primary" disabled={busy || !agreed}>
              {busy ? 'Publishing…' : 'Publish strategy'}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
