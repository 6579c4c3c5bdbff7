import { expect, test } from 'vitest';
import { gridRounder } from '../../../src/shared/numbers/steps';
import { applyFillToLots } from '../../../src/shared/trading/fifo-lots';
import type { Account } from '../../../src/shared/trading/account';
import type { Fill } from '../../../src/shared/trading/fill';
import type { Order } from '../../../src/shared/trading/order';
import type { Lot } from '../../../src/shared/trading/position';
import { apiUrl, RpcTestClient } from '../../helpers/json-rpc-client';
import { startServe } from '../../helpers/serve-process';
import { tempDir } from '../../helpers/temp-dir';

const BTC = 'BTC/USDT';
const LOT = gridRounder(0.00001);

async function result<T>(client: RpcTestClient, method: string, params: unknown): Promise<T> {
  const m = await client.request(method, params);
  if (m.error) throw new Error(`${method}: ${m.error.message}`);
  return m.result as T;
}

test('SIGKILL in the middle of a burst of orders: every acknowledged order survives, and the books still add up', { timeout: 90_000 }, async () => {
  const dataDir = tempDir();
  const first = await startServe(['--no-build', '--port', '0', '--data-dir', dataDir]);
  const acknowledged = new Map<string, Order>();
  let accountId: string;
  try {
    const client = await RpcTestClient.connect(apiUrl(first.port, first.token));
    accountId = (await result<Account[]>(client, 'accounts.list', {}))[0]!.id;
    // Warm: the symbol is live and a working limit rests far below the market.
    const resting = await result<Order>(client, 'orders.place', { accountId, clientOrderId: 'rest-1', symbol: BTC, side: 'buy', type: 'limit', qty: 0.01, price: 1000 });
    acknowledged.set(resting.clientOrderId, resting);
    // A stream of market orders; the kill lands while many are in flight.
    const inFlight: Array<Promise<unknown>> = [];
    for (let i = 0; i < 400; i++) {
      const clientOrderId = `burst-${i}`;
      inFlight.push(
        client.request('orders.place', { accountId, clientOrderId, symbol: BTC, side: i % 3 === 0 ? 'sell' : 'buy', type: 'market', qty: 0.001 }).then((m) => {
          if (m.result) acknowledged.set(clientOrderId, m.result as Order);
        }),
      );
      if (i === 200) {
        await inFlight[100];
        first.child.kill('SIGKILL');
      }
    }
    await Promise.allSettled(inFlight);
    await first.exited;
  } finally {
    if (first.child.exitCode === null && first.child.signalCode === null) first.child.kill('SIGKILL');
  }
  expect(acknowledged.size).toBeGreaterThan(50);
  expect(acknowledged.size).toBeLessThan(401); // the kill did cut the burst short

  const second = await startServe(['--no-build', '--port', '0', '--data-dir', dataDir]);
  try {
    const client = await RpcTestClient.connect(apiUrl(second.port, second.token));
    const orders = await result<Order[]>(client, 'orders.list', { accountId, limit: 5000 });
    const fills: Fill[] = [];
    for (let cursor: string | null | undefined; cursor !== null; ) {
      const page = await result<{ fills: Fill[]; nextCursor: string | null }>(client, 'fills.list', { accountId, limit: 100, ...(cursor ? { cursor } : {}) });
      fills.push(...page.fills);
      cursor = page.nextCursor;
    }
    const byClientId = new Map(orders.map((o) => [o.clientOrderId, o]));
    // Acknowledged means stored: each is back, as it was (market orders are final when answered).
    for (const [clientOrderId, acked] of acknowledged) expect(byClientId.get(clientOrderId), clientOrderId).toEqual(acked);
    // The resting limit is still working after the restart.
    expect(byClientId.get('rest-1')!.status).toBe('new');
    // Every fill belongs to a stored order and accounts for its filled quantity.
    const filled = new Map<string, number>();
    for (const f of fills) {
      expect(orders.some((o) => o.id === f.orderId)).toBe(true);
      filled.set(f.orderId, LOT((filled.get(f.orderId) ?? 0) + f.qty));
    }
    for (const o of orders) expect(o.filledQty).toBeCloseTo(filled.get(o.id) ?? 0, 9);
    expect(fills.map((f) => f.seq)).toEqual(fills.map((_, i) => i + 1));
    // The position and the cash are exactly what the stored fills say.
    let lots: Lot[] = [];
    let cash = 100_000;
    for (const f of fills) {
      lots = applyFillToLots(lots, { qty: (f.side === 'buy' ? 1 : -1) * f.qty, price: f.price, fxRate: f.fxRate, time: f.time }, LOT).lots;
      cash -= (f.side === 'buy' ? 1 : -1) * f.qty * f.price * f.fxRate + f.fee;
    }
    const positions = await result<Array<{ symbol: string; qty: number }>>(client, 'positions.list', { accountId });
    const qty = LOT(lots.reduce((s, l) => s + l.qty, 0));
    expect(positions).toEqual(qty === 0 ? [] : [expect.objectContaining({ symbol: BTC, qty })]);
    const account = (await result<Account[]>(client, 'accounts.list', {}))[0]!;
    expect(account.balance).toBeCloseTo(cash, 6);
    await client.close();
  } finally {
    second.child.kill('SIGTERM');
    await second.exited;
  }
});
