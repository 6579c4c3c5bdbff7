import type { Lot } from '../../../shared/trading/position';

/**
 * Lots brought to the quantity an exchange holds, without realising anything: what it has beyond
 * ours is adopted as a lot at `price`; what it lacks leaves the oldest lots first. Used when a
 * live account's holdings differ from what its fills add up to (a deposit, a trade elsewhere).
 */
export function adoptHolding(lots: readonly Lot[], targetQty: number, price: number, fxRate: number, time: number, round: (qty: number) => number): Lot[] {
  const current = round(lots.reduce((sum, l) => sum + l.qty, 0));
  const diff = round(targetQty - current);
  if (diff === 0) return [...lots];
  if (round(targetQty) === 0) return [];
  // Spot holdings are long: a short would mean the lots were wrong all along; start from the exchange.
  if (current <= 0 || targetQty < 0) return [{ qty: round(targetQty), price, fxRate, time }];
  if (diff > 0) return [...lots, { qty: diff, price, fxRate, time }];
  let remove = -diff;
  const kept: Lot[] = [];
  for (const lot of lots) {
    if (remove <= 0) kept.push(lot);
    else if (lot.qty <= remove) remove = round(remove - lot.qty);
    else {
      kept.push({ ...lot, qty: round(lot.qty - remove) });
      remove = 0;
    }
  }
  return kept;
}
