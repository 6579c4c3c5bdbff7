import { startServe } from '../helpers/serve-process';
import { expect, test } from './fixtures';
import { LATEST_SCHEMA_VERSION } from '../../src/core/store/migrations';

test.describe('terminal frame in Chromium against npm run serve', () => {
  // The simulated community's first-start backfill (seconds of CPU) is social.spec.ts's subject;
  // here it would only compete with the page on a 2-core machine.
  test.use({ serveArgs: ['--no-community'] });
  test('loads with the token and shows the frame: top bar, workspace, status bar', async ({ page, host }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(host.serve.url);
    // The token was traded for a cookie and stripped from the address bar.
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('banner')).toContainText('Instant Social Trading');
    await expect(page.getByTestId('host-kind')).toContainText('Headless');
    await expect(page.getByTestId('connection-state')).toHaveText('Connected');
    await expect(page.getByTestId('profile')).toContainText(host.dataDir.split('/').at(-1)!);
    await expect(page.getByTestId('clock')).toContainText('UTC');
    await page.locator('.dv-tab', { hasText: 'System' }).click();
    const info = page.getByTestId('system-info');
    await expect(info).toContainText(host.dataDir);
    await expect(info).toContainText('JSON-RPC 2.0 over WebSocket');
    await expect(page.getByTestId('statusbar')).toContainText(`Schema v${LATEST_SCHEMA_VERSION}`);
    await expect(page.getByTestId('statusbar')).toContainText('Core connected');
    // Charts, Watchlist, Feed, Order ticket; Positions, Orders, Fills, Account, Leaderboard, Copy, Activity, System, Keyboard.
    await expect(page.locator('.dv-tab')).toHaveCount(13);
    await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute('content', /script-src 'self'/);
    expect(errors).toEqual([]);
    await page.screenshot({ path: test.info().outputPath('terminal-frame-dark.png') });
  });

  test('refuses the page without the token', async ({ page, host }) => {
    const response = await page.goto(`http://127.0.0.1:${host.serve.port}/`);
    expect(response?.status()).toBe(401);
    await expect(page.locator('body')).toContainText('Unauthorized');
  });

  test('backs up the profile from the command palette (Ctrl+K), with a toast and an activity entry', async ({ page, host }) => {
    await page.goto(host.serve.url);
    await expect(page.getByTestId('connection-state')).toHaveText('Connected');
    await page.keyboard.press('Control+K');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await expect(palette).toBeVisible();
    await page.keyboard.type('back up');
    await expect(palette.getByRole('option')).toHaveCount(1);
    await page.screenshot({ path: test.info().outputPath('command-palette.png') });
    await page.keyboard.press('Enter');
    await expect(palette).toBeHidden();
    const toast = page.getByRole('status').filter({ hasText: 'Backup written' });
    await expect(toast).toContainText(`${host.dataDir}/backups/profile-`);
    await expect(page.getByTestId('activity-log')).toContainText('Backup written');
  });

  test('switches to the light theme and local clock, and keeps them after a reload', async ({ page, host }) => {
    await page.goto(host.serve.url);
    await page.getByTestId('theme-toggle').click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await page.getByTestId('clock').click();
    await expect(page.getByTestId('clock')).toContainText('LOCAL');
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await expect(page.getByTestId('clock')).toContainText('LOCAL');
    await expect(page.getByTestId('connection-state')).toHaveText('Connected');
    await page.screenshot({ path: test.info().outputPath('terminal-frame-light.png') });
  });

  test('shows the core going away and reconnects when it comes back', async ({ page, host }) => {
    await page.goto(host.serve.url);
    await expect(page.getByTestId('connection-state')).toHaveText('Connected');
    host.serve.child.kill('SIGTERM');
    await host.serve.exited;
    await expect(page.getByTestId('connection-state')).toHaveText('Reconnecting');
    await expect(page.getByTestId('activity-log')).toContainText('Core reconnecting');
    // Same port and data dir: same token, so the page's cookie still opens the door.
    const again = await startServe(['--no-build', '--port', String(host.serve.port), '--data-dir', host.dataDir]);
    try {
      await expect(page.getByTestId('connection-state')).toHaveText('Connected', { timeout: 15_000 });
      await expect(page.getByTestId('activity-log')).toContainText('Core connected');
    } finally {
      again.child.kill('SIGTERM');
      await again.exited;
    }
  });
});
