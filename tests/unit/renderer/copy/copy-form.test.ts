import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { guardsSchema, type Guards, type Sizing } from '../../../../src/shared/copy/copy-settings';
import { advancedSetCount, inputsFromSettings, isAdvancedPath, percentOf, plain, readSettings, suggestedAllocation, type CopyFormInputs } from '../../../../src/renderer/src/features/copy/copy-form';

const DEFAULTS: Guards = guardsSchema.parse({});
const form = (change: Partial<CopyFormInputs> = {}): CopyFormInputs => ({ ...inputsFromSettings('paper-1', 10_000), ...change });
const errorsOf = (f: CopyFormInputs): Record<string, string> => {
  const r = readSettings(f);
  if (r.ok) throw new Error('expected errors');
  return { ...r.errors };
};
const valueOf = (f: CopyFormInputs) => {
  const r = readSettings(f);
  if (!r.ok) throw new Error(`unexpected errors: ${JSON.stringify(r.errors)}`);
  return r.value;
};

describe('copy dialog inputs', () => {
  it('start proportional with the contract’s default guards: a 60 % copy stop-loss and a 60 s signal TTL', () => {
    const f = form();
    expect(f).toMatchObject({ mode: 'proportional', stopLossPct: '60', takeProfitPct: '', signalTtlSeconds: '60', slippageAction: 'skip', symbolMap: [] });
    expect(valueOf(f)).toEqual({ allocation: 10_000, sizing: { mode: 'proportional' }, guards: DEFAULTS });
  });

  it('read percentages as fractions and a take-profit gain as a multiple of the allocation', () => {
    const v = valueOf(form({ stopLossPct: '35', takeProfitPct: '50', maxSlippageBps: '25', slippageAction: 'limit' }));
    expect(v.guards).toMatchObject({ stopLoss: 0.35, takeProfit: 1.5, maxSlippageBps: 25, slippageAction: 'limit' });
  });

  it('leave a blank optional guard unlimited and a blank stop-loss off', () => {
    const v = valueOf(form({ stopLossPct: '', maxOpenPositions: ' ', maxLeverage: '' }));
    expect(v.guards).toMatchObject({ stopLoss: null, maxOpenPositions: null, maxLeverage: null });
  });

  it('read symbol lists in upper case, split on commas and spaces; a blank allowed list allows everything', () => {
    const v = valueOf(form({ allowedSymbols: 'btc/usdt, ETH/USDT  sol/usdt', blockedSymbols: 'doge/usdt' }));
    expect(v.guards.allowedSymbols).toEqual(['BTC/USDT', 'ETH/USDT', 'SOL/USDT']);
    expect(v.guards.blockedSymbols).toEqual(['DOGE/USDT']);
    expect(valueOf(form({ allowedSymbols: '  ' })).guards.allowedSymbols).toBeNull();
  });

  it('build the symbol map from its rows and skip empty ones', () => {
    const v = valueOf(form({ symbolMap: [{ from: 'btc-usd', to: 'BTC/USDT' }, { from: '', to: '' }] }));
    expect(v.guards.symbolMap).toEqual({ 'BTC-USD': 'BTC/USDT' });
  });

  it('read each sizing mode with its own parameters', () => {
    expect(valueOf(form({ mode: 'fixed', fixedBy: 'qty', fixedValue: '0.25' })).sizing).toEqual({ mode: 'fixed', qty: 0.25 });
    expect(valueOf(form({ mode: 'fixed', fixedBy: 'notional', fixedValue: '1,500' })).sizing).toEqual({ mode: 'fixed', notional: 1500 });
    expect(valueOf(form({ mode: 'multiplier', factor: '2.5' })).sizing).toEqual({ mode: 'multiplier', factor: 2.5 });
    expect(valueOf(form({ mode: 'risk', targetVolatilityPct: '15', maxScale: '2' })).sizing).toEqual({ mode: 'risk', targetVolatility: 0.15, maxScale: 2 });
  });

  it('name each wrong field by the request path the API uses, in words a trader understands', () => {
    expect(errorsOf(form({ allocation: '' }))).toEqual({ allocation: 'Enter an amount above 0' });
    expect(errorsOf(form({ allocation: '-5' }))).toHaveProperty('allocation');
    expect(errorsOf(form({ mode: 'multiplier', factor: '0' }))).toEqual({ 'sizing.factor': 'A factor above 0, at most 1,000' });
    expect(errorsOf(form({ mode: 'fixed', fixedBy: 'notional', fixedValue: 'abc' }))).toHaveProperty('sizing.notional');
    expect(errorsOf(form({ mode: 'risk', targetVolatilityPct: '0.5' }))).toHaveProperty('sizing.targetVolatility');
    expect(errorsOf(form({ stopLossPct: '120' }))).toHaveProperty('guards.stopLoss');
    // 0 % would never fire and 100 % would fire at once: both are refused in words, as the API does.
    expect(errorsOf(form({ stopLossPct: '0' }))).toEqual({ 'guards.stopLoss': 'Above 0 % and below 100 % of the allocation, or blank for none' });
    expect(errorsOf(form({ stopLossPct: '100' }))).toHaveProperty('guards.stopLoss');
    expect(errorsOf(form({ takeProfitPct: '0' }))).toHaveProperty('guards.takeProfit');
    expect(errorsOf(form({ maxOpenPositions: '2.5' }))).toHaveProperty('guards.maxOpenPositions');
    expect(errorsOf(form({ signalTtlSeconds: '' }))).toHaveProperty('guards.signalTtlSeconds');
  });

  it('report every wrong field at once', () => {
    expect(Object.keys(errorsOf(form({ allocation: '0', stopLossPct: 'x', maxLeverage: '500' }))).sort()).toEqual(['allocation', 'guards.maxLeverage', 'guards.stopLoss']);
  });

  it('flag a half-filled or repeated symbol map row by its leader symbol, as the API does', () => {
    expect(errorsOf(form({ symbolMap: [{ from: 'BTC-USD', to: '' }] }))).toEqual({ 'guards.symbolMap.BTC-USD': 'Give both symbols: the leader’s and yours' });
    expect(errorsOf(form({ symbolMap: [{ from: '', to: 'ETH/USDT' }] }))).toHaveProperty('guards.symbolMap.#0');
    expect(errorsOf(form({ symbolMap: [{ from: 'A', to: 'B' }, { from: 'a', to: 'C' }] }))).toEqual({ 'guards.symbolMap.A': 'A is mapped twice' });
  });

  it('show a follow’s settings back as they were saved', () => {
    const sizing: Sizing = { mode: 'risk', targetVolatility: 0.07, maxScale: 3 };
    const guards: Guards = { ...DEFAULTS, stopLoss: 0.45, takeProfit: 1.25, allowedSymbols: ['BTC/USDT'], symbolMap: { 'BTC-USD': 'BTC/USDT' }, reverse: true };
    const f = inputsFromSettings('acc', 2500, sizing, guards);
    expect(f).toMatchObject({ allocation: '2500', targetVolatilityPct: '7', stopLossPct: '45', takeProfitPct: '25', allowedSymbols: 'BTC/USDT', reverse: true });
    expect(valueOf(f)).toEqual({ allocation: 2500, sizing, guards });
  });

  it('read any valid settings back unchanged after showing them (property)', () => {
    const amount = fc.double({ min: 0.01, max: 1e9, noNaN: true }).map((x) => Number(x.toPrecision(8)));
    const sizing: fc.Arbitrary<Sizing> = fc.oneof(
      fc.constant<Sizing>({ mode: 'proportional' }),
      amount.map((qty): Sizing => ({ mode: 'fixed', qty })),
      amount.map((notional): Sizing => ({ mode: 'fixed', notional })),
      fc.integer({ min: 1, max: 1000 }).map((n): Sizing => ({ mode: 'multiplier', factor: n / 4 })),
      fc.record({ v: fc.integer({ min: 1, max: 200 }), s: fc.integer({ min: 1, max: 20 }) }).map(({ v, s }): Sizing => ({ mode: 'risk', targetVolatility: v / 100, maxScale: s })),
    );
    const guards: fc.Arbitrary<Guards> = fc.record({
      stopLoss: fc.option(fc.integer({ min: 1, max: 99 }).map((p) => p / 100)),
      takeProfit: fc.option(fc.integer({ min: 1, max: 900 }).map((p) => 1 + p / 100)),
      maxOpenPositions: fc.option(fc.integer({ min: 1, max: 1000 })),
      maxPositionValue: fc.option(amount),
      maxLeverage: fc.option(fc.integer({ min: 1, max: 100 })),
      allowedSymbols: fc.option(fc.uniqueArray(fc.constantFrom('BTC/USDT', 'ETH/USDT', 'AAPL'), { minLength: 1 })),
      blockedSymbols: fc.uniqueArray(fc.constantFrom('SOL/USDT', 'EUR/USD')),
      symbolMap: fc.dictionary(fc.constantFrom('BTC-USD', 'ETH-USD'), fc.constantFrom('BTC/USDT', 'ETH/USDT')),
      maxSlippageBps: fc.option(fc.integer({ min: 0, max: 10_000 })),
      slippageAction: fc.constantFrom('skip' as const, 'limit' as const),
      signalTtlSeconds: fc.integer({ min: 1, max: 86_400 }),
      copyOpenPositions: fc.boolean(),
      reverse: fc.boolean(),
      closeOnly: fc.boolean(),
    });
    fc.assert(
      fc.property(amount, sizing, guards, (allocation, s, g) => {
        const back = valueOf(inputsFromSettings('acc', allocation, s, g));
        expect(back.allocation).toBe(allocation);
        expect(back.sizing).toEqual(s);
        expect(back.guards).toEqual(g);
      }),
    );
  });
});

describe('copy dialog helpers', () => {
  it('suggest a tenth of the free equity in whole units, none when nothing is free', () => {
    expect(suggestedAllocation(100_000)).toBe(10_000);
    expect(suggestedAllocation(1234.56)).toBe(123);
    expect(suggestedAllocation(5)).toBeNull();
  });

  it('express the allocation as a percentage of equity, unknown without one', () => {
    expect(percentOf(10_000, 100_000)).toBe(10);
    expect(percentOf(undefined, 100_000)).toBeNull();
    expect(percentOf(10, 0)).toBeNull();
  });

  it('count the advanced guards moved away from their defaults', () => {
    expect(advancedSetCount(form())).toBe(0);
    expect(advancedSetCount(form({ stopLossPct: '20' }))).toBe(0);
    expect(advancedSetCount(form({ takeProfitPct: '50', reverse: true, symbolMap: [{ from: 'X', to: '' }] }))).toBe(3);
  });

  it('know which request paths belong to the advanced section', () => {
    expect(isAdvancedPath('guards.symbolMap.BTC-USD')).toBe(true);
    expect(isAdvancedPath('guards.maxLeverage')).toBe(true);
    expect(isAdvancedPath('guards.stopLoss')).toBe(false);
    expect(isAdvancedPath('allocation')).toBe(false);
  });

  it('print numbers without binary noise', () => {
    expect(plain(0.07 * 100)).toBe('7');
    expect(plain(1.1 * 3)).toBe('3.3');
  });
});
