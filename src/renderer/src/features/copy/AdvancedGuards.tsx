import type { FieldErrors } from '../../api/field-errors';
import { FieldError } from '../accounts/FieldError';
import { editInputs } from './copy-dialog-actions';
import type { CopyFormInputs, SymbolMapRow } from './copy-form';

type TextKey = 'takeProfitPct' | 'maxOpenPositions' | 'maxPositionValue' | 'maxLeverage' | 'allowedSymbols' | 'blockedSymbols' | 'maxSlippageBps' | 'signalTtlSeconds';

/** One text guard as a form-grid row: label, input, unit, error. */
function GuardInput({ id, label, field, path, unit, placeholder, inputs, errors, wide = false, title }: { id: string; label: string; field: TextKey; path: string; unit?: string; placeholder?: string; inputs: CopyFormInputs; errors: FieldErrors; wide?: boolean; title?: string }) {
  return (
    <>
      <label htmlFor={id} title={title}>
        {label}
      </label>
      <div>
        <div className="copy-line">
          <input id={id} className={wide ? 'field' : 'field num copy-short'} inputMode={wide ? 'text' : 'decimal'} value={inputs[field]} placeholder={placeholder} onChange={(e) => editInputs({ [field]: e.target.value })} aria-invalid={!!errors[path]} title={title} />
          {unit ? <span className="dim">{unit}</span> : null}
        </div>
        <FieldError text={errors[path]} />
      </div>
    </>
  );
}

/** The symbol map's rows (the leader's symbol → mine), each with its error as the API names it. */
function SymbolMap({ rows, errors }: { rows: SymbolMapRow[]; errors: FieldErrors }) {
  const change = (i: number, row: Partial<SymbolMapRow>) => editInputs({ symbolMap: rows.map((r, k) => (k === i ? { ...r, ...row } : r)) });
  return (
    <div className="copy-map" role="group" aria-label="Symbol map">
      {rows.map((r, i) => {
        const error = errors[`guards.symbolMap.${r.from.trim().toUpperCase() || `#${i}`}`];
        return (
          <div key={i}>
            <div className="copy-line">
              <input className="field copy-symbol" value={r.from} onChange={(e) => change(i, { from: e.target.value })} placeholder="BTC-USD" aria-label={`Leader’s symbol ${i + 1}`} aria-invalid={!!error} />
              <span className="dim" aria-hidden="true">
                →
              </span>
              <input className="field copy-symbol" value={r.to} onChange={(e) => change(i, { to: e.target.value })} placeholder="BTC/USDT" aria-label={`My symbol ${i + 1}`} aria-invalid={!!error} />
              <button type="button" className="row-button row-x" aria-label={`Remove mapping ${i + 1}`} title="Remove" onClick={() => editInputs({ symbolMap: rows.filter((_, k) => k !== i) })}>
                ×
              </button>
            </div>
            <FieldError text={error} />
          </div>
        );
      })}
      <button type="button" className="link" onClick={() => editInputs({ symbolMap: [...rows, { from: '', to: '' }] })}>
        + Add mapping
      </button>
    </div>
  );
}

/** Guards beyond the stop-loss, collapsed by default: every one is optional. */
export function AdvancedGuards({ inputs, errors, currency }: { inputs: CopyFormInputs; errors: FieldErrors; currency: string }) {
  const p = { inputs, errors };
  return (
    <div className="form-grid copy-advanced" id="copy-advanced">
      <GuardInput {...p} id="copy-take-profit" label="Take-profit" field="takeProfitPct" path="guards.takeProfit" unit="% gain, then close all and stop" placeholder="none" />
      <GuardInput {...p} id="copy-max-positions" label="Max open positions" field="maxOpenPositions" path="guards.maxOpenPositions" placeholder="no limit" />
      <GuardInput {...p} id="copy-max-value" label="Max position value" field="maxPositionValue" path="guards.maxPositionValue" unit={`${currency} per symbol`} placeholder="no limit" />
      <GuardInput {...p} id="copy-max-leverage" label="Max leverage" field="maxLeverage" path="guards.maxLeverage" unit="× the copy’s equity" placeholder="no limit" />
      <GuardInput {...p} id="copy-allowed" label="Allowed symbols" field="allowedSymbols" path="guards.allowedSymbols" placeholder="all (or: BTC/USDT, ETH/USDT)" wide title="Only these of your symbols (after mapping); blank allows all" />
      <GuardInput {...p} id="copy-blocked" label="Blocked symbols" field="blockedSymbols" path="guards.blockedSymbols" placeholder="none" wide />
      <span className="form-label">Symbol map</span>
      <SymbolMap rows={inputs.symbolMap} errors={errors} />
      <label htmlFor="copy-slippage">Max slippage</label>
      <div>
        <div className="copy-line">
          <input id="copy-slippage" className="field num copy-short" inputMode="decimal" value={inputs.maxSlippageBps} placeholder="none" onChange={(e) => editInputs({ maxSlippageBps: e.target.value })} aria-invalid={!!errors['guards.maxSlippageBps']} />
          <span className="dim">bps, beyond it</span>
          <span className="seg seg-small" role="radiogroup" aria-label="Beyond the slippage bound">
            <button type="button" role="radio" aria-checked={inputs.slippageAction === 'skip'} className={inputs.slippageAction === 'skip' ? 'seg-btn active' : 'seg-btn'} onClick={() => editInputs({ slippageAction: 'skip' })}>
              Skip
            </button>
            <button type="button" role="radio" aria-checked={inputs.slippageAction === 'limit'} className={inputs.slippageAction === 'limit' ? 'seg-btn active' : 'seg-btn'} onClick={() => editInputs({ slippageAction: 'limit' })}>
              Limit at bound
            </button>
          </span>
        </div>
        <FieldError text={errors['guards.maxSlippageBps']} />
      </div>
      <GuardInput {...p} id="copy-ttl" label="Signal TTL" field="signalTtlSeconds" path="guards.signalTtlSeconds" unit="s: older signals are not acted on" />
      <span className="form-label">Options</span>
      <div className="copy-checks">
        <label className="check">
          <input type="checkbox" checked={inputs.copyOpenPositions} onChange={(e) => editInputs({ copyOpenPositions: e.target.checked })} />
          Copy the leader’s open positions at the start
        </label>
        <label className="check">
          <input type="checkbox" checked={inputs.reverse} onChange={(e) => editInputs({ reverse: e.target.checked })} />
          Reverse: trade the opposite side
        </label>
        <label className="check">
          <input type="checkbox" checked={inputs.closeOnly} onChange={(e) => editInputs({ closeOnly: e.target.checked })} />
          Close-only: copy only trades that reduce a position
        </label>
      </div>
    </div>
  );
}
