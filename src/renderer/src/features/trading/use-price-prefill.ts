import { useEffect, useRef } from 'react';
import type { Instrument } from '../../../../shared/market/instrument';
import { useQuotes } from '../market/quotes-store';
import { prefillBracket, prefillPrices } from './ticket-prefill';
import { useTicket } from './ticket-store';

/**
 * Fills the ticket's prices from the live quote when the symbol, side or type changes (once the
 * first quote is in), and the bracket when it is switched on.
 */
export function usePricePrefill(inst: Instrument | undefined, hasQuote: boolean): void {
  const side = useTicket((s) => s.side);
  const type = useTicket((s) => s.type);
  const bracket = useTicket((s) => s.bracket);
  const done = useRef('');

  useEffect(() => {
    if (!inst || !hasQuote) return;
    const key = `${inst.symbol}|${side}|${type}|${bracket}`;
    if (done.current === key) return;
    done.current = key;
    const quote = useQuotes.getState().bySymbol[inst.symbol];
    if (!quote) return;
    const t = useTicket.getState();
    const prices = prefillPrices({ side, type }, inst, quote);
    t.set({ ...prices, ...(bracket ? prefillBracket({ side, type, ...prices }, inst, quote) : { stopLoss: '', takeProfit: '' }) });
  }, [inst, hasQuote, side, type, bracket]);
}
