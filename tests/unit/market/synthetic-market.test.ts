import { describe, expect, it } from 'vitest';
import { createMarketPath, DAY_MS, MINUTE_MS } from '../../../src/core/market/synthetic/market-path';
import { minuteTicks } from '../../../src/core/market/synthetic/minute-ticks';
import { createSyntheticFeed } from '../../../src/core/market/synthetic/synthetic-feed';
import { SYNTHETIC_SPECS } from '../../../src/core/market/synthetic/synthetic-instruments';
import { ASSET_CLASSES, instrumentSchema } from '../../../src/shared/market/instrument';
import { isMarketOpen } from '../../../src/shared/market/trading-hours';
import { isOnStep } from '../../../src/shared/numbers/steps';

const spec = (symbol: string) => SYNTHETIC_SPECS.find((s) => s.instrument.symbol === symbol)!;
const DAY = Math.floor(Date.UTC(2026, 0, 6) / DAY_MS); // a Tuesday

describe('synthetic market', () => {
  it('offers at least 12 valid instruments across crypto, stocks, FX and indices', () => {
    expect(SYNTHETIC_SPECS.length).toBeGreaterThanOrEqual(12);
    for (const s of SYNTHETIC_SPECS) instrumentSchema.parse(s.instrument);
    for (const c of ASSET_CLASSES) expect(SYNTHETIC_SPECS.some((s) => s.instrument.assetClass === c)).toBe(true);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const a = createMarketPath(spec('BTC/USDT'), 7).dayPath(DAY);
    const b = createMarketPath(spec('BTC/USDT'), 7).dayPath(DAY);
    const c = createMarketPath(spec('BTC/USDT'), 8).dayPath(DAY);
    expect([...a.close]).toEqual([...b.close]);
    expect([...a.close]).not.toEqual([...c.close]);
  });

  it('produces consistent bars on the tick grid and lot step, with positive volume', () => {
    for (const s of SYNTHETIC_SPECS) {
      const p = createMarketPath(s, 1).dayPath(DAY);
      for (let i = 0; i < p.length; i++) {
        expect(p.high[i]).toBeGreaterThanOrEqual(Math.max(p.open[i]!, p.close[i]!));
        expect(p.low[i]).toBeLessThanOrEqual(Math.min(p.open[i]!, p.close[i]!));
        expect(isOnStep(p.close[i]!, s.instrument.tickSize)).toBe(true);
        expect(isOnStep(p.volume[i]!, s.instrument.lotStep)).toBe(true);
        expect(p.volume[i]).toBeGreaterThan(0);
      }
    }
  });

  it('trades stocks only in exchange hours and crypto around the clock', () => {
    const aapl = createMarketPath(spec('AAPL'), 1).dayPath(DAY);
    expect(aapl.length).toBe(390);
    for (let i = 0; i < aapl.length; i++) expect(isMarketOpen(spec('AAPL').instrument.tradingHours, aapl.time[i]!)).toBe(true);
    const saturday = Math.floor(Date.UTC(2026, 0, 10) / DAY_MS);
    expect(createMarketPath(spec('AAPL'), 1).dayPath(saturday).length).toBe(0);
    expect(createMarketPath(spec('BTC/USDT'), 1).dayPath(saturday).length).toBe(1440);
  });

  it('makes each day open where the previous one closed (the daily path is continuous)', () => {
    const path = createMarketPath(spec('ETH/USDT'), 3);
    const yesterday = path.dayPath(DAY - 1);
    const today = path.dayPath(DAY);
    expect(today.open[0]).toBeCloseTo(yesterday.close[yesterday.length - 1]!, 1);
    expect(today.close[today.length - 1]).toBeCloseTo(path.dayClose(DAY), 1);
  });

  it('has realistic volatility over a year (within 30 % of its annual setting)', () => {
    const s = spec('BTC/USDT');
    const path = createMarketPath(s, 11);
    const returns: number[] = [];
    for (let d = DAY - 365; d < DAY; d++) returns.push(Math.log(path.dayClose(d) / path.dayClose(d - 1)));
    const mean = returns.reduce((a, b) => a + b, 0) / returns.length;
    const sd = Math.sqrt(returns.reduce((a, r) => a + (r - mean) ** 2, 0) / (returns.length - 1)) * Math.sqrt(365);
    expect(sd).toBeGreaterThan(s.vol * 0.7);
    expect(sd).toBeLessThan(s.vol * 1.3);
  });

  it('walks live ticks inside a minute from its open exactly to its close', () => {
    const s = spec('SOL/USDT');
    const p = createMarketPath(s, 5).dayPath(DAY);
    const ticks = minuteTicks(5, 'SOL/USDT', p, 100, s.instrument.tickSize);
    expect(ticks[0]).toBe(p.open[100]);
    expect(ticks.at(-1)).toBe(p.close[100]);
  });

  it('serves history only up to now, with the current bar built from the minutes so far', async () => {
    const now = DAY * DAY_MS + 10 * 3_600_000 + 30 * MINUTE_MS + 15_000; // 10:30:15 UTC
    const feed = createSyntheticFeed({ seed: 9, clock: { now: () => now } });
    const minutes = await feed.history('BTC/USDT', '1m', now - 5 * MINUTE_MS, now + DAY_MS);
    expect(minutes.map((b) => b.time)).toEqual([0, 1, 2, 3, 4, 5].map((k) => now - 15_000 - (5 - k) * MINUTE_MS));
    const hour = await feed.history('BTC/USDT', '1h', now - 3 * 3_600_000, now + 1);
    expect(hour.at(-1)?.time).toBe(DAY * DAY_MS + 10 * 3_600_000);
    expect(hour.at(-1)?.close).toBe(minutes.at(-1)?.close);
    expect(await feed.history('BTC/USDT', '1m', now - 400 * DAY_MS, now - 380 * DAY_MS)).toEqual([]);
    feed.close();
  });

  it('generates a year of 1m history for every instrument quickly enough to do at start', () => {
    const t0 = performance.now();
    let bars = 0;
    for (const s of SYNTHETIC_SPECS) {
      const path = createMarketPath(s, 1);
      for (let d = DAY - 365; d <= DAY; d++) bars += path.dayPath(d).length;
    }
    expect(bars).toBeGreaterThan(3_000_000);
    // Timing is benchmarked in bench/ (market.synthetic_year); here only a gross sanity bound.
    expect(performance.now() - t0).toBeLessThan(60_000);
  });
});
