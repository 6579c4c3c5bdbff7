import type { Locator, Page } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startHub, type Hub, type LocalHubClient } from '../../src/hub';
import type { FillBody, StrategyEvent } from '../../src/shared/social/strategy-event';
import { createParams, DAY, StreamWriter, trackRecord } from '../integration/hub/stream-fixtures';
import { expect, test as base } from './fixtures';

const SCREENSHOTS = 'docs/screenshots';
const BTC = 'BTC/USDT';
const ALLOCATION = 10_000;

/** The test is the leader: a real hub with one strategy, a ranked track record and a live stream. */
interface Leader {
  hub: Hub;
  client: LocalHubClient;
  name: string;
  /** The leader's equity after its track record (every live fill reports it). */
  equity: number;
  /** Signs and publishes a live fill (ts = now) with the position it leaves. */
  fill(side: 'buy' | 'sell', qty: number, price: number): Promise<StrategyEvent>;
}

const test = base.extend<{ leader: Leader }>({
  // Playwright reads the fixture's dependencies from this destructuring, so it must stay an object pattern.
  // eslint-disable-next-line no-empty-pattern
  leader: async ({}, use) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ist-e2e-hub-'));
    const hub = await startHub({ dataDir: dir, port: 0 });
    const client = hub.local();
    const name = 'E2E Momentum';
    await client.call('auth.signUp', { username: 'e2e_leader', password: 'correct horse battery' });
    const writer = new StreamWriter();
    await client.call('strategies.create', createParams(writer.key, 'e2e_leader', name));
    // 60 days up to yesterday, 12 round trips: ranked (≥ 30 days, ≥ 10 trips); import takes old timestamps.
    const start = Math.floor(Date.now() / DAY) * DAY - 61 * DAY;
    // Marks that follow the trips, so a copy of the fills can match the leader's curve.
    const history = trackRecord(writer, { start, days: 60, trips: 12, marksFollowTrips: true });
    await hub.importEvents(history);
    await hub.settled();
    const last = history.at(-1)!.body;
    const equity = last.type === 'mark' ? last.equity : 10_000;
    let position = 0;
    const fill = async (side: 'buy' | 'sell', qty: number, price: number): Promise<StrategyEvent> => {
      position = Number((position + (side === 'buy' ? qty : -qty)).toFixed(8));
      const time = Date.now();
      const body: FillBody = { type: 'fill', fillId: `live-${writer.events.length + 1}`, symbol: BTC, assetClass: 'crypto', side, qty, price, fee: 0, fxRate: 1, lotStep: 0.001, time, positionQty: position, equity };
      const event = writer.next(body, time);
      await client.call('strategies.publish', { events: [event] });
      return event;
    };
    await use({ hub, client, name, equity, fill });
    client.close();
    await hub.close();
    fs.rmSync(dir, { recursive: true, force: true });
  },
  // The app talks to the test's hub, without a simulated community of its own.
  serveArgs: async ({ leader }, use) => use(['--hub-url', leader.hub.url, '--no-community']),
});

const tab = (page: Page, title: string) => page.locator('.dv-tab', { hasText: new RegExp(`^${title}$`) });
const num = (text: string | null): number => Number((text ?? '').replace(/,/g, '').replace('−', '-'));
const positionRow = (page: Page): Locator => page.getByTestId('positions-table').getByRole('row').filter({ hasText: BTC });

test.describe('copy trading', () => {
  test('copies a leader from its profile after a what-if: copied, paused, reconciled, edited, stopped with its positions closed', async ({ page, host, leader }) => {
    test.setTimeout(180_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(host.serve.url);
    await expect(page.getByTestId('connection-state')).toHaveText('Connected', { timeout: 30_000 });
    await expect(page.getByTestId('hub-status')).toHaveAttribute('data-state', 'online', { timeout: 30_000 });

    // The leaderboard ranks the leader; its profile opens from the row.
    const board = page.getByTestId('leaderboard-table');
    const row = board.getByRole('row').filter({ hasText: leader.name });
    await expect(row).toBeVisible({ timeout: 30_000 });
    await expect(row.getByRole('button', { name: `Copy ${leader.name}` })).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('leaderboard-copy.png') });
    // C on the selected row opens the copy dialog; Esc closes it.
    await board.focus();
    await page.keyboard.press('c');
    await expect(page.getByTestId('copy-dialog').getByRole('heading', { level: 2 })).toHaveText(`Copy “${leader.name}”`);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('copy-dialog')).toBeHidden();
    await row.dblclick();
    const profile = page.getByTestId('strategy-panel');
    await expect(profile.getByRole('heading', { level: 2 })).toContainText(leader.name, { timeout: 30_000 });
    await expect(profile.getByTestId('verification')).toHaveAttribute('data-state', 'verified', { timeout: 30_000 });

    // Copy… opens the dialog on the paper account, advanced guards folded away.
    await profile.getByRole('button', { name: 'Copy…' }).click();
    const dialog = page.getByTestId('copy-dialog');
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('heading', { level: 2 })).toHaveText(`Copy “${leader.name}”`);
    await expect(dialog.getByLabel('Account')).toContainText('Paper · free 100,000.00 USD');
    await expect(dialog.getByRole('radio', { name: 'Proportional' })).toHaveAttribute('aria-checked', 'true');
    await expect(dialog.getByLabel('Copy stop-loss')).toHaveValue('60');
    await expect(dialog.getByRole('button', { name: /Advanced guards/ })).toHaveAttribute('aria-expanded', 'false');

    // More than the account has free: the core's field error lands next to the allocation, nothing is lost.
    await dialog.getByLabel('Allocation', { exact: true }).fill('1000000');
    await dialog.getByRole('button', { name: 'Start copying' }).click();
    await expect(dialog.locator('#copy-allocation-error')).toContainText('above the account’s free equity');
    await expect(dialog.getByLabel('Allocation', { exact: true })).toHaveValue('1000000');
    await dialog.getByLabel('Allocation', { exact: true }).fill(String(ALLOCATION));
    await expect(dialog.getByTestId('copy-allocation-hint')).toContainText('10.0 % of equity');

    // A symbol map to an instrument the account does not have: the core's error sits beside that row.
    await dialog.getByRole('button', { name: /Advanced guards/ }).click();
    await dialog.getByRole('button', { name: '+ Add mapping' }).click();
    await dialog.getByLabel('Leader’s symbol 1').fill('BTC-USD');
    await dialog.getByLabel('My symbol 1').fill('NOPE/USDT');
    await expect(dialog.getByRole('button', { name: /Advanced guards/ })).toContainText('1 set');
    await dialog.getByRole('button', { name: 'Run what-if' }).click();
    await expect(dialog.getByRole('group', { name: 'Symbol map' }).getByRole('alert')).toContainText('there is no instrument NOPE/USDT');
    await expect(dialog.getByTestId('copy-whatif')).toHaveAttribute('data-state', 'error');
    await page.screenshot({ path: test.info().outputPath('copy-dialog-advanced.png') });
    await dialog.getByRole('button', { name: 'Remove mapping 1' }).click();
    await dialog.getByRole('button', { name: /Advanced guards/ }).click();

    // What-if over 3 months: my curve beside the leader's and the figures side by side.
    await dialog.getByRole('radio', { name: '3M' }).click();
    await dialog.getByRole('button', { name: 'Run what-if' }).click();
    const whatIf = dialog.getByTestId('copy-whatif');
    await expect(whatIf).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
    await expect.poll(async () => Number(await whatIf.getByTestId('equity-chart').getAttribute('data-points'))).toBeGreaterThan(30);
    await expect(whatIf.getByTestId('equity-chart').locator('canvas').first()).toBeVisible();
    await expect(whatIf.getByTestId('equity-chart')).toContainText('Leader');
    const stats = whatIf.getByRole('table', { name: 'What-if statistics' });
    for (const label of ['Return', 'CAGR', 'Max drawdown', 'Sharpe', 'Risk score', 'Trades']) await expect(stats.getByRole('row', { name: new RegExp(`^${label}`) })).toBeVisible();
    await expect(stats.getByRole('row', { name: /^Return/ }).getByRole('cell').first()).toHaveText(/^[+−][\d,.]+%$/);
    await expect(stats.getByRole('row', { name: /^Trades/ }).getByRole('cell').nth(1)).toHaveText(/^\d+$/);
    await expect(whatIf.getByTestId('whatif-counts')).toHaveText(/\d+ copied · \d+ skipped/);
    await page.screenshot({ path: `${SCREENSHOTS}/copy-dialog.png` });

    // Copy proportionally: the Copy panel opens on the new follow.
    await dialog.getByRole('button', { name: 'Start copying' }).click();
    await expect(dialog).toBeHidden();
    const panel = page.getByTestId('copy-panel');
    await expect(panel).toBeVisible();
    const follow = panel.getByTestId('copy-follows').getByRole('row').filter({ hasText: leader.name });
    await expect(follow).toContainText('Active');
    await expect(follow).toContainText('10,000.00');
    await expect(panel.getByTestId('copy-log')).toContainText('No signal yet');

    // The leader buys at about the market price: the signal is logged as copied, with my order filled.
    const price = Math.round(num(await page.getByTestId('ticket-ask').textContent()));
    await leader.fill('buy', 0.1, price);
    const log = panel.getByTestId('copy-log');
    const copied = log.getByRole('row').filter({ hasText: 'Copied' });
    await expect(copied).toContainText(`Buy 0.1 BTC/USDT @ ${price.toLocaleString('en-US', { minimumFractionDigits: 1 })}`, { timeout: 30_000 });
    await expect(copied).toContainText(/Buy [\d.]+ · Filled @ [\d,.]+/);
    await expect(follow).toContainText('Active');
    await page.screenshot({ path: `${SCREENSHOTS}/copy-panel.png` });

    // The position has the proportional size: the leader put 0.1 × 65,000 of its equity in, I put the same share of my allocation.
    await tab(page, 'Positions').click();
    await expect(positionRow(page)).toContainText('Long');
    const qty = num(await positionRow(page).getByRole('gridcell').nth(2).textContent());
    const avg = num(await positionRow(page).getByRole('gridcell').nth(3).textContent());
    const expected = (((0.1 * price) / leader.equity) * ALLOCATION) / avg;
    expect(Math.abs(qty - expected)).toBeLessThan(expected * 0.005 + 0.00001);
    await tab(page, 'Copy').click();

    // Paused: the next leader trade is logged as skipped, and nothing is sent.
    await follow.getByRole('button', { name: `Pause copying ${leader.name}` }).click();
    await expect(follow).toContainText('Paused');
    await leader.fill('sell', 0.05, price);
    const skipped = log.getByRole('row').filter({ hasText: 'Skipped' });
    await expect(skipped).toContainText('Sell 0.05 BTC/USDT', { timeout: 30_000 });
    await expect(skipped).toContainText('Paused');

    // Reconcile: the skipped sell left the copy holding twice its share of the leader's position — drift, with the order that fixes it.
    await panel.getByRole('tab', { name: 'Reconcile' }).click();
    const reconcile = panel.getByTestId('copy-reconcile');
    const drift = reconcile.getByRole('row').filter({ hasText: 'Drift' });
    await expect(drift).toContainText(/Sell 0\.04\d+/);
    // The light theme re-colours the panel.
    await page.getByTestId('theme-toggle').click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await page.screenshot({ path: `${SCREENSHOTS}/copy-panel-light.png` });
    await page.getByTestId('theme-toggle').click();
    await drift.getByRole('button', { name: /^Fix BTC\/USDT/ }).click();
    await expect(reconcile).toContainText('Every copied position matches', { timeout: 30_000 });
    await panel.getByRole('tab', { name: 'Log' }).click();
    await expect(log.getByRole('row').filter({ hasText: 'Fixed drift in BTC/USDT' })).toContainText('Copied');

    // Edit: the same dialog on the follow's settings; a new allocation applies from the next signal.
    await follow.getByRole('button', { name: `Edit the copy of ${leader.name}` }).click();
    await expect(dialog.getByRole('heading', { level: 2 })).toHaveText(`Edit the copy of “${leader.name}”`);
    await expect(dialog.getByLabel('Allocation', { exact: true })).toHaveValue(String(ALLOCATION));
    await dialog.getByLabel('Allocation', { exact: true }).fill('12000');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await expect(dialog).toBeHidden();
    await expect(follow).toContainText('12,000.00');

    // Stop, closing the copied position: it is gone from the account.
    await follow.getByRole('button', { name: `Stop copying ${leader.name}` }).click();
    const confirm = page.getByRole('alertdialog', { name: `Stop copying “${leader.name}”` });
    await expect(confirm).toContainText('Open copied positions');
    await confirm.getByRole('button', { name: 'Stop and close positions' }).click();
    await expect(confirm).toBeHidden();
    await expect(follow).toContainText('Stopped');
    await expect(log.getByRole('row').filter({ hasText: 'Stopped: closing every copied position' })).toBeVisible({ timeout: 30_000 });
    await tab(page, 'Positions').click();
    await expect(page.getByTestId('positions-table')).toContainText('No open positions', { timeout: 30_000 });
    expect(errors).toEqual([]);
  });
});
