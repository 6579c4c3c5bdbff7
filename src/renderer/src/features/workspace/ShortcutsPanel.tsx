import { MOD_KEY } from '../frame/mod-key';
import { TradingHotkeySettings } from '../trading/TradingHotkeySettings';

const SHORTCUTS: Array<[string, string]> = [
  [`${MOD_KEY} K`, 'Command palette: every action by name'],
  ['Alt 1 … 6', 'Active chart timeframe: 1m, 5m, 15m, 1h, 4h, 1D'],
  ['Click a symbol', 'Type to search; ↑ ↓ Enter to pick'],
  ['Watchlist ↑ ↓ Enter', 'Chart the selected symbol in the active pane; Delete removes it'],
  ['Blotters ↑ ↓ Enter Delete', 'Move; chart the row’s symbol; cancel the order or close the position'],
  ['Leaderboard Enter C', 'Open the selected strategy; copy it'],
  ['Copy panel Enter P Delete', 'Edit, pause or resume, stop the selected copy'],
  ['Ticket price ↑ ↓', 'One tick up or down (Shift: ten ticks)'],
  ['↑ ↓ Enter', 'Move and run in the palette'],
  ['Esc', 'Close the palette or a dialog'],
  ['Tab / Shift Tab', 'Move focus between controls'],
];

export function ShortcutsPanel() {
  return (
    <section className="panel-body" aria-label="Keyboard shortcuts">
      <table className="kv shortcuts-table">
        <tbody>
          {SHORTCUTS.map(([keys, what]) => (
            <tr key={keys}>
              <th scope="row">
                <kbd>{keys}</kbd>
              </th>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <TradingHotkeySettings />
    </section>
  );
}
