import { describe, expect, it } from 'vitest';
import { DASH, formatAge, formatCount, formatDrawdown, formatHolding, formatPercent, formatRatio, formatReturn, toneOf } from '../../../../src/renderer/src/features/strategy/figures';

describe('figures for display', () => {
  it('shows a missing figure as a dash, never as zero', () => {
    for (const f of [formatReturn, formatPercent, formatDrawdown, formatRatio, formatHolding, formatAge, formatCount]) {
      expect(f(null)).toBe(DASH);
      expect(f(undefined)).toBe(DASH);
      expect(f(Number.NaN)).toBe(DASH);
    }
    expect(toneOf(null)).toBe('');
  });

  it('formats returns as signed percentages with a true minus sign', () => {
    expect(formatReturn(0.1234)).toBe('+12.34%');
    expect(formatReturn(-0.05)).toBe('−5.00%');
    expect(formatReturn(0)).toBe('0.00%');
    expect(formatReturn(0.00001)).toBe('0.00%'); // rounds to zero: no sign
    expect(formatReturn(1.2351)).toBe('+123.5%'); // three digits: one decimal
    expect(formatReturn(25.5)).toBe('+2,550%'); // four: none, grouped
    expect(formatReturn(0.1234, 1)).toBe('+12.3%');
  });

  it('formats unsigned fractions, drawdowns as losses, and ratios', () => {
    expect(formatPercent(0.253)).toBe('25.3%');
    expect(formatPercent(0.5, 0)).toBe('50%');
    expect(formatDrawdown(0.253)).toBe('−25.3%');
    expect(formatDrawdown(0)).toBe('0.0%');
    expect(formatRatio(1.234)).toBe('+1.23');
    expect(formatRatio(-0.5)).toBe('−0.50');
    expect(formatRatio(0)).toBe('0.00');
  });

  it('says holding times and track records in the unit that reads best', () => {
    expect(formatHolding(42)).toBe('42s');
    expect(formatHolding(12 * 60)).toBe('12m');
    expect(formatHolding(3.4 * 3600)).toBe('3.4h');
    expect(formatHolding(2.1 * 86_400)).toBe('2.1d');
    expect(formatAge(45)).toBe('45d');
    expect(formatAge(200)).toBe('6mo');
    expect(formatAge(800)).toBe('2.2y');
    expect(formatCount(12_345)).toBe('12,345');
  });

  it('colours gains green and losses red, zero neither', () => {
    expect(toneOf(0.01)).toBe('up');
    expect(toneOf(-0.01)).toBe('down');
    expect(toneOf(0)).toBe('');
  });
});
