import { gridRounder } from '../../shared/numbers/steps';
import type { Instrument } from '../../shared/market/instrument';
import { eventHash, signEvent, type ChainHead, type Signer, type StreamCrypto } from '../../shared/social/stream-chain';
import type { EventBody, FillBody, StrategyEvent } from '../../shared/social/strategy-event';
import type { Fill } from '../../shared/trading/fill';

/**
 * The event after `head`: the next seq, linked to the head's hash, signed now. A clock that went
 * back (or a body stamped before an earlier one) never breaks the chain's time rules: the
 * signature time never goes back, and a body is never dated before the previous one.
 */
export function nextEvent(crypto: Pick<StreamCrypto, 'sha256Hex'>, sign: Signer, strategyId: string, head: ChainHead, body: EventBody, now: number): { event: StrategyEvent; head: ChainHead } {
  const time = Math.max(body.time, head.bodyTime);
  const dated = time === body.time ? body : { ...body, time };
  const ts = Math.max(now, head.ts, time);
  const event = signEvent(sign, { strategyId, seq: head.seq + 1, prevHash: head.hash, ts, body: dated });
  return { event, head: { seq: event.seq, hash: eventHash(crypto, event), ts, bodyTime: time } };
}

/** A fill of the published account as a stream event; `position` is the symbol's signed position before it. */
export function fillBody(fill: Fill, instrument: Pick<Instrument, 'assetClass' | 'lotStep'>, position: number, equity: number): FillBody {
  const round = gridRounder(instrument.lotStep);
  const positionQty = round(position + (fill.side === 'buy' ? fill.qty : -fill.qty));
  return {
    type: 'fill',
    fillId: fill.id,
    symbol: fill.symbol,
    assetClass: instrument.assetClass,
    side: fill.side,
    qty: fill.qty,
    price: fill.price,
    fee: fill.fee,
    fxRate: fill.fxRate,
    lotStep: instrument.lotStep,
    time: fill.time,
    // -0 and binary noise would make readers' comparisons fail for nothing.
    positionQty: positionQty === 0 ? 0 : positionQty,
    equity,
  };
}
