import { useEffect, useRef } from 'react';
import { useApi } from '../../api/api-context';
import type { Account } from '../../../../shared/trading/account';
import { FieldError } from '../accounts/FieldError';
import { parseNumber } from '../trading/order-math';
import { formatMoney } from '../trading/trading-format';
import { useTrading } from '../trading/trading-store';
import { AdvancedGuards } from './AdvancedGuards';
import { closeCopyDialog, copyAccounts, editInputs, setAllocationPercent, submitCopy, toggleAdvanced } from './copy-dialog-actions';
import { useCopyDialog } from './copy-dialog-store';
import { advancedSetCount, percentOf, type CopyFormInputs } from './copy-form';
import { useCopy } from './copy-store';
import { freeEquity, type FreeEquity } from './free-equity';
import { SizingFields } from './SizingFields';
import { WhatIfSection } from './WhatIfSection';
import './copy.css';

const QUICK_PERCENTS = [10, 25, 50] as const;

/** Copy a strategy (from its profile or a leaderboard row), or edit a follow: account, allocation, sizing, guards and a what-if. Esc closes. */
export function CopyDialog() {
  const target = useCopyDialog((s) => s.target);
  const opened = useCopyDialog((s) => s.opened);
  const inputs = useCopyDialog((s) => s.inputs);
  // A fresh body per opening: nothing typed for one strategy shows up for the next.
  return target && inputs ? <CopyDialogBody key={opened} /> : null;
}

function accountOption(a: Account, free: FreeEquity): string {
  const kind = a.kind === 'paper' ? 'paper' : (a.exchange ?? 'live');
  // "Paper" needs no "(paper)" after it.
  const name = a.name.toLowerCase().includes(kind.toLowerCase()) ? a.name : `${a.name} (${kind})`;
  return `${name} · free ${formatMoney(free.free)} ${a.currency}`;
}

function CopyDialogBody() {
  const api = useApi();
  const target = useCopyDialog((s) => s.target)!;
  const inputs = useCopyDialog((s) => s.inputs)!;
  const errors = useCopyDialog((s) => s.errors);
  const failure = useCopyDialog((s) => s.failure);
  const busy = useCopyDialog((s) => s.busy);
  const advancedOpen = useCopyDialog((s) => s.advancedOpen);
  const accounts = useTrading((s) => s.accounts);
  const follows = useCopy((s) => s.follows);
  const first = useRef<HTMLInputElement>(null);
  const editing = target.mode === 'edit';

  useEffect(() => {
    first.current?.focus();
    first.current?.select();
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      e.preventDefault();
      closeCopyDialog();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const list = copyAccounts(accounts);
  const others = Object.values(follows);
  const except = editing ? target.followId : undefined;
  const account = accounts[inputs.accountId];
  const free = account ? freeEquity(account, others, except) : null;
  const pct = percentOf(parseNumber(inputs.allocation), account?.equity);
  const ccy = account?.currency ?? '';
  const set = (change: Partial<CopyFormInputs>) => editInputs(change);
  const nAdvanced = advancedSetCount(inputs);
  const title = editing ? `Edit the copy of “${target.strategyName}”` : `Copy “${target.strategyName}”`;

  return (
    <div className="modal-backdrop copy-backdrop" onMouseDown={closeCopyDialog}>
      <div className="modal copy-dialog" role="dialog" aria-modal="true" aria-label={title} onMouseDown={(e) => e.stopPropagation()} data-testid="copy-dialog">
        <h2 className="modal-title">{title}</h2>
        <form
          className="copy-form"
          onSubmit={(e) => {
            e.preventDefault();
            void submitCopy(api);
          }}
          noValidate
        >
          <div className="copy-body">
            <div className="copy-settings">
              <div className="form-grid">
                {editing ? <span className="form-label">Account</span> : <label htmlFor="copy-account">Account</label>}
                <div>
                  {editing ? (
                    <span className="copy-fixed" title="A follow stays on its account: stop it and start another to copy onto a different one">
                      {account ? accountOption(account, free!) : inputs.accountId}
                    </span>
                  ) : (
                    <select id="copy-account" className="select field" value={inputs.accountId} onChange={(e) => set({ accountId: e.target.value })} aria-invalid={!!errors.accountId} aria-describedby="copy-account-error">
                      {list.length === 0 ? <option value="">No account</option> : null}
                      {list.map((a) => (
                        <option key={a.id} value={a.id}>
                          {accountOption(a, freeEquity(a, others, except))}
                        </option>
                      ))}
                    </select>
                  )}
                  <FieldError text={errors.accountId} id="copy-account-error" />
                </div>

                <label htmlFor="copy-allocation">Allocation</label>
                <div>
                  <div className="copy-line">
                    <input id="copy-allocation" ref={first} className="field num copy-amount" inputMode="decimal" value={inputs.allocation} onChange={(e) => set({ allocation: e.target.value })} aria-invalid={!!errors.allocation} aria-describedby="copy-allocation-hint copy-allocation-error" />
                    <span className="dim">{ccy}</span>
                    <span className="seg seg-small" role="group" aria-label="Allocation as a share of equity">
                      {QUICK_PERCENTS.map((p) => (
                        <button key={p} type="button" className="seg-btn" disabled={!account} onClick={() => account && setAllocationPercent(p, account.equity)} title={`${p} % of the account’s equity`}>
                          {p}%
                        </button>
                      ))}
                      <button type="button" className="seg-btn" disabled={!free || free.free <= 0} onClick={() => free && set({ allocation: String(Math.floor(free.free * 100) / 100) })} title="Everything not yet allocated to other copies">
                        Free
                      </button>
                    </span>
                  </div>
                  <div className="hint copy-hint num" id="copy-allocation-hint" data-testid="copy-allocation-hint">
                    {pct === null ? 'Share of equity: —' : `${pct.toFixed(1)} % of equity`}
                    {free ? ` · free ${formatMoney(free.free)} of ${formatMoney(free.equity)} ${ccy}${free.allocated > 0 ? ` (${formatMoney(free.allocated)} with other copies)` : ''}` : ''}
                  </div>
                  <FieldError text={errors.allocation} id="copy-allocation-error" />
                </div>

                <SizingFields inputs={inputs} errors={errors} currency={ccy} />

                <label htmlFor="copy-stop-loss">Copy stop-loss</label>
                <div>
                  <div className="copy-line">
                    <input id="copy-stop-loss" className="field num copy-short" inputMode="decimal" value={inputs.stopLossPct} onChange={(e) => set({ stopLossPct: e.target.value })} placeholder="none" aria-invalid={!!errors['guards.stopLoss']} aria-describedby="copy-stop-loss-hint" />
                    <span className="dim">% of the allocation</span>
                  </div>
                  <div className="hint copy-hint" id="copy-stop-loss-hint">
                    Closes every copied position and stops when the copy’s equity falls below this share of the allocation. Blank: none.
                  </div>
                  <FieldError text={errors['guards.stopLoss']} />
                </div>
              </div>

              <button type="button" className="copy-advanced-toggle" aria-expanded={advancedOpen} aria-controls="copy-advanced" onClick={toggleAdvanced}>
                <span aria-hidden="true">{advancedOpen ? '▾' : '▸'}</span> Advanced guards{nAdvanced > 0 ? <span className="count">{nAdvanced} set</span> : null}
              </button>
              {advancedOpen ? <AdvancedGuards inputs={inputs} errors={errors} currency={ccy} /> : null}
            </div>
            <WhatIfSection />
          </div>
          <FieldError text={failure ?? undefined} />
          <div className="modal-actions">
            <span className="hint modal-keys">
              <kbd>Enter</kbd> {editing ? 'save' : 'copy'} · <kbd>Esc</kbd> cancel
            </span>
            <button type="button" className="button" onClick={closeCopyDialog}>
              Cancel
            </button>
            <button type="submit" className="button button-primary" disabled={busy || (!editing && list.length === 0)}>
              {busy ? (editing ? 'Saving…' : 'Starting…') : editing ? 'Save changes' : 'Start copying'}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
