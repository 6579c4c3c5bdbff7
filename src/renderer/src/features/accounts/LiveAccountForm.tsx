import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useApi } from '../../api/api-context';
import type { FieldErrors } from '../../api/field-errors';
import { ACCOUNT_CURRENCIES, type Account, type AccountCurrency } from '../../../../shared/trading/account';
import { createAccount } from './account-actions';
import { endpointProblem } from './endpoint-check';
import { ExchangePicker } from './ExchangePicker';
import { useExchanges } from './exchanges-store';
import { FieldError } from './FieldError';

/**
 * Step one of a live account: the exchange, a name, the valuation currency and, for a testnet or
 * gateway, custom REST and WebSocket base URLs. Creating it leads to the keys step.
 */
export function LiveAccountForm({ onCreated, onCancel }: { onCreated(account: Account): void; onCancel(): void }) {
  const api = useApi();
  const { list: exchanges, status, error: loadError, load } = useExchanges();
  const [exchange, setExchange] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [nameEdited, setNameEdited] = useState(false);
  const [currency, setCurrency] = useState<AccountCurrency>('USDT');
  const [advanced, setAdvanced] = useState(false);
  const [rest, setRest] = useState('');
  const [ws, setWs] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const search = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void load(api);
    search.current?.focus();
  }, [api, load]);

  // Binance is where most start: chosen once the list is in, unless something else was.
  useEffect(() => {
    if (exchange === null && exchanges.length > 0) pick((exchanges.find((e) => e.id === 'binance') ?? exchanges[0]!).id);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the list arrives
  }, [exchanges]);

  const pick = (id: string): void => {
    setExchange(id);
    setErrors(({ exchange: _, ...others }) => others);
    if (!nameEdited) setName(exchanges.find((e) => e.id === id)?.name ?? id);
  };
  const chosen = exchanges.find((e) => e.id === exchange);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!exchange) local.exchange = 'Choose an exchange';
    if (!name.trim()) local.name = 'Give the account a name';
    const restProblem = endpointProblem(rest, ['http:', 'https:']);
    const wsProblem = endpointProblem(ws, ['ws:', 'wss:']);
    if (restProblem) local['endpoints.rest'] = restProblem;
    if (wsProblem) local['endpoints.ws'] = wsProblem;
    setErrors(local);
    setFailure(null);
    if (restProblem || wsProblem) setAdvanced(true);
    if (Object.keys(local).length > 0) return;
    const endpoints = { ...(rest.trim() ? { rest: rest.trim() } : {}), ...(ws.trim() ? { ws: ws.trim() } : {}) };
    setBusy(true);
    const res = await createAccount(api, { name: name.trim(), kind: 'ccxt', exchange: exchange!, currency, ...(Object.keys(endpoints).length > 0 ? { endpoints } : {}) });
    setBusy(false);
    if (res.ok) return onCreated(res.value);
    setErrors(res.fields ?? {});
    setFailure(res.fields ? null : res.message);
    if (res.fields && Object.keys(res.fields).some((p) => p.startsWith('endpoints'))) setAdvanced(true);
  };

  const endpointsError = errors['endpoints'];
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <div className="form-grid">
        <label htmlFor="live-exchange">Exchange</label>
        <div>
          {status === 'error' ? (
            <div className="field-error" role="alert">
              Could not load the exchanges: {loadError}{' '}
              <button type="button" className="link-button" onClick={() => void load(api)}>
                Retry
              </button>
            </div>
          ) : (
            <ExchangePicker exchanges={exchanges} value={exchange} onChange={pick} invalid={!!errors.exchange} inputRef={search} />
          )}
          {status === 'loading' ? <div className="hint">Loading exchanges…</div> : null}
          <FieldError text={errors.exchange} />
        </div>
        <label htmlFor="live-name">Name</label>
        <div>
          <input
            id="live-name"
            className="field"
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              setNameEdited(true);
            }}
            maxLength={64}
            aria-invalid={!!errors.name}
          />
          <FieldError text={errors.name} />
        </div>
        <label htmlFor="live-currency">Valued in</label>
        <div>
          <select id="live-currency" className="select field" value={currency} onChange={(e) => setCurrency(e.target.value as AccountCurrency)} aria-invalid={!!errors.currency}>
            {ACCOUNT_CURRENCIES.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
          <FieldError text={errors.currency} />
        </div>
      </div>
      <details className="advanced" open={advanced} onToggle={(e) => setAdvanced(e.currentTarget.open)}>
        <summary>Advanced: custom endpoints</summary>
        <p className="hint">For a testnet, sandbox or gateway. Empty: {chosen?.name ?? 'the exchange'}’s own servers.</p>
        <div className="form-grid">
          <label htmlFor="live-rest">REST base URL</label>
          <div>
            <input id="live-rest" className="field mono" placeholder="https://testnet.binance.vision" value={rest} onChange={(e) => setRest(e.target.value)} aria-invalid={!!errors['endpoints.rest']} autoComplete="off" spellCheck={false} />
            <FieldError text={errors['endpoints.rest']} />
          </div>
          <label htmlFor="live-ws">WebSocket base URL</label>
          <div>
            <input id="live-ws" className="field mono" placeholder="wss://testnet.binance.vision/ws" value={ws} onChange={(e) => setWs(e.target.value)} aria-invalid={!!errors['endpoints.ws']} autoComplete="off" spellCheck={false} />
            <FieldError text={errors['endpoints.ws']} />
          </div>
        </div>
        <FieldError text={endpointsError} />
      </details>
      <p className="hint">Spot trading with real orders at the exchange (unless the endpoints point at a testnet). API keys come next.</p>
      <FieldError text={failure ?? undefined} />
      <div className="modal-actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={busy || !exchange}>
          {busy ? 'Creating…' : 'Create and add keys →'}
        </button>
      </div>
    </form>
  );
}
