import { create } from 'zustand';
import type { Account, Connection } from '../../../../shared/trading/account';
import type { Fill } from '../../../../shared/trading/fill';
import type { Order } from '../../../../shared/trading/order';
import type { Position } from '../../../../shared/trading/position';
import * as r from './trading-reducers';

const ACCOUNT_KEY = 'ist.trading.account';

function storedAccountId(): string | null {
  try {
    return localStorage.getItem(ACCOUNT_KEY);
  } catch {
    return null;
  }
}

function storeAccountId(id: string): void {
  try {
    localStorage.setItem(ACCOUNT_KEY, id);
  } catch {
    // Private mode or a full quota: the choice lasts this session only.
  }
}

interface TradingState extends r.TradingData {
  setAccounts(list: readonly Account[]): void;
  selectAccount(accountId: string): void;
  accountUpdate(account: Account): void;
  connectionUpdate(event: Connection & { accountId: string }): void;
  orderUpdate(order: Order): void;
  positionUpdate(position: Position): void;
  fillNew(fill: Fill): void;
  snapshot(accountId: string, snapshot: { orders: readonly Order[]; positions: readonly Position[]; fills: readonly Fill[] }): void;
}

/** Accounts and the selected account's orders, positions and fills, kept live by the trading feed. */
export const useTrading = create<TradingState>()((set, get) => {
  const reduce = (fn: (d: r.TradingData) => r.TradingData): void => {
    const s = get();
    const next = fn(s);
    if (next !== s) set(next);
  };
  return {
    ...r.EMPTY_TRADING,
    setAccounts: (list) => {
      reduce((d) => r.applyAccounts(d, list, storedAccountId()));
      const id = get().accountId;
      if (id) storeAccountId(id);
    },
    selectAccount: (accountId) => {
      storeAccountId(accountId);
      reduce((d) => r.selectAccount(d, accountId));
    },
    accountUpdate: (account) => reduce((d) => r.applyAccount(d, account)),
    connectionUpdate: (event) => reduce((d) => r.applyConnection(d, event)),
    orderUpdate: (order) => reduce((d) => r.applyOrder(d, order)),
    positionUpdate: (position) => reduce((d) => r.applyPosition(d, position)),
    fillNew: (fill) => reduce((d) => r.applyFill(d, fill)),
    snapshot: (accountId, snapshot) => reduce((d) => r.applySnapshot(d, accountId, snapshot)),
  };
});

/** The selected account, if the accounts are in. */
export function useSelectedAccount(): Account | undefined {
  return useTrading((s) => (s.accountId ? s.accounts[s.accountId] : undefined));
}
