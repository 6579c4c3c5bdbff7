import type { FieldErrors } from '../../api/field-errors';
import { SIZING_MODES } from '../../../../shared/copy/copy-settings';
import { FieldError } from '../accounts/FieldError';
import { editInputs } from './copy-dialog-actions';
import type { CopyFormInputs, SizingMode } from './copy-form';

const MODE_LABEL: Readonly<Record<SizingMode, string>> = { proportional: 'Proportional', fixed: 'Fixed', multiplier: 'Multiplier', risk: 'Risk target' };

const MODE_HINT: Readonly<Record<SizingMode, string>> = {
  proportional: 'Each position is the same share of your allocation as the leader’s is of the leader’s equity.',
  fixed: 'Every opening trade has the same size; closes mirror the leader’s proportionally.',
  multiplier: 'The leader’s quantity times a factor; closes mirror the leader’s proportionally.',
  risk: 'Proportional, scaled so the copy’s annualised volatility aims at a target (scale capped).',
};

/** The sizing mode and its parameters, as rows of the dialog's form grid. */
export function SizingFields({ inputs, errors, currency }: { inputs: CopyFormInputs; errors: FieldErrors; currency: string }) {
  const set = (change: Partial<CopyFormInputs>) => editInputs(change);
  const fixedPath = `sizing.${inputs.fixedBy}`;
  return (
    <>
      <span className="form-label">Sizing</span>
      <div>
        <span className="seg" role="radiogroup" aria-label="Sizing mode">
          {SIZING_MODES.map((m) => (
            <button key={m} type="button" role="radio" aria-checked={inputs.mode === m} className={inputs.mode === m ? 'seg-btn active' : 'seg-btn'} onClick={() => set({ mode: m })}>
              {MODE_LABEL[m]}
            </button>
          ))}
        </span>
        <div className="hint copy-hint">{MODE_HINT[inputs.mode]}</div>
      </div>

      {inputs.mode === 'fixed' ? (
        <>
          <label htmlFor="copy-fixed">Per trade</label>
          <div>
            <div className="copy-line">
              <input id="copy-fixed" className="field num copy-amount" inputMode="decimal" value={inputs.fixedValue} onChange={(e) => set({ fixedValue: e.target.value })} aria-invalid={!!errors[fixedPath]} />
              <span className="seg seg-small" role="radiogroup" aria-label="Fixed size in">
                <button type="button" role="radio" aria-checked={inputs.fixedBy === 'qty'} className={inputs.fixedBy === 'qty' ? 'seg-btn active' : 'seg-btn'} onClick={() => set({ fixedBy: 'qty' })}>
                  Quantity
                </button>
                <button type="button" role="radio" aria-checked={inputs.fixedBy === 'notional'} className={inputs.fixedBy === 'notional' ? 'seg-btn active' : 'seg-btn'} onClick={() => set({ fixedBy: 'notional' })}>
                  Notional {currency}
                </button>
              </span>
            </div>
            <FieldError text={errors[fixedPath]} />
          </div>
        </>
      ) : null}

      {inputs.mode === 'multiplier' ? (
        <>
          <label htmlFor="copy-factor">Factor</label>
          <div>
            <div className="copy-line">
              <input id="copy-factor" className="field num copy-short" inputMode="decimal" value={inputs.factor} onChange={(e) => set({ factor: e.target.value })} aria-invalid={!!errors['sizing.factor']} />
              <span className="dim">× the leader’s quantity</span>
            </div>
            <FieldError text={errors['sizing.factor']} />
          </div>
        </>
      ) : null}

      {inputs.mode === 'risk' ? (
        <>
          <label htmlFor="copy-target-vol">Target volatility</label>
          <div>
            <div className="copy-line">
              <input id="copy-target-vol" className="field num copy-short" inputMode="decimal" value={inputs.targetVolatilityPct} onChange={(e) => set({ targetVolatilityPct: e.target.value })} aria-invalid={!!errors['sizing.targetVolatility']} />
              <span className="dim">% a year</span>
            </div>
            <FieldError text={errors['sizing.targetVolatility']} />
          </div>
          <label htmlFor="copy-max-scale">Max scale</label>
          <div>
            <div className="copy-line">
              <input id="copy-max-scale" className="field num copy-short" inputMode="decimal" value={inputs.maxScale} onChange={(e) => set({ maxScale: e.target.value })} aria-invalid={!!errors['sizing.maxScale']} />
              <span className="dim">× proportional, at most</span>
            </div>
            <FieldError text={errors['sizing.maxScale']} />
          </div>
        </>
      ) : null}
    </>
  );
}
