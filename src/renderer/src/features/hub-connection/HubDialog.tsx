import { useEffect } from 'react';
import { useHubDialog, type HubDialogTab } from './hub-dialog-store';
import { useHub } from './hub-store';
import { HubSettingsForm } from './HubSettingsForm';
import { SignInForm } from './SignInForm';
import './hub-connection.css';

const TITLES: Record<HubDialogTab, string> = { signIn: 'Sign in to the hub', signUp: 'Create a hub account', hub: 'Social hub' };

/** The hub dialog: sign in, create an account, or choose the hub and sign out. Esc closes. */
export function HubDialog() {
  const tab = useHubDialog((s) => s.tab);
  const opened = useHubDialog((s) => s.opened);
  // A fresh body per opening: no password typed earlier survives.
  return tab ? <DialogBody key={opened} tab={tab} /> : null;
}

function DialogBody({ tab }: { tab: HubDialogTab }) {
  const { reason, setTab, close } = useHubDialog();
  const user = useHub((s) => s.status?.user ?? null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      e.preventDefault();
      close();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [close]);

  const tabs: HubDialogTab[] = user ? ['hub'] : ['signIn', 'signUp', 'hub'];
  const label: Record<HubDialogTab, string> = { signIn: 'Sign in', signUp: 'Create account', hub: 'Hub' };
  return (
    <div className="modal-backdrop" onMouseDown={close}>
      <div className="modal modal-hub" role="dialog" aria-modal="true" aria-label={TITLES[tab]} onMouseDown={(e) => e.stopPropagation()} data-testid="hub-dialog">
        <h2 className="modal-title">{TITLES[tab]}</h2>
        {reason ? <p className="hub-reason">{reason}</p> : null}
        {tabs.length > 1 ? (
          <span className="seg hub-tabs" role="tablist" aria-label="Hub dialog">
            {tabs.map((t) => (
              <button key={t} type="button" role="tab" aria-selected={t === tab} className={t === tab ? 'seg-btn active' : 'seg-btn'} onClick={() => setTab(t)}>
                {label[t]}
              </button>
            ))}
          </span>
        ) : null}
        {tab === 'hub' ? <HubSettingsForm onDone={close} onCancel={close} /> : <SignInForm mode={tab} onDone={close} onCancel={close} />}
      </div>
    </div>
  );
}
