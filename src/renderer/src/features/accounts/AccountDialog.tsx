import { useEffect, useState } from 'react';
import type { Account } from '../../../../shared/trading/account';
import { useTrading } from '../trading/trading-store';
import { useAccountDialog, type AccountDialogView } from './account-dialog-store';
import { ApiKeysForm } from './ApiKeysForm';
import { LiveAccountForm } from './LiveAccountForm';
import { PaperAccountForm } from './PaperAccountForm';

/** The account dialog: a new paper or live account (live: exchange, then keys), or a live account's keys. Esc closes. */
export function AccountDialog() {
  const view = useAccountDialog((s) => s.view);
  const opened = useAccountDialog((s) => s.opened);
  // A fresh body per opening: nothing typed (keys above all) survives closing the dialog.
  return view ? <DialogBody key={opened} view={view} /> : null;
}

function DialogBody({ view }: { view: AccountDialogView }) {
  const close = useAccountDialog((s) => s.close);
  const [kind, setKind] = useState<'paper' | 'live'>(view.kind === 'create' ? view.start : 'live');
  // After step one of a live account, the keys of the account just created.
  const [created, setCreated] = useState<Account | null>(null);
  const keysFor = view.kind === 'keys' ? view.accountId : created?.id;
  const keysAccount = useTrading((s) => (keysFor ? s.accounts[keysFor] : undefined));

  // Esc closes from anywhere: a button that disables while it works (Test connection) drops the focus to the page.
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      e.preventDefault();
      close();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [close]);

  const title = keysFor ? `API keys — ${keysAccount?.name ?? 'live account'}` : kind === 'paper' ? 'New paper account' : 'New live account';
  return (
    <div className="modal-backdrop" onMouseDown={close}>
      <div
        className={kind === 'live' || keysFor ? 'modal modal-wide' : 'modal'}
        role="dialog"
        aria-modal="true"
        aria-label={title}
        onMouseDown={(e) => e.stopPropagation()}
      >
        <h2 className="modal-title">{title}</h2>
        {view.kind === 'create' && !created ? (
          <span className="seg account-kind" role="radiogroup" aria-label="Account kind">
            <button type="button" role="radio" aria-checked={kind === 'paper'} className={kind === 'paper' ? 'seg-btn active' : 'seg-btn'} onClick={() => setKind('paper')}>
              Paper
            </button>
            <button type="button" role="radio" aria-checked={kind === 'live'} className={kind === 'live' ? 'seg-btn active' : 'seg-btn'} onClick={() => setKind('live')}>
              Live exchange
            </button>
          </span>
        ) : null}
        {view.kind === 'create' && created ? (
          <ol className="steps" aria-label="Steps">
            <li className="done">Exchange</li>
            <li className="current" aria-current="step">
              API keys
            </li>
          </ol>
        ) : null}
        {keysFor ? (
          <ApiKeysForm accountId={keysFor} onDone={close} onCancel={close} />
        ) : kind === 'paper' ? (
          <PaperAccountForm onDone={close} onCancel={close} />
        ) : (
          <LiveAccountForm onCreated={setCreated} onCancel={close} />
        )}
      </div>
    </div>
  );
}
