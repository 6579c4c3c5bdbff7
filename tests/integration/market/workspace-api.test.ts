import { afterEach, describe, expect, it } from 'vitest';
import type { HeadlessHost } from '../../../src/server/headless-host';
import type { WorkspaceState } from '../../../src/shared/workspace/workspace-schema';
import { apiUrl, RpcTestClient } from '../../helpers/json-rpc-client';
import { startTestHost } from '../../helpers/test-host';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function connected(dataDir?: string): Promise<{ host: HeadlessHost & { dataDir: string }; client: RpcTestClient }> {
  const host = await startTestHost(dataDir ? { dataDir } : {});
  cleanup.push(() => host.close());
  const client = await RpcTestClient.connect(apiUrl(host.port, host.token));
  cleanup.push(() => client.close());
  return { host, client };
}

const workspace: WorkspaceState = {
  version: 1,
  layout: '2',
  panes: [
    { id: 'a', symbol: 'BTC/USDT', timeframe: '1h', chartType: 'heikin-ashi', scale: 'log', indicators: [{ kind: 'rsi', period: 21 }] },
    { id: 'b', symbol: 'AAPL', timeframe: '1D', chartType: 'candles', scale: 'linear', indicators: [] },
  ],
  activePane: 1,
  sync: { symbol: false, timeframe: true, crosshair: true, timeRange: false },
  sizes: { cols: [2, 1], rows: [1] },
  watchlist: ['BTC/USDT', 'AAPL'],
};

describe('workspace API', () => {
  it('starts with no current workspace, then restores the saved one after a restart', async () => {
    const first = await connected();
    expect((await first.client.request('workspace.current')).result).toBeNull();
    expect((await first.client.request('workspace.saveCurrent', { workspace })).result).toMatchObject({ savedAt: expect.any(String) });
    const dataDir = first.host.dataDir;
    await first.client.close();
    await first.host.close();
    const second = await connected(dataDir);
    expect((await second.client.request('workspace.current')).result).toEqual(workspace);
  });

  it('saves, lists, loads and deletes named workspaces', async () => {
    const { client } = await connected();
    await client.request('workspace.save', { name: 'Scalping', workspace });
    await client.request('workspace.save', { name: 'Swing', workspace: { ...workspace, layout: '1', panes: [workspace.panes[0]!], activePane: 0 } });
    const list = (await client.request('workspace.list')).result as Array<{ name: string }>;
    expect(list.map((w) => w.name).sort()).toEqual(['Scalping', 'Swing']);
    expect((await client.request('workspace.load', { name: 'Scalping' })).result).toEqual(workspace);
    expect((await client.request('workspace.delete', { name: 'Scalping' })).result).toEqual({ deleted: true });
    expect((await client.request('workspace.load', { name: 'Scalping' })).error).toMatchObject({ code: -32004, data: { code: 'NOT_FOUND' } });
  });

  it('refuses an invalid workspace with the failing field, and keeps the stored one', async () => {
    const { client } = await connected();
    await client.request('workspace.saveCurrent', { workspace });
    const bad = await client.request('workspace.saveCurrent', { workspace: { ...workspace, activePane: 5 } });
    expect(bad.error).toMatchObject({ code: -32602, data: { fields: [expect.objectContaining({ path: 'workspace.activePane' })] } });
    const unknownIndicator = await client.request('workspace.save', { name: 'x', workspace: { ...workspace, panes: [{ ...workspace.panes[0]!, indicators: [{ kind: 'ichimoku' }] }] } });
    expect(unknownIndicator.error?.code).toBe(-32602);
    expect((await client.request('workspace.current')).result).toEqual(workspace);
  });
});

describe('CSV import refusals', () => {
  const header = 'time,open,high,low,close,volume';
  const row = (iso: string, c = 100) => `${iso},${c},${c + 1},${c - 1},${c},5`;

  it('names the line of an unsorted row and of a bar in the future, and imports nothing', async () => {
    const { client } = await connected();
    const before = (await client.request('market.bars', { symbol: 'MSFT', timeframe: '1h', before: Date.UTC(2025, 0, 2), limit: 10 })).result;
    const unsorted = [header, row('2025-01-01T10:00:00Z'), row('2025-01-01T12:00:00Z'), row('2025-01-01T11:00:00Z')].join('\n');
    const r1 = await client.request('market.importBars', { symbol: 'MSFT', timeframe: '1h', text: unsorted });
    expect(r1.error).toMatchObject({ code: -32602, message: expect.stringMatching(/^Line 4: .*not after the previous bar/), data: { line: 4 } });
    const future = [header, row('2025-01-01T10:00:00Z'), row('2099-01-01T00:00:00Z')].join('\n');
    const r2 = await client.request('market.importBars', { symbol: 'MSFT', timeframe: '1h', text: future });
    expect(r2.error).toMatchObject({ code: -32602, message: expect.stringMatching(/^Line 3: .*in the future/) });
    const offGrid = [header, row('2025-01-01T10:30:00Z')].join('\n');
    expect((await client.request('market.importBars', { symbol: 'MSFT', timeframe: '1h', text: offGrid })).error?.message).toMatch(/^Line 2: .*1h boundary/);
    expect((await client.request('market.importBars', { symbol: 'NOPE', timeframe: '1h', text: [header, row('2025-01-01T10:00:00Z')].join('\n') })).error?.message).toBe('Unknown symbol "NOPE"');
    expect((await client.request('market.importBars', { symbol: 'MSFT', timeframe: '1h', path: '/nonexistent/file.csv' })).error?.message).toMatch(/no such file/);
    expect((await client.request('market.importBars', { symbol: 'MSFT', timeframe: '1h' })).error?.code).toBe(-32602);
    expect((await client.request('market.bars', { symbol: 'MSFT', timeframe: '1h', before: Date.UTC(2025, 0, 2), limit: 10 })).result).toEqual(before);
  });
});
