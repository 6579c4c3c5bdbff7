import { testLine, type ConnectionTest } from './connection-test-store';

const mark = (v: boolean | null): string => (v === null ? '?' : v ? '✓' : '✗');

/** A connection test's verdict: green when the keys work, red with the reason when not, and the checks behind it. */
export function TestResult({ test }: { test: ConnectionTest }) {
  const r = test.result;
  return (
    <div className={r?.ok ? 'test-result ok' : 'test-result fail'} role="status" data-testid="test-result">
      <div className="test-summary">{r ? r.summary : testLine(test)}</div>
      {r ? (
        <div className="test-checks num">
          <span className={r.authenticated ? 'up' : 'down'}>{mark(r.authenticated)} authenticated</span>
          <span className={r.balancesRead ? 'up' : 'down'}>{mark(r.balancesRead)} balances</span>
          <span className={r.canTrade === false ? 'down' : r.canTrade ? 'up' : 'dim'}>{mark(r.canTrade)} trading</span>
          {r.latencyMs !== null ? <span className="dim">{Math.round(r.latencyMs)} ms</span> : null}
          {r.clockOffsetMs !== null ? <span className={Math.abs(r.clockOffsetMs) >= 1000 ? 'warn' : 'dim'}>clock {r.clockOffsetMs >= 0 ? '+' : '−'}{Math.abs(r.clockOffsetMs)} ms</span> : null}
          {r.instruments !== null ? <span className="dim">{r.instruments.toLocaleString('en-US')} instruments</span> : null}
        </div>
      ) : null}
    </div>
  );
}
