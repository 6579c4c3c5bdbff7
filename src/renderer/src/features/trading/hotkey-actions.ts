import type { ApiClient } from '../../api/api-client';
import type { HotkeyAction } from './hotkeys';
import { cancelAllOrders, flattenAll, quickOrder } from './trading-actions';

/** What each trading hotkey (and its palette command) does. */
export function runHotkeyAction(api: ApiClient, action: HotkeyAction): Promise<void> {
  switch (action) {
    case 'buyMarket':
      return quickOrder(api, 'buy');
    case 'sellMarket':
      return quickOrder(api, 'sell');
    case 'cancelAll':
      return cancelAllOrders(api);
    case 'flattenAll':
      return flattenAll(api);
  }
}
