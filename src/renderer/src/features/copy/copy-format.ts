import type { CopyLogEntry, Follow } from '../../../../shared/contract/copy';
import type { FollowState, GuardName, Sizing } from '../../../../shared/copy/copy-settings';
import type { Instrument } from '../../../../shared/market/instrument';
import type { OrderStatus } from '../../../../shared/trading/order';
import { DASH } from '../strategy/figures';
import { formatMoney, formatPriceOf, formatQtyShort, SIDE_LABEL, STATUS_LABEL } from '../trading/trading-format';
import { plain } from './copy-form';

export type Outcome = CopyLogEntry['outcome'];
type CopyOrder = CopyLogEntry['orders'][number];

export const OUTCOME_LABEL: Readonly<Record<Outcome, string>> = { copied: 'Copied', skipped: 'Skipped', blocked: 'Blocked', failed: 'Failed' };
export const STATE_LABEL: Readonly<Record<FollowState, string>> = { active: 'Active', paused: 'Paused', stopped: 'Stopped' };
export const KIND_LABEL: Readonly<Record<'orphan' | 'miss' | 'drift', string>> = { orphan: 'Orphan', miss: 'Miss', drift: 'Drift' };
/** What each reconciliation kind means, for tooltips. */
export const KIND_TITLE: Readonly<Record<'orphan' | 'miss' | 'drift', string>> = {
  orphan: 'The leader is flat; this copy still holds a position',
  miss: 'The leader holds a position; this copy holds none',
  drift: 'Both hold it, but this copy is off its target by more than a lot step',
};

export const GUARD_LABEL: Readonly<Record<GuardName, string>> = {
  stopLoss: 'Copy stop-loss',
  takeProfit: 'Take-profit',
  maxOpenPositions: 'Max open positions',
  maxPositionValue: 'Max position value',
  maxLeverage: 'Max leverage',
  allowedSymbols: 'Allowed symbols',
  blockedSymbols: 'Blocked symbols',
  symbolMap: 'Symbol map',
  maxSlippage: 'Max slippage',
  signalTtl: 'Signal TTL',
  closeOnly: 'Close-only',
  paused: 'Paused',
  lotSize: 'Lot size',
  noPrice: 'No price',
};

/** Basis points with a sign, one decimal: +1.2, −0.4; "—" when unknown. */
export function formatBps(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return DASH;
  const text = Math.abs(v).toFixed(1);
  if (text === '0.0') return text;
  return v > 0 ? `+${text}` : `−${text}`;
}

/** Milliseconds, whole: 14 ms; a negative latency (clock skew) keeps its sign. */
export function formatMs(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return DASH;
  const n = Math.round(v);
  return n < 0 ? `−${Math.abs(n)} ms` : `${n} ms`;
}

/** Latency p50 / p99 in one cell: "12 / 40 ms", "—" under 20 orders. */
export function formatLatencyPair(p50: number | null, p99: number | null): string {
  if (p50 === null || p99 === null) return DASH;
  return `${formatMs(p50).replace(' ms', '')} / ${formatMs(p99)}`;
}

/** How a follow sizes the leader's trades, in a few words. */
export function sizingText(sizing: Sizing, currency = ''): string {
  switch (sizing.mode) {
    case 'proportional':
      return 'Proportional';
    case 'fixed':
      return sizing.qty !== undefined ? `Fixed ${plain(sizing.qty)} per trade` : `Fixed ${formatMoney(sizing.notional ?? 0)}${currency ? ` ${currency}` : ''} per trade`;
    case 'multiplier':
      return `× ${plain(sizing.factor)} the leader’s qty`;
    case 'risk':
      return `Risk: ${plain(sizing.targetVolatility * 100)} % vol, ≤ ${plain(sizing.maxScale)}×`;
  }
}

/** A follow's state with its reason: "Paused — Paused by you" reads badly, so the reason alone when it says it. */
export function stateText(f: Pick<Follow, 'state' | 'stateReason'>): string {
  const label = STATE_LABEL[f.state];
  if (!f.stateReason) return label;
  return f.stateReason.toLowerCase().startsWith(label.toLowerCase()) ? f.stateReason : `${label}: ${f.stateReason}`;
}

/** The reason beside a state badge, without repeating the state: "Paused by you" → "by you". */
export function stateReason(f: Pick<Follow, 'state' | 'stateReason'>): string {
  if (!f.stateReason) return '';
  const label = STATE_LABEL[f.state];
  return f.stateReason.toLowerCase().startsWith(label.toLowerCase()) ? f.stateReason.slice(label.length).replace(/^[\s:;,—-]+/, '') : f.stateReason;
}

/** The leader's trade of a log entry: "Buy 0.1 BTC/USDT @ 50,000.00"; "—" for entries of my own. */
export function leaderTradeText(leader: CopyLogEntry['leader'], inst?: Instrument): string {
  if (!leader) return DASH;
  return `${SIDE_LABEL[leader.side]} ${formatQtyShort(leader.qty, inst)} ${leader.symbol} @ ${formatPriceOf(leader.price, inst)}`;
}

const statusLabel = (status: string): string => STATUS_LABEL[status as OrderStatus] ?? status.charAt(0).toUpperCase() + status.slice(1);

/** One of my copy orders: "Buy 0.0732 · Filled @ 65,012.30 · 14 ms · +1.2 bps". */
export function orderText(o: CopyOrder, inst?: Instrument): string {
  const parts = [`${SIDE_LABEL[o.side]} ${formatQtyShort(o.qty, inst)}${o.type === 'limit' && o.price !== null ? ` limit ${formatPriceOf(o.price, inst)}` : ''}`];
  parts.push(o.avgFillPrice !== null ? `${statusLabel(o.status)} @ ${formatPriceOf(o.avgFillPrice, inst)}` : statusLabel(o.status));
  if (o.latencyMs !== null) parts.push(formatMs(o.latencyMs));
  if (o.slippageBps !== null) parts.push(`${formatBps(o.slippageBps)} bps`);
  return parts.join(' · ');
}
