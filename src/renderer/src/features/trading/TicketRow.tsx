import type { ReactNode } from 'react';

/** One labelled line of the ticket, with its error under the control. */
export function TicketRow({ label, htmlFor, error, errorId, children, aside }: { label: string; htmlFor?: string; error?: string | undefined; errorId?: string; children: ReactNode; aside?: ReactNode }) {
  return (
    <div className={error ? 'tk-row has-error' : 'tk-row'}>
      {htmlFor ? (
        <label className="tk-label" htmlFor={htmlFor}>
          {label}
        </label>
      ) : (
        <span className="tk-label">{label}</span>
      )}
      <div className="tk-control">
        <div className="tk-line">
          {children}
          {aside}
        </div>
        {error ? (
          <div className="field-error" id={errorId} role="alert">
            {error}
          </div>
        ) : null}
      </div>
    </div>
  );
}
