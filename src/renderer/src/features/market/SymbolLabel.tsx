import { symbolParts } from './symbol-parts';
import './symbols.css';

/** A symbol as tables show it: a live venue's prefix dimmed (`BINANCE:`), the pair in bold. Its text is the full symbol. */
export function SymbolLabel({ symbol }: { symbol: string }) {
  const { venue, local } = symbolParts(symbol);
  return (
    <span className="sym">
      {venue ? <span className="venue-prefix">{venue}:</span> : null}
      {local}
    </span>
  );
}
