import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useApi } from '../../api/api-context';
import type { FieldErrors } from '../../api/field-errors';
import { useToasts } from '../toasts/toast-store';
import { useTrading } from '../trading/trading-store';
import { saveCredentials, testConnection } from './account-actions';
import { ConnectionChip } from './ConnectionChip';
import type { ConnectionTest } from './connection-test-store';
import { useExchanges } from './exchanges-store';
import { FieldError } from './FieldError';
import { TestResult } from './TestResult';

/** Keys go to the core and nowhere else: no autofill, no spell-check service, no store. */
const SECRET_INPUT = { type: 'password', autoComplete: 'off', spellCheck: false, autoCapitalize: 'off', autoCorrect: 'off', 'data-1p-ignore': true, 'data-lpignore': 'true' } as const;

/**
 * A live account's API key, secret and (where the exchange needs one) passphrase. The keys live
 * only in this form's inputs until they are sent, and are cleared once the core has them. Testing
 * stores what was typed first: the core tests the keys it holds.
 */
export function ApiKeysForm({ accountId, onDone, onCancel }: { accountId: string; onDone(): void; onCancel(): void }) {
  const api = useApi();
  const account = useTrading((s) => s.accounts[accountId]);
  const exchanges = useExchanges((s) => s.list);
  const [apiKey, setApiKey] = useState('');
  const [secret, setSecret] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState<'save' | 'test' | null>(null);
  const [test, setTest] = useState<ConnectionTest | null>(null);
  const first = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void useExchanges.getState().load(api);
    first.current?.focus();
  }, [api]);

  if (!account) return <p className="empty">That account no longer exists.</p>;
  const needsPassphrase = exchanges.find((e) => e.id === account.exchange)?.needsPassphrase ?? false;
  const typed = apiKey.trim() !== '' || secret.trim() !== '' || passphrase !== '';
  // Nothing typed and keys stored: the only thing left to do is close.
  const done = !typed && account.hasCredentials;

  const clear = (): void => {
    setApiKey('');
    setSecret('');
    setPassphrase('');
  };

  /** Sends what was typed; true once the core has it. */
  const store = async (): Promise<boolean> => {
    const local: Record<string, string> = {};
    if (!apiKey.trim()) local.apiKey = 'Enter the API key';
    if (!secret.trim()) local.secret = 'Enter the secret';
    if (needsPassphrase && !passphrase) local.passphrase = `${account.exchange ?? 'This exchange'} needs the key’s passphrase`;
    setErrors(local);
    setFailure(null);
    if (Object.keys(local).length > 0) return false;
    const res = await saveCredentials(api, { accountId, apiKey: apiKey.trim(), secret: secret.trim(), ...(passphrase ? { passphrase } : {}) });
    if (!res.ok) {
      setErrors(res.fields ?? {});
      setFailure(res.fields ? null : res.message);
      return false;
    }
    clear();
    return true;
  };

  const runTest = async (): Promise<void> => {
    if (busy) return;
    setTest(null);
    if (!typed && !account.hasCredentials) {
      setErrors({ apiKey: 'Enter the API key', secret: 'Enter the secret' });
      return;
    }
    setBusy('test');
    if (typed && !(await store())) return setBusy(null);
    setTest(await testConnection(api, account));
    setBusy(null);
  };

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (busy) return;
    if (done) return onDone();
    setBusy('save');
    const saved = await store();
    setBusy(null);
    if (!saved) return;
    useToasts.getState().push({ kind: 'success', title: `Keys saved for ${account.name}`, detail: 'Stored encrypted in the profile; connecting to the exchange.' });
    onDone();
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate autoComplete="off">
      <div className="keys-status">
        <span className={account.hasCredentials ? 'keys-stored yes' : 'keys-stored'} data-testid="keys-stored">
          {account.hasCredentials ? 'Keys stored (encrypted) — enter new ones to replace them' : 'No keys stored yet'}
        </span>
        <ConnectionChip account={account} testId="keys-connection" />
      </div>
      <div className="form-grid">
        <label htmlFor="key-api">API key</label>
        <div>
          <input id="key-api" ref={first} className="field mono" {...SECRET_INPUT} value={apiKey} onChange={(e) => setApiKey(e.target.value)} aria-invalid={!!errors.apiKey} maxLength={512} />
          <FieldError text={errors.apiKey} />
        </div>
        <label htmlFor="key-secret">Secret</label>
        <div>
          <input id="key-secret" className="field mono" {...SECRET_INPUT} value={secret} onChange={(e) => setSecret(e.target.value)} aria-invalid={!!errors.secret} maxLength={4096} />
          <FieldError text={errors.secret} />
        </div>
        {needsPassphrase ? (
          <>
            <label htmlFor="key-passphrase">Passphrase</label>
            <div>
              <input id="key-passphrase" className="field mono" {...SECRET_INPUT} value={passphrase} onChange={(e) => setPassphrase(e.target.value)} aria-invalid={!!errors.passphrase} maxLength={512} />
              <FieldError text={errors.passphrase} />
            </div>
          </>
        ) : null}
      </div>
      <p className="hint">Use keys with trading permission and without withdrawal permission. They are encrypted in this profile and never shown again.</p>
      {busy === 'test' ? (
        <div className="test-result pending" role="status">
          Testing the connection…
        </div>
      ) : test ? (
        <TestResult test={test} />
      ) : null}
      <FieldError text={failure ?? undefined} />
      <div className="modal-actions">
        {done ? null : (
          <button type="button" className="button" onClick={onCancel} title={account.hasCredentials ? undefined : 'The account stays down until it has keys'}>
            {account.hasCredentials ? 'Cancel' : 'Later'}
          </button>
        )}
        <button type="button" className="button" onClick={() => void runTest()} disabled={busy !== null} title={typed ? 'Saves the keys, then tests them at the exchange' : 'Tests the stored keys at the exchange'}>
          Test connection
        </button>
        <button type="submit" className="button button-primary" disabled={busy !== null}>
          {busy === 'save' ? 'Saving…' : done ? 'Done' : 'Save keys'}
        </button>
      </div>
    </form>
  );
}
