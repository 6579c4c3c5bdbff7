import type { ApiClient } from '../../api/api-client';
import { errorMessage } from '../../api/error-message';
import { fieldsOf } from '../../api/field-errors';
import { ApiError } from '../../../../shared/contract';
import type { Account } from '../../../../shared/trading/account';
import { orderSchema, type Order, type Side } from '../../../../shared/trading/order';
import { useActivity } from '../activity/activity-store';
import { activeSymbol, useChartWorkspace } from '../charts/chart-workspace-store';
import { useInstruments } from '../market/instruments-store';
import { useQuotes } from '../market/quotes-store';
import { useToasts } from '../toasts/toast-store';
import { askConfirm } from './confirm-store';
import { ticketOrder, type FieldErrors, type OrderParams } from './ticket-order';
import { useTicket } from './ticket-store';
import { formatMoney, formatPriceOf, formatQty, formatQtyShort, SIDE_LABEL, STATUS_LABEL, TYPE_LABEL } from './trading-format';
import { workingOrders } from './trading-reducers';
import { useTrading } from './trading-store';

const toast = (kind: 'info' | 'success' | 'error', title: string, detail?: string): void => useToasts.getState().push({ kind, title, ...(detail ? { detail } : {}) });
const log = (level: 'info' | 'warn' | 'error', text: string): void => useActivity.getState().add(level, text);
const inst = (symbol: string) => useInstruments.getState().bySymbol.get(symbol);

function describe(o: Pick<Order, 'side' | 'qty' | 'symbol' | 'type'>): string {
  return `${SIDE_LABEL[o.side]} ${formatQtyShort(o.qty, inst(o.symbol))} ${o.symbol} ${TYPE_LABEL[o.type].toLowerCase()}`;
}

/** A rejection's order (status rejected, with its reason), so the blotter shows it at once. */
function rejectedOrder(error: ApiError): Order | null {
  const parsed = orderSchema.safeParse((error.data as { order?: unknown } | undefined)?.order);
  return parsed.success ? parsed.data : null;
}

export type PlaceOutcome = { ok: true; order: Order } | { ok: false; fields: FieldErrors | null };

/**
 * Sends an order. A rejection (broker or risk checks) is told in a toast with its reason and lands
 * in the Orders history; field errors are returned for the ticket to show next to `inlinePaths`,
 * and toasted when one of them has no field on screen (hotkeys and the palette show none).
 */
export async function placeOrder(api: ApiClient, params: OrderParams, { inlinePaths = [] }: { inlinePaths?: readonly string[] } = {}): Promise<PlaceOutcome> {
  try {
    const order = await api.call('orders.place', params);
    useTrading.getState().orderUpdate(order);
    const at = order.avgFillPrice !== null ? ` @ ${formatPriceOf(order.avgFillPrice, inst(order.symbol))}` : '';
    toast('success', `${describe(order)}: ${STATUS_LABEL[order.status].toLowerCase()}${at}`);
    log('info', `Order ${describe(order)} ${STATUS_LABEL[order.status].toLowerCase()}${at}`);
    return { ok: true, order };
  } catch (e) {
    const error = e instanceof ApiError ? e : new ApiError('INTERNAL', errorMessage(e));
    const what = describe({ side: params.side, qty: params.qty, symbol: params.symbol, type: params.type });
    if (error.code === 'BROKER_REJECTED' || error.code === 'RISK_BLOCKED') {
      const order = rejectedOrder(error);
      if (order) useTrading.getState().orderUpdate(order);
      toast('error', `${what} rejected`, error.message);
      log('error', `Order ${what} rejected: ${error.message}`);
      return { ok: false, fields: null };
    }
    const fields = fieldsOf(error);
    if (!fields || Object.keys(fields).some((p) => !inlinePaths.includes(p))) toast('error', `${what} not sent`, error.message);
    log('error', `Order ${what} not sent: ${error.message}`);
    return { ok: false, fields };
  }
}

/** The confirmation step of an order (skipped with one-click trading). */
export function confirmOrder(params: OrderParams, estValue: string | null): Promise<boolean> {
  const i = inst(params.symbol);
  const details: Array<[string, string]> = [
    ['Type', TYPE_LABEL[params.type]],
    ['Quantity', formatQty(params.qty, i)],
  ];
  if (params.price !== undefined) details.push(['Limit price', formatPriceOf(params.price, i)]);
  if (params.stopPrice !== undefined) details.push(['Stop price', formatPriceOf(params.stopPrice, i)]);
  details.push(['Time in force', params.tif ?? 'GTC']);
  if (params.bracket?.stopLoss !== undefined) details.push(['Stop loss', formatPriceOf(params.bracket.stopLoss, i)]);
  if (params.bracket?.takeProfit !== undefined) details.push(['Take profit', formatPriceOf(params.bracket.takeProfit, i)]);
  if (estValue) details.push(['Est. value', estValue]);
  const account = useTrading.getState().accounts[params.accountId];
  return askConfirm({
    title: `${SIDE_LABEL[params.side]} ${formatQtyShort(params.qty, i)} ${params.symbol}`,
    message: `Send this order to ${account?.name ?? 'the account'}?`,
    details,
    confirmLabel: `Send ${SIDE_LABEL[params.side].toLowerCase()} order`,
    tone: params.side,
  });
}

/** A market order for the active chart's symbol at the ticket's quantity (hotkeys, palette). */
export async function quickOrder(api: ApiClient, side: Side): Promise<void> {
  const symbol = activeSymbol(useChartWorkspace.getState()) ?? useTicket.getState().symbol;
  const t = useTicket.getState();
  const { accountId } = useTrading.getState();
  const order = ticketOrder({ ...t, symbol, side, type: 'market', tif: t.tif === 'DAY' ? 'GTC' : t.tif, bracket: false }, accountId, inst(symbol), useQuotes.getState().bySymbol[symbol]);
  if (!order.params) {
    const [first] = Object.values(order.errors);
    toast('error', `${SIDE_LABEL[side]} ${symbol} not sent`, first);
    return;
  }
  if (!t.oneClick && !(await confirmOrder(order.params, null))) return;
  await placeOrder(api, order.params);
}

export async function cancelOrder(api: ApiClient, order: Order): Promise<void> {
  try {
    const cancelled = await api.call('orders.cancel', { accountId: order.accountId, orderId: order.id });
    useTrading.getState().orderUpdate(cancelled);
    log('info', `Order ${describe(order)} cancelled`);
  } catch (e) {
    toast('error', `Cancel ${describe(order)} failed`, errorMessage(e));
  }
}

/** Moves a working order's limit or stop price (a trading line dragged on the chart). */
export async function moveOrder(api: ApiClient, order: Order, field: 'price' | 'stopPrice', price: number): Promise<void> {
  try {
    const updated = await api.call('orders.modify', { accountId: order.accountId, orderId: order.id, [field]: price });
    useTrading.getState().orderUpdate(updated);
  } catch (e) {
    toast('error', `Moving the ${order.symbol} order failed`, errorMessage(e));
  }
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Cancels every working order of the selected account, after asking. */
export async function cancelAllOrders(api: ApiClient): Promise<void> {
  const { accountId, orders, accounts } = useTrading.getState();
  if (!accountId) return;
  const n = workingOrders(orders).length;
  if (n === 0) return toast('info', 'No working orders to cancel');
  const ok = await askConfirm({ title: 'Cancel all orders', message: `Cancel ${plural(n, 'working order')} in ${accounts[accountId]?.name ?? 'this account'}?`, confirmLabel: 'Cancel all', tone: 'danger' });
  if (!ok) return;
  try {
    const { cancelled } = await api.call('orders.cancelAll', { accountId });
    for (const o of cancelled) useTrading.getState().orderUpdate(o);
    toast('success', `Cancelled ${plural(cancelled.length, 'order')}`);
    log('info', `Cancelled ${plural(cancelled.length, 'order')}`);
  } catch (e) {
    toast('error', 'Cancel all failed', errorMessage(e));
  }
}

/** Cancels the working orders and closes every position at market, after asking. */
export async function flattenAll(api: ApiClient): Promise<void> {
  const { accountId, orders, positions, accounts } = useTrading.getState();
  if (!accountId) return;
  const nOrders = workingOrders(orders).length;
  const nPositions = Object.keys(positions).length;
  if (nOrders === 0 && nPositions === 0) return toast('info', 'Already flat: no positions or working orders');
  const ok = await askConfirm({
    title: 'Flatten all',
    message: `Cancel ${plural(nOrders, 'working order')} and close ${plural(nPositions, 'position')} at market in ${accounts[accountId]?.name ?? 'this account'}?`,
    confirmLabel: 'Flatten all',
    tone: 'danger',
  });
  if (!ok) return;
  try {
    const res = await api.call('positions.closeAll', { accountId });
    for (const o of [...res.cancelled, ...res.closing]) useTrading.getState().orderUpdate(o);
    if (res.failed.length > 0) {
      const why = res.failed.map((f) => `${f.symbol}: ${f.reason}`).join('; ');
      toast('error', `Flatten: ${plural(res.failed.length, 'position')} not closed`, why);
      log('error', `Flatten left positions open — ${why}`);
    } else {
      toast('success', `Flattened: ${plural(res.closing.length, 'position')} closed, ${plural(res.cancelled.length, 'order')} cancelled`);
    }
  } catch (e) {
    toast('error', 'Flatten all failed', errorMessage(e));
  }
}

/** Closes one position at market (asks first unless one-click trading is on). */
export async function closePosition(api: ApiClient, symbol: string, qty: number): Promise<void> {
  const { accountId } = useTrading.getState();
  if (!accountId) return;
  if (!useTicket.getState().oneClick) {
    const ok = await askConfirm({ title: `Close ${symbol}`, message: `Close the ${formatQtyShort(Math.abs(qty), inst(symbol))} ${symbol} position at market?`, confirmLabel: 'Close position', tone: qty > 0 ? 'sell' : 'buy' });
    if (!ok) return;
  }
  try {
    const order = await api.call('positions.close', { accountId, symbol });
    useTrading.getState().orderUpdate(order);
    toast('success', `${symbol} closed`, order.avgFillPrice !== null ? `@ ${formatPriceOf(order.avgFillPrice, inst(symbol))}` : undefined);
  } catch (e) {
    if (e instanceof ApiError) {
      const order = rejectedOrder(e);
      if (order) useTrading.getState().orderUpdate(order);
    }
    toast('error', `Close ${symbol} failed`, errorMessage(e));
  }
}

/** Starts a paper account over at its starting balance, after asking. */
export async function resetAccount(api: ApiClient, account: Account): Promise<void> {
  const ok = await askConfirm({
    title: `Reset ${account.name}`,
    message: `Cancel its working orders, drop its positions and set the balance back to ${formatMoney(account.startingBalance)} ${account.currency}? Fills stay in the history.`,
    confirmLabel: 'Reset account',
    tone: 'danger',
  });
  if (!ok) return;
  try {
    const next = await api.call('accounts.reset', { accountId: account.id });
    useTrading.getState().accountUpdate(next);
    toast('success', `${account.name} reset`);
    log('info', `Account ${account.name} reset to ${formatMoney(next.balance)} ${next.currency}`);
    // Positions and orders went away inside the core: take its word for the lists.
    const [orders, positions] = await Promise.all([api.call('orders.list', { accountId: account.id, limit: 500 }), api.call('positions.list', { accountId: account.id })]);
    const { fills } = useTrading.getState();
    useTrading.getState().snapshot(account.id, { orders, positions, fills });
  } catch (e) {
    toast('error', `Reset ${account.name} failed`, errorMessage(e));
  }
}
