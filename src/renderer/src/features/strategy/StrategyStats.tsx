import type { ReactNode } from 'react';
import type { StrategyDetail } from '../../../../shared/contract';
import { PERIODS } from '../../../../shared/social/leaderboard';
import { formatPnl } from '../trading/trading-format';
import { DASH, formatCount, formatDrawdown, formatHolding, formatPercent, formatRatio, formatReturn, toneOf } from './figures';
import { RiskBadge } from './RiskBadge';
import { useStrategyView } from './strategy-view-store';

const PERIOD_LABEL = { '1M': '1M', '3M': '3M', '6M': '6M', '1Y': '1Y', all: 'All' } as const;

function Stat({ label, title, children, tone = '', wide = false }: { label: string; title: string; children: ReactNode; tone?: string; wide?: boolean }) {
  return (
    <div className={wide ? 'stat stat-wide' : 'stat'} title={title}>
      <dt>{label}</dt>
      <dd className={`num ${tone}`}>{children}</dd>
    </div>
  );
}

/** Every statistic of METRICS.md for the chosen period. */
export function StrategyStats({ detail }: { detail: StrategyDetail }) {
  const period = useStrategyView((s) => s.period);
  const p = detail.metrics.periods[period];
  const ccy = detail.strategy.currency;
  const dd = p.maxDrawdown;
  return (
    <div className="strategy-stats" data-testid="strategy-stats">
      <div className="stats-head">
        <span className="seg" role="radiogroup" aria-label="Statistics period">
          {PERIODS.map((k) => (
            <button key={k} type="button" role="radio" aria-checked={period === k} className={period === k ? 'seg-btn active' : 'seg-btn'} onClick={() => useStrategyView.setState({ period: k })}>
              {PERIOD_LABEL[k]}
            </button>
          ))}
        </span>
        {p.partial ? <span className="chip-dim">history shorter than the period</span> : null}
      </div>
      <dl className="stats-grid">
        <Stat label="Return" title="Time-weighted return" tone={toneOf(p.return)}>
          {formatReturn(p.return)}
        </Stat>
        <Stat label="CAGR" title="Annualised return (needs 30 return days)" tone={toneOf(p.cagr)}>
          {formatReturn(p.cagr)}
        </Stat>
        <Stat label="Volatility" title="Annualised standard deviation of daily returns">
          {formatPercent(p.volatility)}
        </Stat>
        <Stat label="Sharpe" title="Mean daily return ÷ standard deviation × √365 (risk-free 0)">
          {formatRatio(p.sharpe)}
        </Stat>
        <Stat label="Sortino" title="Mean daily return ÷ downside deviation × √365">
          {formatRatio(p.sortino)}
        </Stat>
        <Stat label="Calmar" title="CAGR ÷ maximum drawdown">
          {formatRatio(p.calmar)}
        </Stat>
        <Stat label="Risk score" title="1–10 from the volatility of the last 90 return days, +1 above 5× leverage">
          <RiskBadge score={detail.metrics.riskScore} />
        </Stat>
        <Stat label="Return days" title="Daily returns in the period">
          {formatCount(p.days)}
        </Stat>
        <Stat label="Max drawdown" title="Largest fall of the equity index from a peak, with the day of the peak and of the trough" tone={dd.value ? 'down' : ''} wide>
          {dd.peakDay && dd.troughDay ? (
            <span className="stat-sub">
              peak {dd.peakDay} → trough {dd.troughDay}
            </span>
          ) : null}
          {formatDrawdown(dd.value)}
        </Stat>
        <Stat label="Win rate" title="Winning round trips ÷ closed round trips">
          {formatPercent(p.winRate)}
        </Stat>
        <Stat label="Profit factor" title="Gains of winners ÷ losses of losers">
          {p.profitFactor === null ? DASH : formatRatio(p.profitFactor).replace('+', '')}
        </Stat>
        <Stat label="Avg holding" title="Mean time from opening to closing a round trip">
          {formatHolding(p.avgHoldingSeconds)}
        </Stat>
        <Stat label={`Expectancy (${ccy})`} title="Mean realised P&L per closed round trip, after fees" tone={toneOf(p.expectancy)}>
          {p.expectancy === null ? DASH : formatPnl(p.expectancy)}
        </Stat>
        <Stat label="Trades" title="Closed round trips in the period">
          {formatCount(p.trades)}
        </Stat>
        <Stat label="Wins / losses" title="Winning and losing round trips (break-evens apart)">
          {p.breakEvens > 0 ? <span className="stat-sub">{formatCount(p.breakEvens)} even</span> : null}
          <span className="up">{formatCount(p.wins)}</span> / <span className="down">{formatCount(p.losses)}</span>
        </Stat>
      </dl>
    </div>
  );
}
