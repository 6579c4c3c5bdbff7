import { useEffect, useMemo } from 'react';
import type { Quote } from '../../../../shared/contract';
import type { Instrument } from '../../../../shared/market/instrument';
import { useInstruments } from '../market/instruments-store';
import { useMarket } from '../market/market-context';
import { useQuotes } from '../market/quotes-store';
import { fxRate, fxRoute } from './fx-estimate';

export interface TicketMarket {
  inst: Instrument | undefined;
  quote: Quote | undefined;
  /** Account currency per unit of the instrument's quote currency; undefined until quoted. */
  rate: number | undefined;
}

/** The ticket symbol's instrument and live quote, and the FX rate into the account currency. */
export function useTicketMarket(symbol: string, accountCurrency: string | undefined): TicketMarket {
  const { live } = useMarket();
  const inst = useInstruments((s) => s.bySymbol.get(symbol));
  const list = useInstruments((s) => s.list);
  const fxSymbols = useMemo(() => new Set(list.filter((i) => i.assetClass === 'fx').map((i) => i.symbol)), [list]);
  const route = useMemo(() => (inst && accountCurrency ? fxRoute(inst.quoteCurrency, accountCurrency, fxSymbols) : undefined), [inst, accountCurrency, fxSymbols]);
  const routeKey = route?.map((s) => s.symbol).join(',') ?? '';

  useEffect(() => {
    if (!inst) return;
    const releases = [live.retain(inst.symbol), ...routeKey.split(',').filter(Boolean).map((s) => live.retain(s))];
    return () => releases.forEach((r) => r());
  }, [live, inst, routeKey]);

  const quote = useQuotes((s) => s.bySymbol[symbol]);
  const rate = useQuotes((s) => fxRate(route, s.bySymbol));
  return { inst, quote, rate };
}
