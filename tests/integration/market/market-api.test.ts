import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MINUTE_MS } from '../../../src/core/market/synthetic/market-path';
import type { HeadlessHost } from '../../../src/server/headless-host';
import type { Bar } from '../../../src/shared/market/bar';
import { fromBarColumns, type BarColumns } from '../../../src/shared/market/bar-columns';
import { TIMEFRAME_MS } from '../../../src/shared/market/timeframes';
import { apiUrl, RpcTestClient } from '../../helpers/json-rpc-client';
import { tempDir } from '../../helpers/temp-dir';
import { startTestHost } from '../../helpers/test-host';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function connected(): Promise<{ host: HeadlessHost & { dataDir: string }; client: RpcTestClient }> {
  const host = await startTestHost();
  cleanup.push(() => host.close());
  const client = await RpcTestClient.connect(apiUrl(host.port, host.token));
  cleanup.push(() => client.close());
  return { host, client };
}

const expectAscending = (bars: Bar[]) => {
  for (let i = 1; i < bars.length; i++) expect(bars[i]!.time).toBeGreaterThan(bars[i - 1]!.time);
};

describe('market API over JSON-RPC', () => {
  it('lists and searches instruments', async () => {
    const { client } = await connected();
    const all = (await client.request('market.instruments')).result as Array<{ symbol: string; assetClass: string }>;
    expect(all.length).toBeGreaterThanOrEqual(12);
    expect(new Set(all.map((i) => i.assetClass))).toEqual(new Set(['crypto', 'stock', 'fx', 'index']));
    const found = (await client.request('market.instruments', { query: 'btcusdt' })).result as Array<{ symbol: string }>;
    expect(found[0]?.symbol).toBe('BTC/USDT');
    const byName = (await client.request('market.instruments', { query: 'apple' })).result as Array<{ symbol: string }>;
    expect(byName.map((i) => i.symbol)).toEqual(['AAPL']);
  });

  it('answers with one array per field when asked for columns, the same bars as rows', async () => {
    const { client } = await connected();
    const before = Date.UTC(2025, 0, 2);
    const rows = (await client.request('market.bars', { symbol: 'AAPL', timeframe: '1h', before, limit: 200 })).result as Bar[];
    const columns = (await client.request('market.bars', { symbol: 'AAPL', timeframe: '1h', before, limit: 200, format: 'columns' })).result as BarColumns;
    expect(Object.keys(columns).sort()).toEqual(['close', 'high', 'low', 'open', 'time', 'volume']);
    expect(columns.time).toHaveLength(rows.length);
    expect(fromBarColumns(columns)).toEqual(rows);
    const bad = await client.request('market.bars', { symbol: 'AAPL', timeframe: '1h', format: 'csv' });
    expect(bad.error).toMatchObject({ code: -32602, data: { fields: [expect.objectContaining({ path: 'format' })] } });
  });

  it('serves 5,000 1m bars ascending, ending with the bar forming now, and the same from the cache', async () => {
    const { client } = await connected();
    const first = (await client.request('market.bars', { symbol: 'BTC/USDT', timeframe: '1m', limit: 5000 })).result as Bar[];
    expect(first).toHaveLength(5000);
    expectAscending(first);
    const now = Date.now();
    expect(first.at(-1)!.time).toBe(now - (now % MINUTE_MS));
    for (const b of first) {
      expect(b.high).toBeGreaterThanOrEqual(Math.max(b.open, b.close));
      expect(b.low).toBeLessThanOrEqual(Math.min(b.open, b.close));
    }
    const second = (await client.request('market.bars', { symbol: 'BTC/USDT', timeframe: '1m', limit: 5000 })).result as Bar[];
    expect(second.slice(0, 4990)).toEqual(first.slice(second.length - first.length, 4990 + second.length - first.length));
  });

  it('pages back with before, skipping closed market hours without inventing bars', async () => {
    const { client } = await connected();
    const recent = (await client.request('market.bars', { symbol: 'AAPL', timeframe: '1h', limit: 100 })).result as Bar[];
    const older = (await client.request('market.bars', { symbol: 'AAPL', timeframe: '1h', before: recent[0]!.time, limit: 100 })).result as Bar[];
    expect(older).toHaveLength(100);
    expect(older.at(-1)!.time).toBeLessThan(recent[0]!.time);
    expectAscending([...older, ...recent]);
    // Stock bars fall on weekdays only.
    for (const b of older) expect([0, 6]).not.toContain(new Date(b.time).getUTCDay());
  });

  it('returns at most the history it has for a long timeframe', async () => {
    const { client } = await connected();
    const days = (await client.request('market.bars', { symbol: 'ETH/USDT', timeframe: '1D', limit: 5000 })).result as Bar[];
    expect(days.length).toBeGreaterThanOrEqual(365);
    expect(days.length).toBeLessThanOrEqual(367);
    for (const b of days) expect(b.time % TIMEFRAME_MS['1D']).toBe(0);
  });

  it('rejects unknown symbols, bad timeframes and limits with -32602 naming the field', async () => {
    const { client } = await connected();
    const unknown = await client.request('market.bars', { symbol: 'NOPE', timeframe: '1m' });
    expect(unknown.error).toMatchObject({ code: -32602, message: 'Unknown symbol "NOPE"', data: { fields: [{ path: 'symbol' }] } });
    const tf = await client.request('market.bars', { symbol: 'AAPL', timeframe: '2m' });
    expect(tf.error).toMatchObject({ code: -32602, data: { fields: [expect.objectContaining({ path: 'timeframe' })] } });
    const limit = await client.request('market.bars', { symbol: 'AAPL', timeframe: '1m', limit: 5001 });
    expect(limit.error).toMatchObject({ code: -32602, data: { fields: [expect.objectContaining({ path: 'limit' })] } });
    const sub = await client.request('market.subscribe', { symbols: ['BTC/USDT', 'NOPE'] });
    expect(sub.error).toMatchObject({ code: -32602 });
    expect((await client.request('market.subscribe', { symbols: ['BTC/USDT'] })).result).toEqual({ symbols: ['BTC/USDT'] });
  });

  it('streams coalesced quotes and forming bars for followed symbols only', async () => {
    const { client } = await connected();
    await client.request('events.subscribe', { topics: ['market.quote', 'market.bar'] });
    await client.request('market.subscribe', { symbols: ['BTC/USDT'], timeframes: ['1m', '1h'] });
    const quote = (await client.nextNotification('market.quote')).params as { symbol: string; bid: number; ask: number; last: number; prevClose: number | null };
    expect(quote.symbol).toBe('BTC/USDT');
    expect(quote.ask).toBeGreaterThan(quote.bid);
    expect(quote.prevClose).toBeGreaterThan(0);
    const bar = (await client.nextNotification('market.bar')).params as { symbol: string; timeframe: string; final: boolean; bar: Bar };
    expect(bar).toMatchObject({ symbol: 'BTC/USDT', final: false });
    expect(['1m', '1h']).toContain(bar.timeframe);
    expect(client.notifications.every((n) => (n.params as { symbol: string }).symbol === 'BTC/USDT')).toBe(true);
  });

  it('imports CSV history into the cache, and leaves it untouched when a row is bad', async () => {
    const { client } = await connected();
    const day = Date.UTC(2025, 0, 6);
    const rows = ['time,open,high,low,close,volume'];
    for (let i = 0; i < 10; i++) rows.push(`${new Date(day + i * 60_000).toISOString()},${100 + i},${101 + i},${99 + i},${100.5 + i},${10 * (i + 1)}`);
    const file = path.join(tempDir(), 'aapl.csv');
    fs.writeFileSync(file, rows.join('\n'));
    const ok = await client.request('market.importBars', { symbol: 'AAPL', timeframe: '1m', path: file });
    expect(ok.result).toMatchObject({ imported: 10, from: day, to: day + 9 * 60_000 });
    const bars = (await client.request('market.bars', { symbol: 'AAPL', timeframe: '1m', before: day + 10 * 60_000, limit: 10 })).result as Bar[];
    expect(bars.map((b) => b.close)).toEqual(Array.from({ length: 10 }, (_, i) => 100.5 + i));

    // Three good rows that would change the cache, then a row whose high is below its low.
    const bad = ['time,open,high,low,close,volume'];
    for (let i = 0; i < 3; i++) bad.push(`${new Date(day + i * 60_000).toISOString()},1,2,0.5,1.5,1`);
    bad.push(`${new Date(day + 3 * 60_000).toISOString()},1,0.5,2,1,1`);
    const refused = await client.request('market.importBars', { symbol: 'AAPL', timeframe: '1m', text: bad.join('\n') });
    expect(refused.error).toMatchObject({ code: -32602, message: expect.stringMatching(/^Line 5: /) });
    const after = (await client.request('market.bars', { symbol: 'AAPL', timeframe: '1m', before: day + 10 * 60_000, limit: 10 })).result as Bar[];
    expect(after).toEqual(bars);
  });
});
