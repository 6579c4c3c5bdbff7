import { test as base, expect, type Locator, type Page } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startFakeBinance } from '../helpers/fake-binance/index';
import { startServe, type ServeProcess } from '../helpers/serve-process';

/** Like the shared `host` fixture, with a passphrase: the headless host encrypts API keys with it. */
const test = base.extend<{ host: { serve: ServeProcess; dataDir: string } }>({
  // Playwright reads the fixture's dependencies from this destructuring, so it must stay an object pattern.
  // eslint-disable-next-line no-empty-pattern
  host: async ({}, use) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ist-e2e-live-'));
    const serve = await startServe(['--no-build', '--port', '0', '--data-dir', dataDir, '--no-community'], { IST_PASSPHRASE: 'e2e live-account passphrase' });
    await use({ serve, dataDir });
    serve.child.kill('SIGTERM');
    await serve.exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  },
});

const SYMBOL = 'BINANCE:BTC/USDT';
const ticket = (page: Page) => page.getByTestId('order-ticket');
const tab = (page: Page, title: string) => page.locator('.dv-tab', { hasText: new RegExp(`^${title}$`) });
const row = (table: Locator, text: string) => table.getByRole('row').filter({ hasText: text });
const num = (text: string | null): number => Number((text ?? '').replace(/[^\d.]/g, ''));

/** Sends the ticket's order through the confirmation step (one-click trading is off by default). */
async function submitAndConfirm(page: Page, confirmLabel: string): Promise<void> {
  await ticket(page).getByTestId('ticket-submit').click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: confirmLabel }).click();
  await expect(dialog).toBeHidden();
}

test.describe('live account: a Binance account against the fake exchange', () => {
  test('adds the account with custom endpoints and keys, goes live, trades and cancels', async ({ page, host }) => {
    test.setTimeout(150_000);
    const fake = await startFakeBinance();
    try {
      fake.startTicking(250);
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(host.serve.url);
      await expect(page.getByTestId('connection-state')).toHaveText('Connected');

      // 1. Add account → Live exchange: Binance (first of the popular ones), custom endpoints at the fake.
      await tab(page, 'Account').click();
      await page.getByRole('button', { name: 'Add account…' }).click();
      await page.getByRole('dialog', { name: 'New paper account' }).getByRole('radio', { name: 'Live exchange' }).click();
      const create = page.getByRole('dialog', { name: 'New live account' });
      await expect(create.getByRole('option', { name: /^Binance\b/ }).first()).toHaveAttribute('aria-selected', 'true');
      await create.getByRole('textbox', { name: 'Search exchanges' }).fill('binance');
      await expect(create.getByRole('listbox', { name: 'Exchange' }).getByRole('option', { selected: true })).toHaveText(/^Binance\s*binance/);
      await create.getByLabel('Name').fill('Binance test');
      await expect(create.getByLabel('Valued in')).toHaveValue('USDT');
      await create.getByText('Advanced: custom endpoints').click();
      await create.getByLabel('REST base URL').fill(fake.restUrl);
      await create.getByLabel('WebSocket base URL').fill(fake.wsUrl);
      await page.screenshot({ path: test.info().outputPath('live-add-account.png') });
      await create.getByRole('button', { name: 'Create and add keys →' }).click();

      // 2. Keys: password inputs, tested (which stores them), cleared once the core has them.
      const keys = page.getByRole('dialog', { name: 'API keys — Binance test' });
      await expect(keys.getByTestId('keys-stored')).toHaveText('No keys stored yet');
      const apiKey = keys.getByLabel('API key');
      await expect(apiKey).toHaveAttribute('type', 'password');
      await expect(apiKey).toHaveAttribute('autocomplete', 'off');
      await apiKey.fill(fake.apiKey);
      await keys.getByLabel('Secret').fill(fake.secret);
      await keys.getByRole('button', { name: 'Test connection' }).click();
      const verdict = keys.getByTestId('test-result');
      await expect(verdict).toContainText('authenticated', { timeout: 30_000 });
      await expect(verdict).toHaveClass(/\bok\b/);
      await expect(apiKey).toHaveValue('');
      await expect(keys.getByLabel('Secret')).toHaveValue('');
      await expect(keys.getByTestId('keys-stored')).toContainText('Keys stored');
      await page.screenshot({ path: test.info().outputPath('live-keys-tested.png') });
      await keys.getByRole('button', { name: 'Done' }).click();
      await expect(keys).toBeHidden();

      // 3. The connection goes live: status bar chip and the account panel.
      const status = page.getByTestId('statusbar').locator('[data-testid^="status-connection-"]');
      await expect(status).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
      await expect(status).toContainText('Binance test live');
      await expect(page.getByTestId('account-panel-connection')).toHaveAttribute('data-state', 'live');
      await expect(page.getByTestId('live-account-strip')).toContainText('stored, encrypted');
      // Nothing secret is kept by the page.
      const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }));
      expect(stored).not.toContain(fake.secret);
      expect(stored).not.toContain(fake.apiKey);

      // 4. The exchange's instruments arrive: chart BINANCE:BTC/USDT; the ticket follows the chart.
      const paneSymbol = page.getByTestId('chart-pane-0').getByRole('textbox', { name: 'Symbol' });
      await expect
        .poll(
          async () => {
            await paneSymbol.click();
            await paneSymbol.fill('BINANCE:BTC');
            const found = await page.getByRole('listbox', { name: 'Matching symbols' }).getByRole('option', { name: new RegExp(`^${SYMBOL}`) }).count();
            await paneSymbol.press('Escape');
            return found;
          },
          { timeout: 30_000 },
        )
        .toBeGreaterThan(0);
      await paneSymbol.click();
      await paneSymbol.fill(SYMBOL);
      await paneSymbol.press('Enter');
      await expect(paneSymbol).toHaveValue(SYMBOL);
      await expect(page.getByTestId('chart-pane-0').locator('.pane-overlay')).toHaveCount(0, { timeout: 30_000 });
      await expect(ticket(page).getByRole('textbox', { name: 'Symbol', exact: true })).toHaveValue(SYMBOL);
      await expect(ticket(page).getByTestId('ticket-ask')).toHaveText(/\d/, { timeout: 30_000 });
      await expect(ticket(page).getByTestId('ticket-live-notice')).toHaveCount(0);

      // 5. A market buy fills at the exchange: the fill in Fills, the holding in Positions.
      await ticket(page).getByRole('radio', { name: /^Buy/ }).click();
      await ticket(page).getByRole('radio', { name: 'Market' }).click();
      await ticket(page).getByRole('textbox', { name: 'Quantity' }).fill('0.01');
      await submitAndConfirm(page, 'Send buy order');
      await tab(page, 'Fills').click();
      const fills = page.getByTestId('fills-table');
      await expect(row(fills, SYMBOL)).toContainText('Buy', { timeout: 20_000 });
      await expect(row(fills, SYMBOL)).toContainText('0.01000');
      await tab(page, 'Positions').click();
      await expect(row(page.getByTestId('positions-table'), SYMBOL)).toContainText('Long', { timeout: 20_000 });

      // 6. A limit far below the market works at the exchange, then × cancels it.
      await ticket(page).getByRole('radio', { name: 'Limit', exact: true }).click();
      const bid = num(await ticket(page).getByTestId('ticket-bid').textContent());
      await ticket(page).getByRole('textbox', { name: 'Limit price' }).fill(String(Math.round(bid / 2)));
      await ticket(page).getByRole('textbox', { name: 'Quantity' }).fill('0.01');
      await submitAndConfirm(page, 'Send buy order');
      await tab(page, 'Orders').click();
      const orders = page.getByTestId('orders-table');
      const limit = row(orders, SYMBOL);
      await expect(limit).toContainText('LMT');
      await expect(limit).toContainText('Working');
      await expect.poll(() => fake.orders().filter((o) => o.type === 'LIMIT' && o.status === 'NEW').length, { timeout: 10_000 }).toBe(1);
      await page.screenshot({ path: test.info().outputPath('live-working-limit.png') });
      await limit.getByRole('button', { name: `Cancel Buy ${SYMBOL} order` }).click();
      await expect(orders).toContainText('No working orders', { timeout: 20_000 });

      // 7. The exchange agrees: one filled market buy, one cancelled limit, the BTC bought.
      await expect.poll(() => fake.orders().map((o) => `${o.type} ${o.side} ${o.status}`).sort(), { timeout: 10_000 }).toEqual(['LIMIT BUY CANCELED', 'MARKET BUY FILLED']);
      expect(fake.trades().length).toBeGreaterThan(0);
      expect(fake.balances()['BTC']?.free ?? 0).toBeGreaterThan(0.5);

      // The account at a glance, and the reconciliation that ran when it connected.
      await tab(page, 'Account').click();
      const reconciled = page.getByTestId('live-account-strip').getByRole('button', { name: /after (connect|reconnect|manual)/ });
      await expect(reconciled).toBeVisible();
      await page.screenshot({ path: test.info().outputPath('live-account.png') });
      await reconciled.click();
      await expect(tab(page, 'Reconciliation')).toHaveClass(/dv-active-tab/);
      await expect(page.getByTestId('reconciliation-run').first()).toContainText(/checked \d+ orders?/);
      await expect(page.getByTestId('statusbar').getByText(/diffs?$/)).toHaveCount(0);
      await page.screenshot({ path: test.info().outputPath('live-reconciliation.png') });
      expect(errors).toEqual([]);
    } finally {
      await fake.close();
    }
  });
});
