import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type Ref } from 'react';
import { filterExchanges, isPopular, type Exchange } from './exchange-list';

/**
 * The exchange of a new live account: type to filter, ↑ ↓ to choose (the highlighted exchange is
 * the choice), popular ones first. Enter in the search box picks without submitting the form.
 */
export function ExchangePicker({ exchanges, value, onChange, invalid, inputRef }: { exchanges: readonly Exchange[]; value: string | null; onChange(id: string): void; invalid?: boolean; inputRef?: Ref<HTMLInputElement> }) {
  const [query, setQuery] = useState('');
  const matches = useMemo(() => filterExchanges(exchanges, query), [exchanges, query]);
  const list = useRef<HTMLUListElement>(null);
  const index = matches.findIndex((e) => e.id === value);

  useEffect(() => {
    list.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [value, matches]);

  const search = (q: string): void => {
    setQuery(q);
    // Typing picks the best match, so "bin" + Tab is enough.
    const best = filterExchanges(exchanges, q)[0];
    if (best && q.trim() !== '') onChange(best.id);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    const move = (to: number): void => {
      const next = matches[Math.max(0, Math.min(matches.length - 1, to))];
      if (next) onChange(next.id);
    };
    if (e.key === 'ArrowDown') move(index + 1);
    else if (e.key === 'ArrowUp') move(index - 1);
    else if (e.key === 'PageDown') move(index + 6);
    else if (e.key === 'PageUp') move(index - 6);
    else if (e.key === 'Enter') {
      if (index < 0) move(0);
    } else return;
    e.preventDefault();
  };

  const showGroups = query.trim() === '';
  return (
    <div className="xpick">
      <input
        ref={inputRef}
        id="live-exchange"
        className="field"
        placeholder="Search exchanges…"
        aria-label="Search exchanges"
        aria-controls="live-exchange-list"
        aria-invalid={invalid}
        value={query}
        onChange={(e) => search(e.target.value)}
        onKeyDown={onKeyDown}
        autoComplete="off"
        spellCheck={false}
      />
      <ul ref={list} id="live-exchange-list" className="xpick-list" role="listbox" aria-label="Exchange">
        {matches.length === 0 ? <li className="xpick-empty">No exchange matches “{query}”</li> : null}
        {matches.map((x, i) => (
          <li key={x.id} role="presentation">
            {showGroups && i === 0 && isPopular(x.id) ? <div className="xpick-group">Popular</div> : null}
            {showGroups && i > 0 && isPopular(matches[i - 1]!.id) && !isPopular(x.id) ? <div className="xpick-group">All exchanges</div> : null}
            <div role="option" aria-selected={x.id === value} className={x.id === value ? 'xpick-item selected' : 'xpick-item'} onMouseDown={(e) => e.preventDefault()} onClick={() => onChange(x.id)}>
              <span className="xpick-name">{x.name}</span>
              <span className="xpick-id">{x.id}</span>
              <span className="xpick-tags">
                {x.hasTestnet ? <span className="tag">testnet</span> : null}
                {x.needsPassphrase ? <span className="tag">passphrase</span> : null}
              </span>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
