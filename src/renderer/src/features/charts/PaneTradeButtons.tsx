import { useApi } from '../../api/api-context';
import { useInstruments } from '../market/instruments-store';
import { useQuotes } from '../market/quotes-store';
import { quickOrder } from '../trading/trading-actions';
import { formatPriceOf } from '../trading/trading-format';
import { useTicket } from '../trading/ticket-store';
import { useChartWorkspace } from './chart-workspace-store';

/** Sell at the bid / buy at the ask for the pane's symbol, at the ticket's quantity (TradingView-style). */
export function PaneTradeButtons({ symbol, index }: { symbol: string; index: number }) {
  const api = useApi();
  const quote = useQuotes((s) => s.bySymbol[symbol]);
  const inst = useInstruments((s) => s.bySymbol.get(symbol));
  const qty = useTicket((s) => (s.qtyMode === 'units' ? s.qty : `${s.notional} $`));
  const trade = (side: 'buy' | 'sell'): void => {
    useChartWorkspace.getState().setActivePane(index);
    void quickOrder(api, side);
  };
  return (
    <div className="pane-trade" role="group" aria-label={`Trade ${symbol}`}>
      <button type="button" className="pane-trade-btn sell" onClick={() => trade('sell')} title={`Sell ${symbol} at market`} aria-label={`Sell ${symbol} at market`}>
        <small>SELL</small>
        <span className="mono">{quote ? formatPriceOf(quote.bid, inst) : '—'}</span>
      </button>
      <span className="pane-trade-qty mono" title="Quantity from the order ticket">
        {qty}
      </span>
      <button type="button" className="pane-trade-btn buy" onClick={() => trade('buy')} title={`Buy ${symbol} at market`} aria-label={`Buy ${symbol} at market`}>
        <small>BUY</small>
        <span className="mono">{quote ? formatPriceOf(quote.ask, inst) : '—'}</span>
      </button>
    </div>
  );
}
