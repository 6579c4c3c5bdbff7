import type { Page } from '@playwright/test';
import { apiUrl, RpcTestClient } from '../helpers/json-rpc-client';
import { startServe } from '../helpers/serve-process';
import { expect, test } from './fixtures';

const pane = (page: Page, i: number) => page.getByTestId(`chart-pane-${i}`);

async function setSymbol(page: Page, i: number, symbol: string): Promise<void> {
  const input = pane(page, i).getByRole('textbox', { name: 'Symbol', exact: true });
  await input.click();
  await input.fill(symbol);
  await page.getByRole('listbox', { name: 'Matching symbols' }).getByRole('option').first().waitFor();
  await input.press('Enter');
  await expect(input).toHaveValue(symbol);
}

async function currentWorkspace(port: number, token: string): Promise<unknown> {
  const client = await RpcTestClient.connect(apiUrl(port, token));
  try {
    return (await client.request('workspace.current')).result;
  } finally {
    await client.close();
  }
}

test.describe('charts and workspaces', () => {
  // The simulated community's first-start backfill (seconds of CPU) is social.spec.ts's subject;
  // here it would only compete with the page on a 2-core machine.
  test.use({ serveArgs: ['--no-community'] });
  test('a 4-pane workspace with symbols, timeframes, RSI, Bollinger Bands and sync comes back exactly after a restart', async ({ page, host }) => {
    await page.goto(host.serve.url);
    await expect(pane(page, 0).getByTestId('legend-0')).toContainText('O');

    await page.locator('button[title="4 charts"]').click();
    await expect(page.getByTestId('chart-grid')).toHaveAttribute('data-layout', '4');
    await expect(page.locator('[data-testid^="chart-pane-"]')).toHaveCount(4);

    await setSymbol(page, 1, 'SOL/USDT');
    await setSymbol(page, 3, 'NVDA');
    await pane(page, 0).getByRole('button', { name: '1h', exact: true }).click();
    await pane(page, 1).getByRole('button', { name: '5m', exact: true }).click();
    await pane(page, 2).click();
    await page.keyboard.press('Alt+6'); // 1D on the active pane
    await expect(pane(page, 2).getByRole('button', { name: '1D', exact: true })).toHaveAttribute('aria-pressed', 'true');

    await pane(page, 0).getByRole('button', { name: 'Indicators' }).click();
    const menu = page.getByRole('dialog', { name: 'Indicators' });
    await menu.getByRole('button', { name: 'RSI' }).click();
    await menu.getByRole('button', { name: 'Bollinger Bands' }).click();
    await expect(menu).toContainText('RSI 14');
    await expect(menu).toContainText('BB 20 2');
    await pane(page, 0).getByRole('button', { name: 'Indicators' }).click();

    await page.getByRole('checkbox', { name: 'Sync time range' }).check();
    await expect(page.getByRole('checkbox', { name: 'Sync crosshair' })).toBeChecked();
    await expect(pane(page, 3).getByTestId('legend-3')).toContainText('O');
    await page.screenshot({ path: test.info().outputPath('charts-4-pane.png') });

    const expected = {
      layout: '4',
      panes: [
        { symbol: 'BTC/USDT', timeframe: '1h', indicators: [{ kind: 'volume' }, { kind: 'ema', period: 50 }, { kind: 'rsi', period: 14 }, { kind: 'bollinger', period: 20, stdDev: 2 }] },
        { symbol: 'SOL/USDT', timeframe: '5m' },
        { symbol: 'AAPL', timeframe: '1D' },
        { symbol: 'NVDA', timeframe: '15m' },
      ],
      sync: { symbol: false, timeframe: false, crosshair: true, timeRange: true },
    };
    // The workspace is saved as it changes; wait for the core to have it.
    await expect.poll(() => currentWorkspace(host.serve.port, host.serve.token), { timeout: 10_000 }).toMatchObject(expected);
    const before = await currentWorkspace(host.serve.port, host.serve.token);

    host.serve.child.kill('SIGTERM');
    await host.serve.exited;
    const again = await startServe(['--no-build', '--port', String(host.serve.port), '--data-dir', host.dataDir]);
    try {
      await page.goto(again.url);
      await expect(page.getByTestId('chart-grid')).toHaveAttribute('data-layout', '4');
      await expect(pane(page, 1).getByRole('textbox', { name: 'Symbol', exact: true })).toHaveValue('SOL/USDT');
      await expect(pane(page, 3).getByRole('textbox', { name: 'Symbol', exact: true })).toHaveValue('NVDA');
      await expect(pane(page, 0).getByRole('button', { name: '1h', exact: true })).toHaveAttribute('aria-pressed', 'true');
      await expect(pane(page, 2).getByRole('button', { name: '1D', exact: true })).toHaveAttribute('aria-pressed', 'true');
      await expect(pane(page, 0).getByRole('button', { name: 'Indicators' })).toHaveText(/4/);
      await expect(page.getByRole('checkbox', { name: 'Sync time range' })).toBeChecked();
      await expect(pane(page, 0).getByTestId('legend-0')).toContainText('O');
      await page.screenshot({ path: test.info().outputPath('charts-4-pane-restored.png') });
      expect(await currentWorkspace(again.port, again.token)).toEqual(before);
    } finally {
      again.child.kill('SIGTERM');
      await again.exited;
    }
  });

  test('the watchlist shows live prices and charts the chosen symbol with the keyboard', async ({ page, host }) => {
    await page.goto(host.serve.url);
    // A new profile shows the Feed in front of the watchlist.
    await page.locator('.dv-tab', { hasText: /^Watchlist$/ }).click();
    const watchlist = page.getByTestId('watchlist');
    await expect(watchlist.getByRole('row').filter({ hasText: 'BTC/USDT' })).toContainText(/\d/);
    await watchlist.focus();
    await page.keyboard.press('ArrowDown'); // ETH/USDT
    await page.keyboard.press('Enter');
    await expect(pane(page, 0).getByRole('textbox', { name: 'Symbol', exact: true })).toHaveValue('ETH/USDT');
    await page.screenshot({ path: test.info().outputPath('watchlist.png') });
  });
});
