/**
 * Performance statistics by the exact definitions of METRICS.md — the one implementation the hub,
 * the core and the UI share. Pure TypeScript: no Node built-ins, no DOM.
 */
export { DAY_MS, dayIndex, dayIndexFromUtcDay, monthOf, utcDayFromIndex, type UtcDay } from './utc-day';
export { DEFAULT_LOT_STEP, isFlat, ZERO_DEVIATION } from './zero-tests';
export { dailySeries, type CapitalFlow, type DailyPoint, type EquityMark } from './daily-series';
export { cagr, dailyReturns, twr, twrOf, type DailyReturns } from './returns';
export { summarizeReturns, type IndexOutput, type ReturnSummary } from './return-summary';
export { calmar, dailyStdOf, downsideDeviationOf, sharpe, sharpeOf, sortino, sortinoOf, volatility, volatilityOf } from './risk';
export { drawdownOf, maxDrawdown, type Drawdown } from './drawdown';
export { grossLeverage, RISK_LEVERAGE_BUMP, RISK_SCORE_DAYS, RISK_SCORE_MIN_DAYS, riskBand, riskScore } from './risk-score';
export { monthlyReturns, monthlyReturnsOf, type MonthlyReturn } from './monthly';
export { roundTrips, type MetricFill, type PartialClose, type RoundTrip } from './round-trips';
export { profitFactor, tradeOutcome, tradeStats, winRate, type TradeOutcome, type TradeStats } from './trade-stats';
export { PERIOD_DAYS, PERIODS, periodStats, type Period, type PeriodInput, type PeriodStats } from './periods';
export { computeStrategyMetrics, type StrategyMetrics } from './strategy-metrics';
export { copyDivergence, LATENCY_MIN_SAMPLES, latencyPercentiles, nearestRank, slippageBps, type MonthlyDivergence } from './copy-metrics';
