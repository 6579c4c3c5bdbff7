import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Instrument } from '../../../../shared/market/instrument';
import { matchInstruments } from '../market/instrument-matches';
import { useInstruments } from '../market/instruments-store';
import { SymbolLabel } from '../market/SymbolLabel';
import '../market/symbols.css';

/** Type to search: symbol (with or without its venue) or name; ↑↓ to choose, Enter to pick, Esc to cancel. */
export function SymbolSearch({ symbol, onPick, placeholder }: { symbol: string; onPick(symbol: string): void; placeholder?: string }) {
  const list = useInstruments((s) => s.list);
  const [query, setQuery] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const matches = useMemo(() => (query === null ? [] : matchInstruments(list, query, 12)), [list, query]);

  const pick = (i: Instrument | undefined): void => {
    if (i) onPick(i.symbol);
    setQuery(null);
    input.current?.blur();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'ArrowDown') setActive((a) => Math.min(matches.length - 1, a + 1));
    else if (e.key === 'ArrowUp') setActive((a) => Math.max(0, a - 1));
    else if (e.key === 'Enter') pick(matches[active]);
    else if (e.key === 'Escape') pick(undefined);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <div className="symbol-search">
      <input
        ref={input}
        className={symbol.includes(':') ? 'symbol-input venue' : 'symbol-input'}
        aria-label={placeholder ?? 'Symbol'}
        placeholder={placeholder}
        value={query ?? symbol}
        onFocus={(e) => {
          setQuery('');
          setActive(0);
          e.currentTarget.select();
        }}
        onBlur={() => setQuery(null)}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        spellCheck={false}
      />
      {query !== null && matches.length > 0 ? (
        <ul className={matches.some((m) => m.symbol.includes(':')) ? 'symbol-results has-venue' : 'symbol-results'} role="listbox" aria-label="Matching symbols">
          {matches.map((m, i) => (
            <li
              key={m.symbol}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(m);
              }}
            >
              <SymbolLabel symbol={m.symbol} />
              <span className="name">{m.name}</span>
              <span className="cls" title={`${m.assetClass} at ${m.venue}`}>
                {m.assetClass}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
