import type { Quote } from '../../../../shared/contract';
import type { Instrument } from '../../../../shared/market/instrument';
import type { Side } from '../../../../shared/trading/order';
import { quoteSpread } from '../market/quotes-store';
import { formatPriceOf } from './trading-format';

/** Sell at the bid, buy at the ask, the spread between: picks the ticket's side. */
export function SideButtons({ side, onSide, quote, inst }: { side: Side; onSide(side: Side): void; quote: Quote | undefined; inst: Instrument | undefined }) {
  const spread = quoteSpread(quote);
  return (
    <div className="tk-sides" role="radiogroup" aria-label="Side">
      <button type="button" role="radio" aria-checked={side === 'sell'} className={side === 'sell' ? 'tk-side sell active' : 'tk-side sell'} onClick={() => onSide('sell')}>
        <span className="tk-side-label">Sell</span>
        <span className="tk-side-price num" data-testid="ticket-bid">
          {formatPriceOf(quote?.bid, inst)}
        </span>
      </button>
      <span className="tk-spread num" title="Spread">
        {spread === null ? '—' : formatPriceOf(spread, inst)}
      </span>
      <button type="button" role="radio" aria-checked={side === 'buy'} className={side === 'buy' ? 'tk-side buy active' : 'tk-side buy'} onClick={() => onSide('buy')}>
        <span className="tk-side-label">Buy</span>
        <span className="tk-side-price num" data-testid="ticket-ask">
          {formatPriceOf(quote?.ask, inst)}
        </span>
      </button>
    </div>
  );
}
