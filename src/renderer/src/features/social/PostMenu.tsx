import { useEffect, useRef } from 'react';

export interface MenuItem {
  label: string;
  run(): void;
  danger?: boolean;
}

/** A small pop-up menu (↑ ↓ to move, Enter to run, Esc or a click outside to close). */
export function PostMenu({ items, onClose, label }: { items: readonly MenuItem[]; onClose(): void; label: string }) {
  const list = useRef<HTMLUListElement>(null);

  useEffect(() => {
    (list.current?.querySelector('[role="menuitem"]') as HTMLElement | null)?.focus();
    const onDown = (e: MouseEvent): void => {
      if (list.current && !list.current.contains(e.target as Node)) onClose();
    };
    window.addEventListener('mousedown', onDown);
    return () => window.removeEventListener('mousedown', onDown);
  }, [onClose]);

  const move = (delta: number): void => {
    const all = [...(list.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = all.indexOf(document.activeElement as HTMLElement);
    all[(at + delta + all.length) % all.length]?.focus();
  };

  return (
    <ul
      ref={list}
      className="popover menu-list post-menu"
      role="menu"
      aria-label={label}
      onKeyDown={(e) => {
        if (e.key === 'ArrowDown') move(1);
        else if (e.key === 'ArrowUp') move(-1);
        else if (e.key === 'Escape') onClose();
        else return;
        e.preventDefault();
        e.stopPropagation();
      }}
    >
      {items.map((item) => (
        <li
          key={item.label}
          role="menuitem"
          tabIndex={-1}
          className={item.danger ? 'down' : undefined}
          onClick={() => {
            onClose();
            item.run();
          }}
          onKeyDown={(e) => {
            if (e.key !== 'Enter' && e.key !== ' ') return;
            e.preventDefault();
            onClose();
            item.run();
          }}
        >
          {item.label}
        </li>
      ))}
    </ul>
  );
}
