import type { z } from 'zod';
import type { reconcileItemSchema } from '../../shared/contract/copy';
import type { Instrument } from '../../shared/market/instrument';
import { gridRounder } from '../../shared/numbers/steps';
import type { Book, FollowRecord } from './copy-repository';
import { mapSymbol } from './copy-plan';
import { openSize } from './copy-sizing';
import type { LeaderState } from './leader-state';

export type ReconcileItem = z.infer<typeof reconcileItemSchema>;

export interface ReconcileInput {
  follow: FollowRecord;
  books: ReadonlyMap<string, Book>;
  leader: LeaderState;
  allocationEquity: number;
  instrument(symbol: string): Instrument | undefined;
  price(symbol: string): number | undefined;
  fxRate(quoteCurrency: string): number | undefined;
  riskScale: number;
}

/** Drift smaller than this share of the expected position is price noise, not a difference. */
const DRIFT_TOLERANCE = 0.1;

/**
 * My copied positions against what the leader's stream implies now: an orphan (the leader is
 * flat, I am not), a miss (the leader holds what I do not — a skipped or failed signal), or drift
 * (both hold it, off my sizing's target by more than a lot step and 10 %). The target of a
 * position the executor sized is the ideal it tracks (which follows the leader's reductions even
 * while paused); one it never sized (a skipped or failed signal) is sized now at my price. Positions the leader opened before the follow began are not
 * expected unless the follow copies open positions or copied later trades in them.
 */
export function reconcileFollow(input: ReconcileInput): ReconcileItem[] {
  const { follow, leader } = input;
  const { guards, sizing } = follow.settings;
  const sign = guards.reverse ? -1 : 1;
  const expectedBySymbol = new Map<string, number | null>();
  for (const [leaderSymbol, pos] of leader.positions) {
    const mine = mapSymbol(guards, leaderSymbol);
    if (guards.blockedSymbols.includes(mine) || (guards.allowedSymbols && !guards.allowedSymbols.includes(mine))) continue;
    const side = sign * Math.sign(pos.qty);
    const ideal = input.books.get(mine)?.ideal ?? 0;
    // What the executor sized and tracks for this position is what I should hold.
    if (ideal !== 0 && Math.sign(ideal) === side) {
      expectedBySymbol.set(mine, ideal);
      continue;
    }
    // Held by the leader with nothing tracked here: expected only if it was opened while copying.
    if (!guards.copyOpenPositions && pos.openedSeq <= follow.startSeq) continue;
    const inst = input.instrument(mine);
    const price = input.price(mine);
    const rate = inst ? input.fxRate(inst.quoteCurrency) : undefined;
    if (!inst || price === undefined || rate === undefined || leader.equity === null) {
      expectedBySymbol.set(mine, null);
      continue;
    }
    // The leader's position valued at today's price, against the leader's latest equity.
    const size = openSize(sizing, Math.abs(pos.qty), { price, fxRate: pos.fxRate, equity: leader.equity }, { allocationEquity: input.allocationEquity, price, fxRate: rate, riskScale: input.riskScale });
    expectedBySymbol.set(mine, side * size);
  }
  const symbols = new Set([...expectedBySymbol.keys(), ...[...input.books.values()].filter((b) => b.qty !== 0).map((b) => b.symbol)]);
  const items: ReconcileItem[] = [];
  for (const symbol of [...symbols].sort()) {
    const mine = input.books.get(symbol)?.qty ?? 0;
    const inst = input.instrument(symbol);
    const raw = expectedBySymbol.has(symbol) ? expectedBySymbol.get(symbol)! : 0;
    if (raw === null) {
      items.push({ symbol, kind: mine === 0 ? 'miss' : 'drift', mine, expected: mine, fix: null, note: `No price for ${symbol} yet: cannot size it` });
      continue;
    }
    const expected = inst ? gridRounder(inst.lotStep)(raw) : raw;
    const diff = expected - mine;
    const lot = inst?.lotStep ?? 1e-9;
    if (Math.abs(diff) < lot / 2) continue;
    const kind = expected === 0 ? 'orphan' : mine === 0 ? 'miss' : 'drift';
    if (kind === 'drift' && (Math.abs(diff) <= lot || Math.abs(diff) <= DRIFT_TOLERANCE * Math.abs(expected))) continue;
    const qty = inst ? gridRounder(inst.lotStep)(Math.abs(diff)) : Math.abs(diff);
    const tooSmall = inst !== undefined && qty < inst.minQty && expected !== 0;
    items.push({
      symbol,
      kind,
      mine,
      expected,
      fix: tooSmall || !inst ? null : { side: diff > 0 ? 'buy' : 'sell', qty },
      note: !inst ? `No instrument ${symbol} on this account` : tooSmall ? `${qty} is below the minimum quantity ${inst.minQty}` : null,
    });
  }
  return items;
}
