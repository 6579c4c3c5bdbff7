import type { Page } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServe } from '../helpers/serve-process';
import { expect, test } from './fixtures';

const SCREENSHOTS = 'docs/screenshots';
/** The embedded hub's simulated community writes a year of history at first start. */
const BACKFILL_MS = 300_000;

const tab = (page: Page, title: string) => page.locator('.dv-tab', { hasText: new RegExp(`^${title}$`) });

/** Opens the app and waits for the core and the embedded hub. */
async function open(page: Page, url: string): Promise<string[]> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  // The core starts the embedded hub and its community with it: its first answers can take a while.
  await expect(page.getByTestId('connection-state')).toHaveText('Connected', { timeout: 30_000 });
  await expect(page.getByTestId('hub-status')).toHaveAttribute('data-state', 'online', { timeout: 60_000 });
  return errors;
}

test.describe('social: leaderboard, strategy profiles, feed, posts', () => {
  test('first start ranks the community’s strategies; a profile opens from the keyboard with its verified figures', async ({ page, host }) => {
    test.setTimeout(BACKFILL_MS + 120_000);
    const errors = await open(page, host.serve.url);

    // The Leaderboard is in front of the blotters on a new profile and fills as the community backfills.
    const board = page.getByTestId('leaderboard-table');
    await expect(board).toBeVisible();
    await expect(page.getByTestId('hub-status')).toHaveAttribute('data-community', 'running', { timeout: BACKFILL_MS });
    await expect.poll(async () => Number(await board.getAttribute('aria-rowcount')), { timeout: 30_000 }).toBeGreaterThanOrEqual(40);
    const total = Number((await page.getByTestId('leaderboard-total').textContent())!.replace(/^.* of /, '').replace(/,/g, ''));
    expect(total).toBeGreaterThanOrEqual(40);
    // Every row is reachable: End pages the rest in by cursor.
    await board.focus();
    await page.keyboard.press('End');
    await expect.poll(async () => Number(await board.getAttribute('aria-rowcount'))).toBe(total);
    await page.keyboard.press('Home');

    // Rows carry the simulated tag, a sparkline and figures ("—" where a figure is undefined, never a bare 0 %).
    const first = board.getByRole('row').nth(1);
    await expect(first).toContainText('sim');
    await expect(first.locator('svg.sparkline')).toHaveCount(1);
    await expect(first.getByRole('gridcell').nth(3)).toHaveText(/^([+−][\d,.]+%|0\.00%)$/);

    // Sorted by the hub: a header click sorts by Sharpe, best first.
    const sharpe = board.getByRole('columnheader', { name: 'Sharpe' });
    await sharpe.click();
    await expect(sharpe).toHaveAttribute('aria-sort', 'descending');
    await expect(page.getByRole('combobox', { name: 'Sort by' })).toHaveValue('sharpe');
    await expect(board.getByRole('row').nth(1).getByRole('gridcell').first()).toHaveText('1');
    await page.screenshot({ path: `${SCREENSHOTS}/leaderboard.png` });

    // Enter on the selected row opens the strategy profile.
    const name = (await board.getByRole('row').nth(1).locator('.lb-name').textContent())!;
    await board.focus();
    await page.keyboard.press('Enter');
    const profile = page.getByTestId('strategy-panel');
    await expect(profile).toBeVisible({ timeout: 30_000 });
    await expect(profile.getByRole('heading', { level: 2 })).toContainText(name);
    await expect(profile.getByTestId('verification')).toHaveAttribute('data-state', 'verified', { timeout: 30_000 });
    await expect(profile.getByTestId('verification')).toContainText('Verified');
    const chart = profile.getByTestId('equity-chart');
    await expect.poll(async () => Number(await chart.getAttribute('data-points'))).toBeGreaterThan(30);
    await expect(chart.locator('canvas').first()).toBeVisible();
    await expect(profile.getByTestId('monthly-returns').locator('tbody tr').first()).toContainText(/\d{4}/);
    await expect(profile.getByTestId('monthly-returns').locator('tbody td').filter({ hasText: /%$/ }).first()).toBeVisible();
    const stats = profile.getByTestId('strategy-stats');
    await expect(stats).toContainText('Sharpe');
    await expect(stats).toContainText(/Max drawdown.*[\d.]+%/);
    await stats.getByRole('radio', { name: '3M' }).click();
    await expect(stats.getByRole('radio', { name: '3M' })).toHaveAttribute('aria-checked', 'true');
    await expect(profile.getByTestId('strategy-trades').getByRole('row').nth(1)).toBeVisible();
    await page.screenshot({ path: `${SCREENSHOTS}/strategy-profile.png` });

    // The light theme re-colours the charts and the tables.
    await page.getByTestId('theme-toggle').click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await tab(page, 'Leaderboard').click();
    await page.screenshot({ path: `${SCREENSHOTS}/strategy-profile-light.png` });
    expect(errors).toEqual([]);
  });

  test('signs up, posts a trade idea with a chart, likes and comments', async ({ page, host }) => {
    test.setTimeout(BACKFILL_MS + 120_000);
    const errors = await open(page, host.serve.url);
    const feed = page.getByTestId('feed-trending');
    // The community's posts arrive as it backfills.
    await expect(page.getByTestId('hub-status')).toHaveAttribute('data-community', 'running', { timeout: BACKFILL_MS });
    await expect(feed.getByTestId('post').first()).toBeVisible();

    // Sign up, with the form's own checks first.
    await page.getByTestId('hub-sign-in').click();
    const dialog = page.getByTestId('hub-dialog');
    await dialog.getByRole('tab', { name: 'Create account' }).click();
    await dialog.getByLabel('Username').fill('j');
    await dialog.getByLabel('Password').fill('short');
    await dialog.getByRole('button', { name: 'Create account' }).click();
    await expect(dialog.getByRole('alert').filter({ hasText: '3–24 letters, digits or underscores' })).toBeVisible();
    await expect(dialog.getByRole('alert').filter({ hasText: 'At least 8 characters' })).toBeVisible();
    await dialog.getByLabel('Username').fill('jo_trader');
    await dialog.getByLabel('Password').fill('correct horse battery');
    await dialog.getByLabel('Display name').fill('Jo Trader');
    await dialog.getByRole('button', { name: 'Create account' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('hub-user')).toContainText('@jo_trader');
    await expect(page.getByTestId('notification-bell')).toBeVisible();

    // Compose: text with a cashtag, a trade idea from the active chart, a snapshot of the chart.
    const composer = page.getByTestId('composer');
    await composer.getByLabel('Post text').fill('Watching $BTC at the range low: long with a tight stop. @jo_trader');
    await expect(composer.getByTestId('composer-count')).toHaveText('66/2,000');
    await composer.getByRole('button', { name: /Idea/ }).click();
    const idea = composer.getByRole('group', { name: 'Trade idea' });
    await expect(idea.getByLabel('Entry')).not.toHaveValue('');
    await expect(composer.getByTestId('composer-rr')).toHaveText('1 : 2.00');
    // A stop above a long's entry is refused before anything is sent.
    const entry = Number(await idea.getByLabel('Entry').inputValue());
    await idea.getByLabel('Stop').fill(String(Math.round(entry * 1.01)));
    await composer.getByRole('button', { name: 'Post', exact: true }).click();
    await expect(composer.getByText("A long idea's stop is below its entry")).toBeVisible();
    await idea.getByLabel('Stop').fill(String(Math.round(entry * 0.99)));
    await composer.getByRole('button', { name: /Attach chart/ }).click();
    await expect(composer.getByTestId('composer-image')).toBeVisible();
    await expect(composer.getByTestId('composer-image')).toHaveAttribute('src', /^data:image\/(png|jpeg);base64,/);
    await page.screenshot({ path: `${SCREENSHOTS}/feed-composer.png` });
    await composer.getByRole('button', { name: 'Post', exact: true }).click();
    await expect(composer.getByTestId('composer-image')).toHaveCount(0);

    // The post is on top of the feed, with its idea and its chart (fetched as it comes into view).
    const mine = feed.getByTestId('post').filter({ hasText: 'Watching $BTC at the range low' });
    await expect(mine).toContainText('Watching $BTC at the range low');
    await expect(mine).toContainText('@jo_trader');
    await expect(mine.getByTestId('trade-idea')).toContainText('Long');
    await expect(mine.getByTestId('trade-idea')).toContainText(/R:R 1 : [\d.]+/);
    await expect(mine.getByTestId('post-image')).toHaveAttribute('data-state', 'ready');
    await expect(mine.getByTestId('post-image').locator('img')).toHaveAttribute('src', /^data:image\//);
    await page.screenshot({ path: `${SCREENSHOTS}/feed-post.png` });

    // Like someone else's post: the count goes up and stays after the hub answers.
    const theirs = feed.getByTestId('post').filter({ hasNotText: '@jo_trader' }).first();
    const like = theirs.getByTestId('like');
    const before = Number(await like.locator('.num').textContent());
    await like.click();
    await expect(like).toHaveAttribute('aria-pressed', 'true');
    await expect(like.locator('.num')).toHaveText(String(before + 1));

    // Comment on our post in its thread.
    await mine.getByTestId('comments').click();
    const thread = page.getByTestId('thread');
    await expect(thread).toBeVisible();
    await thread.getByLabel('Comment text').fill('Stop moved to break-even.');
    await thread.getByRole('button', { name: 'Comment', exact: true }).click();
    await expect(thread.getByTestId('comments-list')).toContainText('Stop moved to break-even.');
    await expect(thread.getByTestId('comments')).toHaveAccessibleName('Comments (1)');
    await thread.getByRole('button', { name: '← Back' }).click();
    await expect(mine.getByTestId('comments')).toHaveAccessibleName('Comments (1)');

    // A cashtag opens that symbol's feed, where the post is too.
    await mine.getByRole('button', { name: '$BTC' }).click();
    await expect(page.getByTestId('feed-symbol').getByTestId('post').filter({ hasText: 'Watching $BTC at the range low' })).toBeVisible();

    // Our profile, from the palette: edit the bio.
    await page.keyboard.press('Control+K');
    await page.getByRole('textbox', { name: 'Command' }).fill('open my profile');
    await page.keyboard.press('Enter');
    const profile = page.getByTestId('profile-panel');
    await expect(profile).toContainText('@jo_trader');
    await profile.getByRole('button', { name: 'Edit profile' }).click();
    await profile.getByLabel('Bio').fill('Range trader. Crypto and FX.');
    await profile.getByRole('button', { name: 'Save profile' }).click();
    await expect(profile.locator('.profile-bio')).toHaveText('Range trader. Crypto and FX.');
    await expect(profile.getByTestId('post').filter({ hasText: 'Watching $BTC at the range low' })).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('profile.png') });

    // Notifications from the bell; the hub's settings from the status bar.
    await page.getByTestId('notification-bell').click();
    await expect(page.getByTestId('notifications-panel')).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('notifications.png') });
    await page.getByTestId('hub-status').click();
    await expect(page.getByTestId('hub-dialog')).toContainText('Signed in as @jo_trader');
    await page.screenshot({ path: test.info().outputPath('hub-settings.png') });
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('hub-dialog')).toBeHidden();

    // This host keeps no secrets (no passphrase): publishing says why it cannot, and publishes nothing.
    await tab(page, 'Account').click();
    await page.getByRole('button', { name: 'Publish…' }).click();
    const publish = page.getByTestId('publish-dialog');
    await publish.getByRole('checkbox').check();
    await publish.getByRole('button', { name: 'Publish strategy' }).click();
    await expect(publish.getByRole('alert')).toContainText('cannot store secrets');
    await publish.getByRole('button', { name: 'Cancel' }).click();
    await expect(publish).toBeHidden();
    expect(errors).toEqual([]);
  });

  test('publishes an account as a strategy after saying plainly what becomes public', async ({ page }) => {
    test.setTimeout(120_000);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ist-e2e-'));
    const serve = await startServe(['--no-build', '--port', '0', '--data-dir', dataDir, '--no-community'], { IST_PASSPHRASE: 'e2e passphrase for strategy keys' });
    try {
      const errors = await open(page, serve.url);
      await tab(page, 'Account').click();
      await page.getByRole('button', { name: 'Publish…' }).click();
      const publish = page.getByTestId('publish-dialog');
      await expect(publish).toContainText('every fill');
      await expect(publish).toContainText('Past fills are not published');
      await expect(publish).toContainText('cannot be taken back');
      await expect(publish.getByRole('button', { name: 'Publish strategy' })).toBeDisabled();

      // Not signed in: the dialog says so and signs in on top of itself.
      await publish.getByRole('button', { name: 'Sign in' }).click();
      const dialog = page.getByTestId('hub-dialog');
      await dialog.getByRole('tab', { name: 'Create account' }).click();
      await dialog.getByLabel('Username').fill('pat_publisher');
      await dialog.getByLabel('Password').fill('a long enough password');
      await dialog.getByRole('button', { name: 'Create account' }).click();
      await expect(dialog).toBeHidden();
      await expect(publish).not.toContainText('not signed in');

      await publish.getByLabel('Name').fill('Pat’s BTC swings');
      await publish.getByLabel('Description').fill('Swing trades on BTC, one position at a time.');
      await publish.getByRole('checkbox').check();
      await publish.getByRole('button', { name: 'Publish strategy' }).click();
      await expect(publish).toBeHidden();
      await expect(page.getByRole('status').filter({ hasText: '“Pat’s BTC swings” is published' })).toBeVisible();

      // Its profile opens: ours, checked here like anyone's.
      const profile = page.getByTestId('strategy-panel');
      await expect(profile.getByRole('heading', { level: 2 })).toContainText('Pat’s BTC swings');
      await expect(profile).toContainText('Yours');
      await expect(profile.getByTestId('verification')).toBeVisible();
      await page.screenshot({ path: test.info().outputPath('strategy-published.png') });
      expect(errors).toEqual([]);
    } finally {
      serve.child.kill('SIGTERM');
      await serve.exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
