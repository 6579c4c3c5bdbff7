import { useState, type KeyboardEvent } from 'react';
import { bindingProblem, comboFromEvent, displayCombo, HOTKEY_ACTIONS, HOTKEY_LABELS, type HotkeyAction } from './hotkeys';
import { useHotkeys } from './hotkey-store';

/** Trading hotkeys with their rebinding: click "Change", press the new combination (Esc cancels). */
export function TradingHotkeySettings() {
  const bindings = useHotkeys((s) => s.bindings);
  const capturing = useHotkeys((s) => s.capturing);
  const [problem, setProblem] = useState<{ action: HotkeyAction; text: string } | null>(null);
  const { bind, setCapturing, reset } = useHotkeys.getState();

  const onCapture = (action: HotkeyAction) => (e: KeyboardEvent<HTMLButtonElement>) => {
    e.preventDefault();
    e.stopPropagation();
    if (e.key === 'Escape') {
      setCapturing(null);
      setProblem(null);
      return;
    }
    const combo = comboFromEvent(e.nativeEvent);
    if (!combo) return; // only modifiers so far
    const why = bindingProblem(bindings, action, combo);
    if (why) {
      setProblem({ action, text: why });
      return;
    }
    bind(action, combo);
    setCapturing(null);
    setProblem(null);
  };

  return (
    <div className="hotkey-settings" aria-label="Trading hotkeys">
      <h3 className="section-title">Trading hotkeys</h3>
      <table className="kv">
        <tbody>
          {HOTKEY_ACTIONS.map((a) => (
            <tr key={a}>
              <th scope="row">
                <kbd data-testid={`hotkey-${a}`}>{displayCombo(bindings[a])}</kbd>
              </th>
              <td>
                <div className="hotkey-row">
                  <span>{HOTKEY_LABELS[a]}</span>
                  {capturing === a ? (
                    <button type="button" className="button button-small capturing" autoFocus onKeyDown={onCapture(a)} onBlur={() => setCapturing(null)} aria-label={`Press the new keys for ${HOTKEY_LABELS[a]}`}>
                      Press keys…
                    </button>
                  ) : (
                    <span className="hotkey-actions">
                      <button type="button" className="button button-small" onClick={() => setCapturing(a)} aria-label={`Change hotkey: ${HOTKEY_LABELS[a]}`}>
                        Change
                      </button>
                      <button type="button" className="button button-small" onClick={() => bind(a, null)} disabled={bindings[a] === null} aria-label={`Clear hotkey: ${HOTKEY_LABELS[a]}`}>
                        Clear
                      </button>
                    </span>
                  )}
                </div>
                {problem?.action === a ? <div className="field-error">{problem.text}</div> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="panel-actions">
        <button type="button" className="button button-small" onClick={reset}>
          Restore default hotkeys
        </button>
        <span className="hint">Buy and sell: the active chart’s symbol at the ticket’s quantity, confirmed unless one-click trading is on. Cancel all and flatten always ask. Hotkeys are off while a text field has the focus.</span>
      </div>
    </div>
  );
}
