import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isOnStep, roundToStep, stepDecimals } from '../../../src/shared/numbers/steps';

describe('rounding to tick size and lot step', () => {
  it('counts the decimals of a step', () => {
    expect(stepDecimals(0.01)).toBe(2);
    expect(stepDecimals(1e-8)).toBe(8);
    expect(stepDecimals(0.25)).toBe(2);
    expect(stepDecimals(5)).toBe(0);
    expect(() => stepDecimals(0)).toThrow(RangeError);
  });

  it('rounds to the nearest multiple without binary noise', () => {
    expect(roundToStep(0.1 + 0.2, 0.1)).toBe(0.3);
    expect(roundToStep(101.234, 0.01)).toBe(101.23);
    expect(roundToStep(101.235, 0.25)).toBe(101.25);
    expect(roundToStep(1.000049, 0.0001)).toBe(1);
  });

  it('rounds down and up on request, treating values already on the grid as exact', () => {
    expect(roundToStep(0.129, 0.01, 'down')).toBe(0.12);
    expect(roundToStep(0.121, 0.01, 'up')).toBe(0.13);
    expect(roundToStep(2.0000000001, 0.01, 'up')).toBe(2);
    expect(roundToStep(0.3, 0.1, 'down')).toBe(0.3);
  });

  it('always lands on the grid (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constantFrom(0.00001, 0.001, 0.01, 0.1, 0.25, 1, 5), (value, step) => {
        const r = roundToStep(value, step);
        expect(isOnStep(r, step)).toBe(true);
        expect(Math.abs(r - value)).toBeLessThanOrEqual(step / 2 + step * 1e-9);
      }),
    );
  });
});

describe('grid rounder (hot loops)', () => {
  it('agrees with roundToStep for the steps instruments use', async () => {
    const { gridRounder } = await import('../../../src/shared/numbers/steps');
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.constantFrom(0.00001, 0.0001, 0.001, 0.01, 0.1, 0.25, 1, 1000), (value, step) => {
        expect(gridRounder(step)(value)).toBe(roundToStep(value, step));
      }),
    );
  });
});
