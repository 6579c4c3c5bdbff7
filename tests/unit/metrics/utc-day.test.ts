import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayIndex, dayIndexFromUtcDay, monthOf, utcDayFromIndex } from '../../../src/shared/metrics';

describe('UTC days', () => {
  it('numbers days from 1970-01-01 and starts a day at exactly 00:00:00.000', () => {
    expect(dayIndex(0)).toBe(0);
    expect(utcDayFromIndex(0)).toBe('1970-01-01');
    expect(dayIndex(Date.UTC(2024, 1, 29) - 1)).toBe(dayIndex(Date.UTC(2024, 1, 28)));
    expect(utcDayFromIndex(dayIndex(Date.UTC(2024, 1, 29)))).toBe('2024-02-29');
    expect(utcDayFromIndex(-1)).toBe('1969-12-31');
  });

  it('agrees with Date for every day of years 0–9999 (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -719_528, max: 2_932_896 }), (i) => {
        const iso = new Date(i * 86_400_000).toISOString().slice(0, 10);
        expect(utcDayFromIndex(i)).toBe(iso);
        expect(dayIndexFromUtcDay(iso)).toBe(i);
      }),
    );
  });

  it('rejects text that is not a calendar day', () => {
    expect(() => dayIndexFromUtcDay('2025-1-01')).toThrow(RangeError);
    expect(() => dayIndexFromUtcDay('2025-02-30')).toThrow(RangeError);
    expect(() => dayIndexFromUtcDay('2025-13-01')).toThrow(RangeError);
  });

  it('names the month of a day', () => {
    expect(monthOf('2025-03-31')).toBe('2025-03');
  });
});
