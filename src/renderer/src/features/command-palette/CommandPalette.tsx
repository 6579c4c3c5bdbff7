import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useApi } from '../../api/api-context';
import { useActivity } from '../activity/activity-store';
import { buildCommands, filterCommands } from './commands';
import { usePalette } from './palette-store';

/** Ctrl/Cmd+K: every action by name, run with the keyboard. */
export function CommandPalette() {
  const api = useApi();
  const open = usePalette((s) => s.open);
  const setOpen = usePalette((s) => s.setOpen);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  // Rebuilt on open so titles reflect the current state ("Switch to light theme").
  const commands = useMemo(() => (open ? buildCommands(api) : []), [api, open]);
  const matches = useMemo(() => filterCommands(commands, query), [commands, query]);

  useEffect(() => {
    if (!open) return;
    setQuery('');
    setActive(0);
    input.current?.focus();
  }, [open]);

  if (!open) return null;

  const run = (index: number): void => {
    const command = matches[index];
    if (!command) return;
    setOpen(false);
    Promise.resolve(command.run()).catch((error: unknown) => useActivity.getState().add('error', `${command.title} failed: ${String(error)}`));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => Math.min(matches.length - 1, a + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      run(active);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      setOpen(false);
    }
  };

  return (
    <div className="palette-backdrop" onMouseDown={() => setOpen(false)}>
      <div className="palette" role="dialog" aria-modal="true" aria-label="Command palette" onMouseDown={(e) => e.stopPropagation()}>
        <input
          ref={input}
          className="palette-input"
          placeholder="Type a command…"
          aria-label="Command"
          aria-controls="palette-list"
          aria-activedescendant={matches[active] ? `cmd-${matches[active].id}` : undefined}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
        />
        <ul id="palette-list" className="palette-list" role="listbox" aria-label="Commands">
          {matches.length === 0 ? <li className="palette-empty">No command matches “{query}”</li> : null}
          {matches.map((c, i) => (
            <li
              key={c.id}
              id={`cmd-${c.id}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'palette-item active' : 'palette-item'}
              onMouseEnter={() => setActive(i)}
              onClick={() => run(i)}
            >
              <span className="palette-group">{c.group}</span>
              <span className="palette-title">{c.title}</span>
              {c.shortcut ? <kbd>{c.shortcut}</kbd> : null}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
