import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useApi } from '../../api/api-context';
import type { FieldErrors } from '../../api/field-errors';
import { ACCOUNT_CURRENCIES, MAX_LEVERAGE, type AccountCurrency } from '../../../../shared/trading/account';
import { parseNumber } from '../trading/order-math';
import { createAccount } from './account-actions';
import { FieldError } from './FieldError';

/** A new paper account: name, currency, starting balance, cash or margin with a leverage. */
export function PaperAccountForm({ onDone, onCancel }: { onDone(): void; onCancel(): void }) {
  const api = useApi();
  const [name, setName] = useState('Paper 2');
  const [currency, setCurrency] = useState<AccountCurrency>('USD');
  const [balance, setBalance] = useState('100000');
  const [margin, setMargin] = useState(true);
  const [leverage, setLeverage] = useState('2');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);

  useEffect(() => {
    first.current?.focus();
    first.current?.select();
  }, []);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const bal = parseNumber(balance);
    const lev = parseNumber(leverage);
    const local: Record<string, string> = {};
    if (!name.trim()) local.name = 'Give the account a name';
    if (bal === undefined || bal <= 0) local.balance = 'Enter a balance above 0';
    if (margin && (lev === undefined || lev < 1 || lev > MAX_LEVERAGE)) local.leverage = `Between 1 and ${MAX_LEVERAGE}`;
    setErrors(local);
    setFailure(null);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    const res = await createAccount(api, { name: name.trim(), kind: 'paper', currency, balance: bal!, ...(margin ? { leverage: lev! } : {}) });
    setBusy(false);
    if (res.ok) onDone();
    else {
      setErrors(res.fields ?? {});
      setFailure(res.fields ? null : res.message);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <div className="form-grid">
        <label htmlFor="acct-name">Name</label>
        <div>
          <input id="acct-name" ref={first} className="field" value={name} onChange={(e) => setName(e.target.value)} maxLength={64} aria-invalid={!!errors.name} />
          <FieldError text={errors.name} />
        </div>
        <label htmlFor="acct-currency">Currency</label>
        <select id="acct-currency" className="select field" value={currency} onChange={(e) => setCurrency(e.target.value as AccountCurrency)}>
          {ACCOUNT_CURRENCIES.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
        <label htmlFor="acct-balance">Balance</label>
        <div>
          <input id="acct-balance" className="field num" inputMode="decimal" value={balance} onChange={(e) => setBalance(e.target.value)} aria-invalid={!!errors.balance} />
          <FieldError text={errors.balance} />
        </div>
        <span className="form-label">Type</span>
        <span className="seg" role="radiogroup" aria-label="Account type">
          <button type="button" role="radio" aria-checked={!margin} className={margin ? 'seg-btn' : 'seg-btn active'} onClick={() => setMargin(false)}>
            Cash
          </button>
          <button type="button" role="radio" aria-checked={margin} className={margin ? 'seg-btn active' : 'seg-btn'} onClick={() => setMargin(true)}>
            Margin
          </button>
        </span>
        {margin ? (
          <>
            <label htmlFor="acct-leverage">Leverage</label>
            <div>
              <input id="acct-leverage" className="field num" inputMode="decimal" value={leverage} onChange={(e) => setLeverage(e.target.value)} aria-invalid={!!errors.leverage} />
              <FieldError text={errors.leverage} />
            </div>
          </>
        ) : null}
      </div>
      <p className="hint">{margin ? 'Shorts allowed; positions up to leverage × equity.' : 'No borrowing and no shorts: you can buy what the balance pays for.'}</p>
      <FieldError text={failure ?? undefined} />
      <div className="modal-actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create account'}
        </button>
      </div>
    </form>
  );
}
