import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useApi } from '../../api/api-context';
import type { FieldErrors } from '../../api/field-errors';
import { displayNameSchema, passwordSchema, usernameSchema } from '../../../../shared/social/social-types';
import { FieldError } from '../accounts/FieldError';
import { signIn, signUp } from './hub-actions';

const firstIssue = (r: { success: boolean; error?: { issues: Array<{ message: string }> } }): string | undefined => (r.success ? undefined : r.error?.issues[0]?.message);
const sentence = (t: string | undefined): string | undefined => (t ? t.charAt(0).toUpperCase() + t.slice(1) : t);

/** Sign in, or create an account (username, password, display name); field errors from the checks here or the hub's. */
export function SignInForm({ mode, onDone, onCancel }: { mode: 'signIn' | 'signUp'; onDone(): void; onCancel(): void }) {
  const api = useApi();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  const up = mode === 'signUp';

  useEffect(() => first.current?.focus(), [mode]);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (busy) return;
    const local: Record<string, string> = {};
    const u = sentence(firstIssue(usernameSchema.safeParse(username)));
    if (u) local.username = u;
    const p = up ? sentence(firstIssue(passwordSchema.safeParse(password))) : password ? undefined : 'Enter your password';
    if (p) local.password = p;
    if (up && displayName.trim()) {
      const d = sentence(firstIssue(displayNameSchema.safeParse(displayName)));
      if (d) local.displayName = d;
    }
    setErrors(local);
    setFailure(null);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    const res = up ? await signUp(api, { username, password, ...(displayName.trim() ? { displayName: displayName.trim() } : {}) }) : await signIn(api, { username, password });
    setBusy(false);
    if (res.ok) return onDone();
    // The password never stays on screen after a failed attempt.
    setPassword('');
    if (res.fields) setErrors(res.fields);
    else if (res.code === 'CONFLICT') setErrors({ username: res.message });
    else setFailure(res.message);
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={up ? 'Create a hub account' : 'Sign in to the hub'}>
      <div className="form-grid hub-form">
        <label htmlFor="hub-username">Username</label>
        <div>
          <input id="hub-username" ref={first} className="field" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} maxLength={24} aria-invalid={!!errors.username} aria-describedby={errors.username ? 'hub-username-error' : undefined} />
          <FieldError id="hub-username-error" text={errors.username} />
        </div>
        <label htmlFor="hub-password">Password</label>
        <div>
          <input id="hub-password" type="password" className="field" autoComplete={up ? 'new-password' : 'current-password'} value={password} onChange={(e) => setPassword(e.target.value)} maxLength={256} aria-invalid={!!errors.password} aria-describedby={errors.password ? 'hub-password-error' : undefined} />
          <FieldError id="hub-password-error" text={errors.password} />
        </div>
        {up ? (
          <>
            <label htmlFor="hub-display-name">Display name</label>
            <div>
              <input id="hub-display-name" className="field" value={displayName} onChange={(e) => setDisplayName(e.target.value)} maxLength={48} placeholder="Optional: shown beside your posts" aria-invalid={!!errors.displayName} />
              <FieldError text={errors.displayName} />
            </div>
          </>
        ) : null}
      </div>
      {up ? <p className="hint">3–24 letters, digits or underscores; a password of at least 8 characters. Your posts, likes and follows are public on this hub.</p> : null}
      <FieldError text={failure ?? undefined} />
      <div className="modal-actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? (up ? 'Creating…' : 'Signing in…') : up ? 'Create account' : 'Sign in'}
        </button>
      </div>
    </form>
  );
}
