import { describe, expect, it } from 'vitest';
import { createBreakout } from '../../../src/core/sim/styles/breakout';
import { createCryptoDegen } from '../../../src/core/sim/styles/crypto-degen';
import { createDipBuyer } from '../../../src/core/sim/styles/dip-buyer';
import { createDonchian } from '../../../src/core/sim/styles/donchian';
import { createFxCarry } from '../../../src/core/sim/styles/fx-carry';
import { createMartingale } from '../../../src/core/sim/styles/martingale';
import { createMeanReversion } from '../../../src/core/sim/styles/mean-reversion';
import { createMomentumRotation } from '../../../src/core/sim/styles/momentum-rotation';
import { createOpeningRange } from '../../../src/core/sim/styles/opening-range';
import { createScalper } from '../../../src/core/sim/styles/scalper';
import { createSteady } from '../../../src/core/sim/styles/steady';
import { createStockPicker } from '../../../src/core/sim/styles/stock-picker';
import { createSwing } from '../../../src/core/sim/styles/swing';
import { createTrendFollowing } from '../../../src/core/sim/styles/trend-following';
import { HOUR_MS } from '../../../src/shared/market/timeframes';
import { drive, heldSeries, makeBars, START } from './style-harness';

describe('trend following (moving-average crossover)', () => {
  const closes = [14, 13, 12, 11, 12, 13, 14, 15, 13, 11, 9];

  it('is short below the slow average, flips long on the cross up and short again on the cross down', () => {
    const style = createTrendFollowing({ kind: 'trend', symbols: ['X'], timeframe: '1D', fast: 2, slow: 4, weight: 0.5, allowShort: true });
    expect(heldSeries(drive(style, makeBars('X', closes)), 'X')).toEqual([0, 0, 0, -0.5, -0.5, 0.5, 0.5, 0.5, 0.5, -0.5, -0.5]);
  });

  it('stays flat instead of short when long only', () => {
    const style = createTrendFollowing({ kind: 'trend', symbols: ['X'], timeframe: '1D', fast: 2, slow: 4, weight: 0.5, allowShort: false });
    expect(heldSeries(drive(style, makeBars('X', closes)), 'X')).toEqual([0, 0, 0, 0, 0, 0.5, 0.5, 0.5, 0.5, 0, 0]);
  });
});

describe('Donchian breakout', () => {
  const closes = [10, 11, 10, 12, 13, 12.5, 11.9, 11, 10];

  it('enters on a close above the entry channel and leaves on a close under the exit channel', () => {
    const style = createDonchian({ kind: 'donchian', symbols: ['X'], timeframe: '1D', entry: 3, exit: 2, weight: 1, allowShort: false });
    expect(heldSeries(drive(style, makeBars('X', closes)), 'X')).toEqual([0, 0, 0, 1, 1, 1, 0, 0, 0]);
  });

  it('flips short when a long position breaks the entry channel low', () => {
    const style = createDonchian({ kind: 'donchian', symbols: ['X'], timeframe: '1D', entry: 3, exit: 2, weight: 1, allowShort: true });
    expect(heldSeries(drive(style, makeBars('X', closes)), 'X').slice(0, 7)).toEqual([0, 0, 0, 1, 1, 1, -1]);
  });
});

describe('intraday range breakout', () => {
  const range = [
    { close: 100, open: 100, high: 101, low: 99 },
    { close: 100, open: 100, high: 101, low: 99 },
    { close: 100, open: 100, high: 101, low: 99 },
    { close: 102, open: 100, high: 102.5, low: 100 },
  ];
  const style = () => createBreakout({ kind: 'breakout', symbols: ['X'], timeframe: '1h', lookback: 3, atrPeriod: 2, stopAtr: 1, targetR: 2, maxBars: 10, weight: 1, allowShort: false });

  it('buys a close above the range and takes profit at two times the ATR risk', () => {
    // ATR(2) at entry is 2.25, so the risk is 2.25 / 102 ≈ 2.2 % and the target ≈ 4.4 %.
    const bars = makeBars('X', [...range, { close: 103 }, { close: 106.4 }, { close: 106.6 }], '1h');
    expect(heldSeries(drive(style(), bars), 'X')).toEqual([0, 0, 0, 1, 1, 1, 0]);
  });

  it('stops out when the loss reaches one ATR', () => {
    const bars = makeBars('X', [...range, { close: 100.5 }, { close: 99.7 }], '1h');
    expect(heldSeries(drive(style(), bars), 'X')).toEqual([0, 0, 0, 1, 1, 0]);
  });
});

describe('momentum rotation', () => {
  const style = () => createMomentumRotation({ kind: 'rotation', symbols: ['A', 'B', 'C'], timeframe: '1D', lookback: 2, top: 1, every: 2, weightEach: 0.9 });

  it('holds the strongest rising symbol, re-ranked only every `every` bars', () => {
    const steps = drive(style(), makeBars('A', [10, 10, 10, 11, 12, 13]), makeBars('B', [10, 10, 10, 12, 11, 10]), makeBars('C', [10, 9, 8, 7, 6, 5]));
    expect(heldSeries(steps, 'B')).toEqual([0, 0, 0, 0.9, 0.9, 0]);
    expect(heldSeries(steps, 'A')).toEqual([0, 0, 0, 0, 0, 0.9]);
    expect(heldSeries(steps, 'C')).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('holds nothing when everything is falling', () => {
    const falling = [10, 9.5, 9, 8.5, 8, 7.5];
    const steps = drive(style(), makeBars('A', falling), makeBars('B', falling.map((x) => x * 2)), makeBars('C', falling.map((x) => x * 3)));
    for (const s of ['A', 'B', 'C']) expect(heldSeries(steps, s).every((w) => w === 0)).toBe(true);
  });
});

describe('pullback scalper', () => {
  // EMA(2) and EMA(4) on 100, 101, 102, 103: 102.5 above 101.5 at the fourth bar, whose low dips under the fast EMA.
  const session = [100, 101, 102, { open: 102, close: 103, low: 101.8, high: 103 }, { close: 103.4 }, { open: 103, close: 103.6, low: 102.9, high: 103.6 }];
  const style = (maxTradesPerDay: number) =>
    createScalper({ kind: 'scalp', symbols: ['X'], timeframe: '5m', fast: 2, slow: 4, targetBps: 30, stopBps: 20, maxBars: 3, fromHour: 8, toHour: 20, maxTradesPerDay, weight: 1, allowShort: false });

  it('buys a pullback bar that closes back above the fast EMA in an uptrend, and takes a quick profit', () => {
    const steps = drive(style(1), makeBars('X', session, '5m', START + 9 * HOUR_MS));
    expect(heldSeries(steps, 'X').slice(0, 5)).toEqual([0, 0, 0, 1, 0]);
  });

  it('stops at the daily trade cap', () => {
    expect(heldSeries(drive(style(1), makeBars('X', session, '5m', START + 9 * HOUR_MS)), 'X')[5]).toBe(0);
    expect(heldSeries(drive(style(2), makeBars('X', session, '5m', START + 9 * HOUR_MS)), 'X')[5]).toBe(1);
  });

  it('never trades outside its hours', () => {
    const steps = drive(style(5), makeBars('X', session, '5m', START + 2 * HOUR_MS));
    expect(steps.every((s) => s.decisions.length === 0)).toBe(true);
  });
});

describe('opening-range breakout', () => {
  const open = [
    { open: 100, close: 100, high: 101, low: 99 },
    { open: 100, close: 101, high: 101.5, low: 99.5 },
  ];
  const style = () => createOpeningRange({ kind: 'orb', symbols: ['X'], timeframe: '15m', rangeBars: 2, targetR: 1, maxRangePct: 0.05, weight: 1, allowShort: true });

  it('buys the break of the opening range and is flat by the session close', () => {
    const bars = makeBars('X', [...open, { close: 102 }, { close: 102.5 }, { close: 103, lastOfDay: true }], '15m', START + 14 * HOUR_MS);
    expect(heldSeries(drive(style(), bars), 'X')).toEqual([0, 0, 1, 1, 0]);
  });

  it('stops out at the other side of the range and trades once a day', () => {
    const bars = makeBars('X', [...open, { close: 102 }, { close: 98.9 }, { close: 102 }, { close: 102, lastOfDay: true }], '15m', START + 14 * HOUR_MS);
    expect(heldSeries(drive(style(), bars), 'X')).toEqual([0, 0, 1, 0, 0, 0]);
  });
});

describe('swing trading', () => {
  const style = () => createSwing({ kind: 'swing', symbols: ['X'], timeframe: '1D', trend: 5, rsiPeriod: 2, buyBelow: 70, sellAbove: 80, stopPct: 0.1, maxBars: 100, weight: 0.3 });

  it('buys an RSI pullback above the trend average and sells the bounce', () => {
    // RSI(2): 100 while rising, 66.7 after the dip to 17 (above the 5-day average 15.4), 88.9 after 20.
    expect(heldSeries(drive(style(), makeBars('X', [10, 12, 14, 16, 18, 17, 20])), 'X')).toEqual([0, 0, 0, 0, 0, 0.3, 0]);
  });

  it('does not buy a dip under the trend average', () => {
    expect(heldSeries(drive(style(), makeBars('X', [20, 19, 18, 17, 16, 14, 13])), 'X').every((w) => w === 0)).toBe(true);
  });
});

describe('mean reversion', () => {
  it('buys a close under the lower band with RSI oversold and exits at the middle band', () => {
    const style = createMeanReversion({ kind: 'meanrev', symbols: ['X'], timeframe: '1h', bbPeriod: 3, bbStdDev: 1, rsiPeriod: 2, oversold: 40, stopPct: 0.5, maxBars: 100, weight: 1, allowShort: true });
    // Lower band at the fifth bar ≈ 9.21 with RSI(2) ≈ 18.8; the middle band at the sixth is 9.8.
    expect(heldSeries(drive(style, makeBars('X', [10, 10.5, 10, 10.5, 9, 9.9], '1h')), 'X')).toEqual([0, 0, 0, 0, 1, 0]);
  });
});

describe('FX carry', () => {
  it('holds the swap-earning side only while the trend agrees, at most `maxWeight`', () => {
    const style = createFxCarry({ kind: 'carry', legs: [{ symbol: 'EUR/USD', side: -1 }], timeframe: '1D', trend: 3, targetVol: 0.1, volBars: 3, maxWeight: 2 });
    expect(heldSeries(drive(style, makeBars('EUR/USD', [1.1, 1.09, 1.08, 1.07, 1.06, 1.08, 1.1])), 'EUR/USD')).toEqual([0, 0, 0, -2, -2, 0, 0]);
  });

  it('sizes an entry to the target volatility', () => {
    const style = createFxCarry({ kind: 'carry', legs: [{ symbol: 'GBP/USD', side: 1 }], timeframe: '1D', trend: 2, targetVol: 0.1, volBars: 3, maxWeight: 5 });
    const closes = [1.2, 1.224, 1.212, 1.236];
    const changes = closes.slice(1).map((c, i) => Math.log(c / closes[i]!));
    const mean = changes.reduce((a, b) => a + b, 0) / 3;
    const vol = Math.sqrt(changes.reduce((a, r) => a + (r - mean) ** 2, 0) / 2) * Math.sqrt(260);
    const held = heldSeries(drive(style, makeBars('GBP/USD', closes)), 'GBP/USD');
    expect(held[3]).toBeCloseTo(0.1 / vol, 10);
  });
});

describe('index dip buying', () => {
  it('buys a drop from the recent high and sells the rebound', () => {
    const style = createDipBuyer({ kind: 'dip', symbols: ['US500'], timeframe: '1D', lookback: 3, dropPct: 0.05, reboundPct: 0.03, stopPct: 0.1, maxBars: 100, weight: 1.5 });
    expect(heldSeries(drive(style, makeBars('US500', [100, 100, 100, 94, 96, 97])), 'US500')).toEqual([0, 0, 0, 1.5, 1.5, 0]);
  });
});

describe('martingale', () => {
  const style = (maxSteps: number) => createMartingale({ kind: 'martingale', symbol: 'X', timeframe: '4h', baseWeight: 1, factor: 2, maxSteps, takePct: 0.02, stopPct: 0.02 });

  it('doubles the next bet after each loss and starts over after a win', () => {
    const closes = [100, 101, 98.9, 97.9, 100, 101, 103.1, 104];
    expect(heldSeries(drive(style(4), makeBars('X', closes, '4h')), 'X')).toEqual([0, 1, 0, -2, 0, 4, 0, 1]);
  });

  it('writes the streak off after `maxSteps` doublings', () => {
    // Three losses in a row with at most one doubling: 1, 2, then back to 1.
    const closes = [100, 101, 98.9, 97.9, 100, 101, 98.9];
    expect(heldSeries(drive(style(1), makeBars('X', closes, '4h')), 'X')).toEqual([0, 1, 0, -2, 0, 1, 0]);
  });
});

describe('steady allocation', () => {
  it('holds a small position only above its average, with a band against churn', () => {
    const style = createSteady({ kind: 'steady', allocations: [{ symbol: 'A', weight: 0.1 }], timeframe: '1D', trend: 3, band: 0.01 });
    expect(heldSeries(drive(style, makeBars('A', [10, 10, 10, 10.05, 10.5, 10.2, 9.9])), 'A')).toEqual([0, 0, 0, 0, 0.1, 0.1, 0]);
  });
});

describe('crypto degen', () => {
  it('apes into one breakout at a time with leverage and takes the moonshot target', () => {
    const style = createCryptoDegen({ kind: 'degen', symbols: ['A', 'B'], timeframe: '4h', lookback: 3, fomoChance: 0, pumpPct: 0.05, weight: 2, stopPct: 0.1, targetPct: 0.2, maxBars: 100 });
    const steps = drive(style, makeBars('A', [10, 10, 10, 11, 12, 13.5], '4h'), makeBars('B', [10, 10, 10, 11, 11, 11], '4h'));
    expect(heldSeries(steps, 'A')).toEqual([0, 0, 0, 2, 2, 0]);
    expect(heldSeries(steps, 'B').slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
  });

  it('chases a pump without a breakout when FOMO strikes', () => {
    const style = createCryptoDegen({ kind: 'degen', symbols: ['A'], timeframe: '4h', lookback: 3, fomoChance: 1, pumpPct: 0.05, weight: 2, stopPct: 0.1, targetPct: 0.2, maxBars: 100 });
    const bars = makeBars('A', [20, 20, 20, 15, { open: 15, close: 16 }], '4h');
    expect(heldSeries(drive(style, bars), 'A')).toEqual([0, 0, 0, 0, 2]);
  });
});

describe('conservative stock picking', () => {
  it('buys a quality name on a discount to its short average and takes a modest gain', () => {
    const style = createStockPicker({ kind: 'picker', symbols: ['JPM'], timeframe: '1D', longTrend: 4, shortTrend: 2, discountPct: 0.02, takePct: 0.05, stopPct: 0.05, maxBars: 100, weight: 0.25 });
    expect(heldSeries(drive(style, makeBars('JPM', [10, 12, 14, 16, 15.3, 16.1])), 'JPM')).toEqual([0, 0, 0, 0, 0.25, 0]);
  });
});
