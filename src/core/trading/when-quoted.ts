import type { Quote } from '../../shared/contract';
import type { QuoteSource } from './fx-rates';

/** The latest quote of a symbol, or the first one to arrive within `timeoutMs`; undefined after that. */
export function whenQuoted(quotes: QuoteSource, symbol: string, timeoutMs: number): Promise<Quote | undefined> {
  const known = quotes.lastQuote(symbol);
  if (known) return Promise.resolve(known);
  return new Promise((resolve) => {
    let settled = false;
    const settle = (quote: Quote | undefined): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      off();
      resolve(quote);
    };
    const timer = setTimeout(() => settle(undefined), timeoutMs);
    const off = quotes.watchQuotes(symbol, settle);
    // The watch may have delivered a closed market's last price synchronously.
    if (!settled && quotes.lastQuote(symbol)) settle(quotes.lastQuote(symbol));
  });
}

/** True when `promise` settles within `ms`, false otherwise. */
export async function withTimeout(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
