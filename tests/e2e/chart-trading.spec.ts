import { apiUrl, RpcTestClient } from '../helpers/json-rpc-client';
import { expect, test } from './fixtures';

interface OrderLike {
  id: string;
  status: string;
  price: number | null;
}

test.describe('trading from the chart', () => {
  // The simulated community's first-start backfill (seconds of CPU) is social.spec.ts's subject;
  // here it would only compete with the page on a 2-core machine.
  test.use({ serveArgs: ['--no-community'] });
  test('a working order is a line: drag it to move the order, × to cancel it; the pane buys and shows the position', async ({ page, host }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const rpc = await RpcTestClient.connect(apiUrl(host.serve.port, host.serve.token));
    const accountId = ((await rpc.request('accounts.list', {})).result as Array<{ id: string }>)[0]!.id;
    await page.goto(host.serve.url);
    await expect(page.getByTestId('connection-state')).toHaveText('Connected');
    const pane = page.getByTestId('chart-pane-0');
    await expect(pane).toHaveAttribute('aria-label', /BTC\/USDT/);
    await expect(pane.locator('.chart-canvas canvas').first()).toBeVisible();

    // A buy limit under the market, placed through the API, appears on the chart as a line. Its
    // price is within the last day's 15m range, so the line is inside the price pane (one far
    // below would sit on the pane's edge, its handle half under the volume pane).
    const day = (await rpc.request('market.bars', { symbol: 'BTC/USDT', timeframe: '15m', limit: 96 })).result as Array<{ low: number; close: number }>;
    const last = day.at(-1)!.close;
    const low = Math.min(...day.map((b) => b.low));
    const price = Math.round(Math.min(Math.max(low, last * 0.98), last * 0.995) * 10) / 10;
    const placed = (await rpc.request('orders.place', { accountId, symbol: 'BTC/USDT', side: 'buy', type: 'limit', qty: 0.1, price })).result as OrderLike;
    const line = pane.locator(`[data-line="${placed.id}:limit"]`);
    await expect(line).toContainText('Buy LMT 0.1');
    const grip = line.getByRole('slider');
    await expect(grip).toHaveAttribute('aria-valuenow', String(price));

    // Drag the handle 40 px up: the order is modified to the price under the pointer.
    const box = (await grip.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 - 20, { steps: 4 });
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 - 40, { steps: 4 });
    await page.mouse.up();
    await expect.poll(async () => ((await rpc.request('orders.list', { accountId, status: 'working' })).result as OrderLike[])[0]?.price).toBeGreaterThan(price);
    const moved = ((await rpc.request('orders.list', { accountId, status: 'working' })).result as OrderLike[])[0]!;
    await expect(grip).toHaveAttribute('aria-valuenow', String(moved.price));

    // ↑ on the focused handle moves it one tick.
    await grip.focus();
    await page.keyboard.press('ArrowUp');
    await expect(grip).toHaveAttribute('aria-valuenow', String(Math.round((moved.price! + 0.1) * 10) / 10));
    await page.screenshot({ path: test.info().outputPath('chart-trading-order-line.png') });

    // × cancels it and the line goes.
    await line.getByRole('button', { name: /^Cancel/ }).click();
    await expect(line).toHaveCount(0);
    expect(((await rpc.request('orders.list', { accountId, status: 'working' })).result as OrderLike[]).length).toBe(0);

    // The pane's Buy (one-click off: it asks first) opens a position, drawn at its entry with P&L.
    await pane.getByRole('button', { name: 'Buy BTC/USDT at market' }).click();
    const confirm = page.getByRole('alertdialog');
    await confirm.getByRole('button', { name: /Send buy order/ }).click();
    const positionLine = pane.locator('[data-line="position:BTC/USDT"]');
    await expect(positionLine).toContainText('Long');
    await expect(positionLine.locator('.trade-line-pnl')).toHaveText(/\d/);
    await page.screenshot({ path: test.info().outputPath('chart-trading-position.png') });

    // × on the position closes it (after asking).
    await positionLine.getByRole('button', { name: 'Close the BTC/USDT position' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Close position' }).click();
    await expect(positionLine).toHaveCount(0);
    expect((await rpc.request('positions.list', { accountId })).result).toEqual([]);
    await rpc.close();
    expect(errors).toEqual([]);
  });
});
