import { useEffect, useRef } from 'react';
import { useConfirm } from './confirm-store';

/**
 * The in-app confirmation: Enter confirms, Esc or a click outside cancels. The dialog itself takes
 * the focus, not its confirm button: the key press that opened it (Enter in the ticket) must not
 * also press the button.
 */
export function ConfirmDialog() {
  const request = useConfirm((s) => s.request);
  const answer = useConfirm((s) => s.answer);
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!request) return;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    box.current?.focus();
    return () => previous?.focus();
  }, [request]);

  if (!request) return null;
  return (
    <div className="modal-backdrop" onMouseDown={() => answer(false)}>
      <div
        ref={box}
        tabIndex={-1}
        className={`modal confirm tone-${request.tone}`}
        role="alertdialog"
        aria-modal="true"
        aria-label={request.title}
        aria-describedby="confirm-message"
        onMouseDown={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            answer(false);
          } else if (e.key === 'Enter' && e.target === e.currentTarget && !e.repeat) {
            e.preventDefault();
            answer(true);
          }
        }}
      >
        <h2 className="modal-title">{request.title}</h2>
        <p id="confirm-message" className="confirm-message">
          {request.message}
        </p>
        {request.details && request.details.length > 0 ? (
          <dl className="confirm-details">
            {request.details.map(([k, v]) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd className="num">{v}</dd>
              </div>
            ))}
          </dl>
        ) : null}
        <div className="modal-actions">
          <span className="hint modal-keys">
            <kbd>Enter</kbd> confirm · <kbd>Esc</kbd> cancel
          </span>
          <button type="button" className="button" onClick={() => answer(false)}>
            Cancel
          </button>
          {request.alternative ? (
            <button type="button" className={`button button-${request.alternative.tone}`} onClick={() => answer('alternative')}>
              {request.alternative.label}
            </button>
          ) : null}
          <button type="button" className={`button button-${request.tone}`} onClick={() => answer(true)}>
            {request.confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
