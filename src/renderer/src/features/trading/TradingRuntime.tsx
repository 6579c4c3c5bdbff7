import { useEffect } from 'react';
import { createPortal } from 'react-dom';
import { useApi } from '../../api/api-context';
import { useActivity } from '../activity/activity-store';
import { AccountDialog } from '../accounts/AccountDialog';
import { startLiveAccountFeed } from '../accounts/live-account-feed';
import { ConfirmDialog } from './ConfirmDialog';
import { startTradingFeed } from './trading-feed';
import { useTradingHotkeys } from './use-trading-hotkeys';

/**
 * What trading needs whether or not a trading panel is open: the live stores (accounts with their
 * connections, orders, reconciliations), the hotkeys and the dialogs they can raise.
 */
export function TradingRuntime() {
  const api = useApi();
  useEffect(() => startTradingFeed(api, (text) => useActivity.getState().add('error', text)), [api]);
  useEffect(() => startLiveAccountFeed(api), [api]);
  useTradingHotkeys(api);
  return createPortal(
    <>
      <ConfirmDialog />
      <AccountDialog />
    </>,
    document.body,
  );
}
