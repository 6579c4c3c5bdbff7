import type { Account, Connection } from '../../../../shared/trading/account';
import type { Fill } from '../../../../shared/trading/fill';
import { isWorking, type Order } from '../../../../shared/trading/order';
import type { Position } from '../../../../shared/trading/position';

/** What the trading screens show: every account, and the selected account's orders, positions and fills. */
export interface TradingData {
  accounts: Readonly<Record<string, Account>>;
  /** The account the ticket and blotters act on; null until the accounts are in. */
  accountId: string | null;
  /** The selected account's orders by id: working ones and recent history (rejected with their reason). */
  orders: Readonly<Record<string, Order>>;
  /** The selected account's open positions by symbol; flat ones are dropped. */
  positions: Readonly<Record<string, Position>>;
  /** The selected account's recent fills, newest first. */
  fills: readonly Fill[];
}

export const EMPTY_TRADING: TradingData = { accounts: {}, accountId: null, orders: {}, positions: {}, fills: [] };

/** Final orders kept in memory besides the working ones; older history is a `orders.list` away. */
export const MAX_FINAL_ORDERS = 1000;
export const MAX_FILLS = 2000;

/** The stored choice when it still exists, else the oldest account (a new profile's "Paper"). */
export function pickAccountId(accounts: readonly Account[], preferred: string | null): string | null {
  if (preferred && accounts.some((a) => a.id === preferred)) return preferred;
  const oldest = [...accounts].sort((a, b) => a.createdAt - b.createdAt)[0];
  return oldest?.id ?? null;
}

export function applyAccounts(data: TradingData, list: readonly Account[], preferred: string | null): TradingData {
  const accounts = Object.fromEntries(list.map((a) => [a.id, a]));
  const accountId = pickAccountId(list, data.accountId ?? preferred);
  return accountId === data.accountId ? { ...data, accounts } : { ...data, accounts, accountId, orders: {}, positions: {}, fills: [] };
}

/** The newer of two connection states: events and account updates can cross on the wire. */
function newerConnection(current: Connection | null | undefined, next: Connection | null): Connection | null {
  return current && next && current.since > next.since ? current : next;
}

export function applyAccount(data: TradingData, account: Account): TradingData {
  const connection = newerConnection(data.accounts[account.id]?.connection, account.connection);
  const accounts = { ...data.accounts, [account.id]: connection === account.connection ? account : { ...account, connection } };
  return { ...data, accounts, accountId: data.accountId ?? account.id };
}

/** A live account's connection changed (`accounts.connection`); unknown accounts wait for their `accounts.update`. */
export function applyConnection(data: TradingData, event: Connection & { accountId: string }): TradingData {
  const account = data.accounts[event.accountId];
  if (!account) return data;
  const { accountId: _id, ...connection } = event;
  if (newerConnection(account.connection, connection) !== connection) return data;
  return { ...data, accounts: { ...data.accounts, [account.id]: { ...account, connection } } };
}

/** Switching accounts empties the per-account lists until they are loaded again. */
export function selectAccount(data: TradingData, accountId: string): TradingData {
  if (accountId === data.accountId) return data;
  return { ...data, accountId, orders: {}, positions: {}, fills: [] };
}

/** Keeps the working orders and the newest final ones. */
function trimOrders(orders: Record<string, Order>): Record<string, Order> {
  const finals = Object.values(orders).filter((o) => !isWorking(o.status));
  if (finals.length <= MAX_FINAL_ORDERS) return orders;
  finals.sort((a, b) => b.updatedAt - a.updatedAt);
  const dropped = new Set(finals.slice(MAX_FINAL_ORDERS).map((o) => o.id));
  return Object.fromEntries(Object.entries(orders).filter(([id]) => !dropped.has(id)));
}

/**
 * An order's new state. Updates can cross a reload on the wire, so an older state never
 * replaces a newer one, and a final order never becomes working again.
 */
export function applyOrder(data: TradingData, order: Order): TradingData {
  if (order.accountId !== data.accountId) return data;
  const current = data.orders[order.id];
  if (current) {
    if (order.updatedAt < current.updatedAt) return data;
    if (!isWorking(current.status) && isWorking(order.status)) return data;
  }
  return { ...data, orders: trimOrders({ ...data.orders, [order.id]: order }) };
}

export function applyPosition(data: TradingData, position: Position): TradingData {
  if (position.accountId !== data.accountId) return data;
  if (position.qty !== 0) return { ...data, positions: { ...data.positions, [position.symbol]: position } };
  if (!(position.symbol in data.positions)) return data;
  return { ...data, positions: Object.fromEntries(Object.entries(data.positions).filter(([symbol]) => symbol !== position.symbol)) };
}

export function applyFill(data: TradingData, fill: Fill): TradingData {
  if (fill.accountId !== data.accountId || data.fills.some((f) => f.id === fill.id)) return data;
  const fills = [fill, ...data.fills].sort((a, b) => b.seq - a.seq).slice(0, MAX_FILLS);
  return { ...data, fills };
}

/** The selected account's lists as loaded: they replace what was there. */
export function applySnapshot(data: TradingData, accountId: string, snapshot: { orders: readonly Order[]; positions: readonly Position[]; fills: readonly Fill[] }): TradingData {
  if (accountId !== data.accountId) return data;
  const orders: Record<string, Order> = {};
  for (const o of snapshot.orders) if (o.accountId === accountId && (!orders[o.id] || orders[o.id]!.updatedAt <= o.updatedAt)) orders[o.id] = o;
  const positions: Record<string, Position> = {};
  for (const p of snapshot.positions) if (p.accountId === accountId && p.qty !== 0) positions[p.symbol] = p;
  const fills = snapshot.fills.filter((f) => f.accountId === accountId).sort((a, b) => b.seq - a.seq).slice(0, MAX_FILLS);
  return { ...data, orders: trimOrders(orders), positions, fills };
}

/** Working orders, newest first. */
export function workingOrders(orders: Readonly<Record<string, Order>>): Order[] {
  return Object.values(orders).filter((o) => isWorking(o.status)).sort((a, b) => b.createdAt - a.createdAt);
}

/** Every order kept, newest change first. */
export function orderHistory(orders: Readonly<Record<string, Order>>): Order[] {
  return Object.values(orders).sort((a, b) => b.updatedAt - a.updatedAt);
}
