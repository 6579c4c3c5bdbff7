import type { Fill } from '../../shared/trading/fill';
import type { PositionState } from '../brokers/broker';
import { applyFillToPosition, flatPosition } from '../brokers/position-state';

/**
 * A position as its fills make it — the fills are the record of truth, the position row only a
 * summary of them — for when that row is damaged. `fills` are one symbol's, ascending, since the
 * account's last reset.
 */
export function rebuildPosition(symbol: string, fills: readonly Fill[], roundQty: (qty: number) => number): PositionState {
  let position = flatPosition(symbol, 0);
  for (const f of fills) position = applyFillToPosition(position, f, roundQty).position;
  return position;
}
