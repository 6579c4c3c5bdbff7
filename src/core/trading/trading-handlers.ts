import type { Handlers } from '../../shared/contract';
import type { TradingService } from './trading-service';

export type TradingHandlers = Pick<
  Handlers,
  | 'accounts.list'
  | 'accounts.create'
  | 'accounts.configure'
  | 'accounts.reset'
  | 'accounts.exchanges'
  | 'accounts.setCredentials'
  | 'accounts.testConnection'
  | 'accounts.reconnect'
  | 'accounts.reconciliations'
  | 'orders.place'
  | 'orders.cancel'
  | 'orders.cancelAll'
  | 'orders.modify'
  | 'orders.list'
  | 'positions.list'
  | 'positions.close'
  | 'positions.closeAll'
  | 'fills.list'
>;

export function createTradingHandlers(trading: TradingService): TradingHandlers {
  return {
    'accounts.list': () => trading.accounts(),
    'accounts.create': (p) => trading.createAccount(p),
    'accounts.configure': (p) => trading.configure(p),
    'accounts.reset': (p) => trading.reset(p.accountId, p.balance),
    'accounts.exchanges': () => trading.exchanges(),
    'accounts.setCredentials': (p) => trading.setCredentials(p),
    'accounts.testConnection': (p) => trading.testConnection(p.accountId),
    'accounts.reconnect': (p) => trading.reconnect(p.accountId),
    'accounts.reconciliations': (p) => trading.reconciliations(p.accountId, p.limit),
    'orders.place': ({ accountId, ...request }) => trading.place(accountId, request),
    'orders.cancel': (p) => trading.cancel(p.accountId, p.orderId),
    'orders.cancelAll': async (p) => ({ cancelled: await trading.cancelAll(p.accountId, p.symbol) }),
    'orders.modify': ({ accountId, orderId, ...changes }) => trading.modify(accountId, orderId, changes),
    'orders.list': (p) => trading.orders(p.accountId, p.status, p.symbol, p.limit),
    'positions.list': (p) => trading.positions(p.accountId),
    'positions.close': (p) => trading.closePosition(p.accountId, p.symbol, p.qty),
    'positions.closeAll': (p) => trading.closeAll(p.accountId),
    'fills.list': ({ accountId, ...q }) => trading.fills(accountId, q),
  };
}
