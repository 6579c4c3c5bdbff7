import type { ApiClient } from '../../api/api-client';
import type { Command } from '../command-palette/commands';
import { accountCommands } from '../accounts/account-commands';
import { displayCombo, type HotkeyAction } from './hotkeys';
import { useHotkeys } from './hotkey-store';
import { useTicket } from './ticket-store';
import { resetAccount } from './trading-actions';
import { useTrading } from './trading-store';
import { runHotkeyAction } from './hotkey-actions';

/** The palette's trading commands; hotkeyed ones show their current binding. */
export function tradingCommands(api: ApiClient): Command[] {
  const bindings = useHotkeys.getState().bindings;
  const hot = (id: string, title: string, action: HotkeyAction): Command => ({
    id,
    title,
    group: 'Trading',
    ...(bindings[action] ? { shortcut: displayCombo(bindings[action]) } : {}),
    run: () => runHotkeyAction(api, action),
  });
  const { accountId, accounts } = useTrading.getState();
  const account = accountId ? accounts[accountId] : undefined;
  const oneClick = useTicket.getState().oneClick;
  return [
    hot('trade.buy', 'Buy at market (active chart symbol, ticket quantity)', 'buyMarket'),
    hot('trade.sell', 'Sell at market (active chart symbol, ticket quantity)', 'sellMarket'),
    hot('trade.cancelAll', 'Cancel all orders', 'cancelAll'),
    hot('trade.flatten', 'Flatten all (cancel orders, close positions)', 'flattenAll'),
    ...accountCommands(api, account),
    ...(account?.kind === 'paper' ? [{ id: 'trade.resetAccount', title: `Reset paper account “${account.name}”…`, group: 'Trading', run: () => resetAccount(api, account) }] : []),
    ...Object.values(accounts)
      .filter((a) => a.id !== accountId)
      .map((a) => ({ id: `trade.account.${a.id}`, title: `Switch to account “${a.name}”`, group: 'Trading', run: () => useTrading.getState().selectAccount(a.id) })),
    { id: 'trade.oneClick', title: oneClick ? 'Turn one-click trading off (confirm orders)' : 'Turn one-click trading on (no confirmation)', group: 'Trading', run: () => useTicket.getState().set({ oneClick: !oneClick }) },
  ];
}
