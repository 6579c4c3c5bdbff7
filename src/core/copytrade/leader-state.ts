import type { CapitalFlow, DailyPoint, EquityMark } from '../../shared/metrics';
import { streamDays } from '../../shared/social/stream-inputs';
import type { FillBody, StrategyEvent } from '../../shared/social/strategy-event';

/** A leader's open position as its stream implies it. */
export interface LeaderPosition {
  qty: number;
  price: number;
  fxRate: number;
  lotStep: number;
  /** Seq of the fill that opened it from flat. */
  openedSeq: number;
}

export interface LeaderState {
  seq: number;
  positions: Map<string, LeaderPosition>;
  /** The leader's latest equity (from a fill or a mark); null before either. */
  equity: number | null;
  marks: EquityMark[];
  flows: CapitalFlow[];
  fills: Array<FillBody & { seq: number }>;
}

export const emptyLeaderState = (): LeaderState => ({ seq: 0, positions: new Map(), equity: null, marks: [], flows: [], fills: [] });

/** Folds verified events (in seq order) into the leader's positions, equity and history. */
export function foldLeaderEvents(state: LeaderState, events: readonly StrategyEvent[]): LeaderState {
  for (const e of events) {
    if (e.seq <= state.seq) continue;
    state.seq = e.seq;
    const b = e.body;
    if (b.type === 'fill') {
      state.fills.push({ ...b, seq: e.seq });
      state.equity = b.equity;
      const before = state.positions.get(b.symbol);
      if (Math.abs(b.positionQty) < b.lotStep / 2) state.positions.delete(b.symbol);
      else {
        const fromFlat = !before || Math.sign(before.qty) !== Math.sign(b.positionQty);
        state.positions.set(b.symbol, { qty: b.positionQty, price: b.price, fxRate: b.fxRate, lotStep: b.lotStep, openedSeq: fromFlat ? e.seq : before.openedSeq });
      }
    } else if (b.type === 'mark') {
      state.marks.push({ time: b.time, equity: b.equity, grossExposure: b.grossExposure });
      state.equity = b.equity;
    } else {
      state.flows.push({ time: b.time, amount: b.amount });
    }
  }
  return state;
}

/** The leader's daily series (METRICS.md) as of `now`, read as the hub and the profile read it. */
export function leaderDays(state: LeaderState, now: number): DailyPoint[] {
  return streamDays(state, now);
}
