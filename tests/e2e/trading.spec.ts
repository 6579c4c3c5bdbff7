import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

const ticket = (page: Page) => page.getByTestId('order-ticket');
const tab = (page: Page, title: string) => page.locator('.dv-tab', { hasText: new RegExp(`^${title}$`) });
const num = (text: string | null): number => Number((text ?? '').replace(/[^\d.]/g, ''));

/** Sends the ticket's order through the confirmation step (one-click trading is off by default). */
async function submitAndConfirm(page: Page, confirmLabel: RegExp | string): Promise<void> {
  await ticket(page).getByTestId('ticket-submit').click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: confirmLabel }).click();
  await expect(dialog).toBeHidden();
}

async function setQty(page: Page, qty: string): Promise<void> {
  const input = ticket(page).getByRole('textbox', { name: 'Quantity' });
  await input.fill(qty);
}

const row = (table: Locator, text: string) => table.getByRole('row').filter({ hasText: text });

test.describe('trading: order ticket and blotters against the paper broker', () => {
  // The simulated community's first-start backfill (seconds of CPU) is social.spec.ts's subject;
  // here it would only compete with the page on a 2-core machine.
  test.use({ serveArgs: ['--no-community'] });
  test('buys at market, works and cancels a limit, shows a rejection, flattens', async ({ page, host }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(host.serve.url);
    await expect(page.getByTestId('connection-state')).toHaveText('Connected');
    // A new profile shows the Leaderboard in front of the blotters.
    await tab(page, 'Positions').click();

    // The ticket follows the active chart (BTC/USDT) and shows its live quote and the account's money.
    await expect(ticket(page).getByRole('textbox', { name: 'Symbol', exact: true })).toHaveValue('BTC/USDT');
    await expect(ticket(page).getByTestId('ticket-ask')).toHaveText(/\d/);
    await expect(ticket(page).getByTestId('ticket-buying-power')).toContainText('200,000.00 USD');

    // 1. Market buy from the ticket → a position with live P&L, and its fill.
    await ticket(page).getByRole('radio', { name: /^Buy/ }).click();
    await ticket(page).getByRole('radio', { name: 'Market' }).click();
    await setQty(page, '0.5');
    await expect(ticket(page).getByTestId('ticket-submit')).toHaveText('Buy 0.5 BTC/USDT MKT');
    await expect(ticket(page).getByTestId('ticket-fee')).toHaveText(/^\d+\.\d\d USD$/);
    // From the keyboard: Enter in the ticket asks, and only a second Enter sends.
    await ticket(page).getByRole('textbox', { name: 'Quantity' }).press('Enter');
    const confirm = page.getByRole('alertdialog', { name: 'Buy 0.5 BTC/USDT' });
    await expect(confirm).toBeVisible();
    await expect(confirm).toContainText('Send this order to Paper?');
    await expect(page.getByTestId('positions-table')).toContainText('No open positions');
    await page.screenshot({ path: test.info().outputPath('trading-confirm-market.png') });
    await page.keyboard.press('Enter');
    await expect(confirm).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: 'Buy 0.5 BTC/USDT market: filled' })).toBeVisible();

    const positions = page.getByTestId('positions-table');
    const btc = row(positions, 'BTC/USDT');
    await expect(btc).toContainText('Long');
    await expect(btc).toContainText('0.50000');
    const pnl = btc.getByRole('gridcell').nth(5);
    await expect(pnl).toHaveText(/^([+−]?[\d,]+\.\d\d)$/);
    // Marked live: the mark moves with the market (coalesced position updates).
    const mark = btc.getByRole('gridcell').nth(4);
    const firstMark = await mark.textContent();
    await expect.poll(() => mark.textContent(), { timeout: 20_000 }).not.toBe(firstMark);

    await tab(page, 'Fills').click();
    const fills = page.getByTestId('fills-table');
    await expect(row(fills, 'BTC/USDT')).toContainText('Buy');
    await expect(row(fills, 'BTC/USDT')).toContainText('0.50000');
    await expect(row(fills, 'BTC/USDT')).toContainText('Taker');

    // 2. A limit far below the market works in Orders.
    await ticket(page).getByRole('radio', { name: 'Limit', exact: true }).click();
    const bid = num(await ticket(page).getByTestId('ticket-bid').textContent());
    const far = String(Math.round(bid / 2));
    await ticket(page).getByRole('textbox', { name: 'Limit price' }).fill(far);
    await setQty(page, '0.1');
    await submitAndConfirm(page, 'Send buy order');
    await tab(page, 'Orders').click();
    const orders = page.getByTestId('orders-table');
    const limit = row(orders, 'BTC/USDT');
    await expect(limit).toContainText('LMT');
    await expect(limit).toContainText('Working');

    await page.screenshot({ path: test.info().outputPath('trading-dark.png') });
    await tab(page, 'Positions').click();
    await page.getByTestId('theme-toggle').click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await page.screenshot({ path: test.info().outputPath('trading-light.png') });
    await page.getByTestId('theme-toggle').click();
    await tab(page, 'Orders').click();

    // … and × cancels it.
    await limit.getByRole('button', { name: /^Cancel Buy BTC\/USDT order$/ }).click();
    await expect(orders.getByRole('row').filter({ hasText: 'BTC/USDT' })).toHaveCount(0);
    await expect(orders).toContainText('No working orders');

    // A price off the tick grid comes back from the core as a field error, shown next to the field.
    await ticket(page).getByRole('textbox', { name: 'Limit price' }).fill(`${far}.05`);
    await ticket(page).getByTestId('ticket-submit').click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Send buy order' }).click();
    await expect(ticket(page).locator('#tk-price-error')).toContainText('tick size 0.1');

    // 3. Too large for the buying power: rejected, with the reason in a toast and on the row.
    await ticket(page).getByRole('radio', { name: 'Market' }).click();
    await setQty(page, '100');
    await submitAndConfirm(page, 'Send buy order');
    const rejection = page.getByRole('alert').filter({ hasText: 'rejected' });
    await expect(rejection).toContainText('Buy 100 BTC/USDT market rejected');
    await expect(rejection).toContainText('Insufficient buying power');
    await page.getByRole('button', { name: 'History' }).click();
    const rejected = page.getByTestId('orders-table').getByRole('row').filter({ hasText: 'Rejected' });
    await expect(rejected).toHaveCount(1);
    await expect(rejected).toContainText('Insufficient buying power');
    await page.screenshot({ path: test.info().outputPath('trading-rejected.png') });
    await rejection.getByRole('button', { name: 'Dismiss notification' }).click();

    // The buy hotkey asks first (one-click trading is off): the active chart's symbol, the ticket's quantity.
    await setQty(page, '0.2');
    await tab(page, 'Positions').click();
    await page.getByTestId('positions-table').focus();
    await page.keyboard.press('Shift+B');
    const hotkeyDialog = page.getByRole('alertdialog', { name: 'Buy 0.2 BTC/USDT' });
    await expect(hotkeyDialog).toBeVisible();
    await hotkeyDialog.getByRole('button', { name: 'Send buy order' }).click();
    await expect(row(page.getByTestId('positions-table'), 'BTC/USDT')).toContainText('0.70000');

    // 4. Flatten all, after confirming → no positions.
    await page.getByRole('button', { name: 'Flatten all' }).first().click();
    const flatten = page.getByRole('alertdialog', { name: 'Flatten all' });
    await expect(flatten).toContainText('close 1 position');
    await flatten.getByRole('button', { name: 'Flatten all' }).click();
    await expect(page.getByTestId('positions-table')).toContainText('No open positions');
    await expect(page.getByTestId('positions-table').getByRole('row').filter({ hasText: 'BTC/USDT' })).toHaveCount(0);
    expect(errors).toEqual([]);
  });

  test('creates a paper account from the palette and keeps it selected after a reload', async ({ page, host }) => {
    await page.goto(host.serve.url);
    await expect(page.getByTestId('connection-state')).toHaveText('Connected');
    await page.keyboard.press('Control+K');
    await page.keyboard.type('new paper account');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'New paper account' });
    await dialog.getByLabel('Name').fill('Cash EUR');
    await dialog.getByLabel('Currency').selectOption('EUR');
    await dialog.getByLabel('Balance').fill('25000');
    await dialog.getByRole('radio', { name: 'Cash' }).click();
    await dialog.getByRole('button', { name: 'Create account' }).click();
    await expect(dialog).toBeHidden();
    await tab(page, 'Account').click();
    await expect(page.getByTestId('account-balance')).toHaveText('25,000.00');
    await page.screenshot({ path: test.info().outputPath('trading-account.png') });
    await page.reload();
    await tab(page, 'Account').click();
    await expect(page.getByTestId('account-balance')).toHaveText('25,000.00');
    await expect(ticket(page).getByRole('combobox', { name: 'Account' })).toHaveValue(/.+/);
    await expect(ticket(page).getByTestId('ticket-buying-power')).toContainText('EUR');
  });

  test('a stop-limit with a bracket shows its risk/reward, and a rebound hotkey persists', async ({ page, host }) => {
    await page.goto(host.serve.url);
    await expect(page.getByTestId('connection-state')).toHaveText('Connected');
    await expect(ticket(page).getByTestId('ticket-ask')).toHaveText(/\d/);
    await ticket(page).getByRole('radio', { name: 'Stop limit' }).click();
    await expect(ticket(page).getByRole('textbox', { name: 'Stop price' })).toHaveValue(/^\d+\.\d$/);
    const stop = ticket(page).getByRole('textbox', { name: 'Stop price' });
    const before = Number(await stop.inputValue());
    await stop.press('ArrowUp');
    await expect(stop).toHaveValue((before + 0.1).toFixed(1));
    await ticket(page).getByRole('checkbox', { name: 'SL / TP' }).check();
    await expect(ticket(page).getByTestId('ticket-rr')).toContainText('1 : 2.0');
    await ticket(page).getByRole('radio', { name: /^Sell/ }).click();
    await expect(ticket(page).getByTestId('ticket-rr')).toContainText('1 : 2.0');
    // Sized by value: 1,000 USDT in BTC at the stop, rounded down to the lot.
    await ticket(page).getByRole('radio', { name: 'USDT' }).click();
    await ticket(page).getByRole('textbox', { name: 'Amount in USDT' }).fill('1000');
    await expect(ticket(page).getByTestId('ticket-units')).toHaveText(/^= 0\.0\d{4} BTC\/USDT/);
    await ticket(page).getByRole('radio', { name: 'Units' }).click();
    await setQty(page, '0.25');
    await ticket(page).getByTestId('ticket-submit').click();
    await expect(page.getByRole('alertdialog')).toContainText('Take profit');
    await page.screenshot({ path: test.info().outputPath('trading-confirm.png') });
    await page.keyboard.press('Escape');
    await expect(page.getByRole('alertdialog')).toBeHidden();

    await tab(page, 'Keyboard').click();
    await expect(page.getByTestId('hotkey-buyMarket')).toHaveText('Shift B');
    await page.getByRole('button', { name: /^Change hotkey: Buy at market/ }).click();
    await page.keyboard.press('Control+K');
    await expect(page.getByText('Ctrl K is already used by the app')).toBeVisible();
    await page.keyboard.press('Alt+Shift+U');
    await expect(page.getByTestId('hotkey-buyMarket')).toHaveText('Alt Shift U');
    await page.screenshot({ path: test.info().outputPath('trading-hotkeys.png') });
    await page.reload();
    await tab(page, 'Keyboard').click();
    await expect(page.getByTestId('hotkey-buyMarket')).toHaveText('Alt Shift U');
    await page.keyboard.press('Control+K');
    await page.keyboard.type('buy at market');
    await expect(page.getByRole('option', { name: /Buy at market/ })).toContainText('Alt Shift U');
  });
});
