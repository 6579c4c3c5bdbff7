import { useState } from 'react';
import { indicatorLabel, indicatorSpecSchema, INDICATOR_DEFAULTS, isOverlay, type IndicatorKind, type IndicatorSpec } from '../../../../shared/indicators';

const KINDS = Object.keys(INDICATOR_DEFAULTS) as IndicatorKind[];
const NAMES: Record<IndicatorKind, string> = {
  sma: 'Moving average (SMA)',
  ema: 'Exponential MA (EMA)',
  bollinger: 'Bollinger Bands',
  vwap: 'VWAP',
  volume: 'Volume',
  rsi: 'RSI',
  macd: 'MACD',
  atr: 'ATR',
};

interface Props {
  indicators: readonly IndicatorSpec[];
  onAdd(kind: IndicatorKind): void;
  onUpdate(index: number, spec: IndicatorSpec): void;
  onRemove(index: number): void;
  onClose(): void;
}

/** Add, edit and remove a pane's indicators; parameters are validated by the shared schema. */
export function IndicatorMenu({ indicators, onAdd, onUpdate, onRemove, onClose }: Props) {
  return (
    <div className="popover indicator-menu" role="dialog" aria-label="Indicators" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className="popover-section">
        <div className="popover-title">On this chart</div>
        {indicators.length === 0 ? <div className="hint">None yet.</div> : null}
        {indicators.map((spec, i) => (
          <IndicatorRow key={`${i}-${spec.kind}`} spec={spec} onChange={(s) => onUpdate(i, s)} onRemove={() => onRemove(i)} />
        ))}
      </div>
      <div className="popover-section">
        <div className="popover-title">Add</div>
        <div className="indicator-grid">
          {KINDS.map((k) => (
            <button key={k} type="button" className="chip-button" onClick={() => onAdd(k)} title={isOverlay(k) ? 'Overlay on price' : 'Own pane below'}>
              {NAMES[k]}
            </button>
          ))}
        </div>
      </div>
    </div>
  );
}

function IndicatorRow({ spec, onChange, onRemove }: { spec: IndicatorSpec; onChange(s: IndicatorSpec): void; onRemove(): void }) {
  const [error, setError] = useState<string | null>(null);
  const params = Object.entries(spec).filter(([k]) => k !== 'kind') as Array<[string, number]>;
  return (
    <div className="indicator-row">
      <span className="indicator-name">{indicatorLabel(spec)}</span>
      {params.map(([key, value]) => (
        <label key={key} className="param">
          <span>{key}</span>
          <input
            type="number"
            defaultValue={value}
            step={key === 'stdDev' ? 0.1 : 1}
            aria-label={`${indicatorLabel(spec)} ${key}`}
            onBlur={(e) => {
              const parsed = indicatorSpecSchema.safeParse({ ...spec, [key]: Number(e.target.value) });
              if (parsed.success) {
                setError(null);
                onChange(parsed.data);
              } else {
                setError(parsed.error.issues[0]?.message ?? 'invalid');
                e.target.value = String(value);
              }
            }}
          />
        </label>
      ))}
      <button type="button" className="icon-button" aria-label={`Remove ${indicatorLabel(spec)}`} onClick={onRemove}>
        ×
      </button>
      {error ? <span className="field-error">{error}</span> : null}
    </div>
  );
}
