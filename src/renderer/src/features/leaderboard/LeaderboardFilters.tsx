import { useApi } from '../../api/api-context';
import { ASSET_CLASSES } from '../../../../shared/market/instrument';
import { editFilters } from './leaderboard-actions';
import { EMPTY_FILTER_INPUTS, type FilterInputs } from './leaderboard-filters';
import { useLeaderboard } from './leaderboard-store';

const ASSET_LABEL: Record<(typeof ASSET_CLASSES)[number], string> = { crypto: 'Crypto', stock: 'Stocks', fx: 'FX', index: 'Indices' };
const RISK = ['', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10'];

function NumberFilter({ id, label, field, unit, width = 52 }: { id: string; label: string; field: keyof FilterInputs; unit?: string; width?: number }) {
  const api = useApi();
  const value = useLeaderboard((s) => s.inputs[field]);
  const error = useLeaderboard((s) => s.inputErrors[field]);
  return (
    <span className="lb-filter">
      <label htmlFor={id}>{label}</label>
      <input id={id} className="field num" style={{ width }} inputMode="decimal" value={value} onChange={(e) => editFilters(api, { [field]: e.target.value })} aria-invalid={!!error} title={error} />
      {unit ? <span className="dim">{unit}</span> : null}
    </span>
  );
}

/** The leaderboard's filters: asset class, minimum track record, maximum drawdown, risk range, minimum trades. */
export function LeaderboardFilters() {
  const api = useApi();
  const inputs = useLeaderboard((s) => s.inputs);
  const errors = useLeaderboard((s) => s.inputErrors);
  const firstError = Object.values(errors)[0];
  return (
    <div className="lb-filters" role="group" aria-label="Leaderboard filters">
      <span className="lb-filter">
        <label htmlFor="lb-asset">Asset</label>
        <select id="lb-asset" className="select" value={inputs.assetClass} onChange={(e) => editFilters(api, { assetClass: e.target.value as FilterInputs['assetClass'] }, { now: true })}>
          <option value="">All</option>
          {ASSET_CLASSES.map((a) => (
            <option key={a} value={a}>
              {ASSET_LABEL[a]}
            </option>
          ))}
        </select>
      </span>
      <NumberFilter id="lb-age" label="Min age" field="minAgeDays" unit="days" />
      <NumberFilter id="lb-dd" label="Max DD" field="maxDrawdownPct" unit="%" width={44} />
      <span className="lb-filter">
        <label htmlFor="lb-risk-min">Risk</label>
        <select id="lb-risk-min" className="select" value={inputs.riskMin} onChange={(e) => editFilters(api, { riskMin: e.target.value }, { now: true })} aria-label="Minimum risk score" aria-invalid={!!errors.riskMin}>
          {RISK.map((r) => (
            <option key={r} value={r}>
              {r || 'min'}
            </option>
          ))}
        </select>
        <span className="dim">–</span>
        <select className="select" value={inputs.riskMax} onChange={(e) => editFilters(api, { riskMax: e.target.value }, { now: true })} aria-label="Maximum risk score" aria-invalid={!!errors.riskMax}>
          {RISK.map((r) => (
            <option key={r} value={r}>
              {r || 'max'}
            </option>
          ))}
        </select>
      </span>
      <NumberFilter id="lb-trades" label="Min trades" field="minTrades" />
      <button type="button" className="button button-small" onClick={() => editFilters(api, { ...EMPTY_FILTER_INPUTS, search: inputs.search }, { now: true })}>
        Clear
      </button>
      {firstError ? (
        <span className="field-error lb-filter-error" role="alert">
          {firstError}
        </span>
      ) : null}
    </div>
  );
}
